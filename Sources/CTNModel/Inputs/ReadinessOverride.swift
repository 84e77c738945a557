import Foundation

/// A written override of CRITICAL readiness findings: the codes it covers and why.
public struct ReadinessOverride: Sendable, Equatable {
    public var justification: String
    public var codes: [String]

    public init(justification: String, codes: [String]) {
        self.justification = justification
        self.codes = codes
    }

    /// Reads `override`; nil when absent.
    public init?(_ request: ValidatedRequest) throws(Problem) {
        guard let o = try request.optionalObject("override") else { return nil }
        justification = try o.string("justification")
        guard justification.trimmingCharacters(in: .whitespacesAndNewlines).count >= 20 else {
            throw Problem.invalidValue(o.field("justification"), "must say why, in at least 20 characters")
        }
        codes = try o.strings("codes")
    }

    public var json: JSONValue { ["justification": .string(justification), "codes": .array(codes.map { .string($0) })] }
}
