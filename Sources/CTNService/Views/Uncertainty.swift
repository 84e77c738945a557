import CTNCarbon
import CTNModel

/// How uncertainties and evidence shares appear in answers and statements: relative standard
/// uncertainties are kept at k = 1 and shown expanded to k = 2 with the coverage factor and the
/// band it gives; evidence shares are a map of tier to share of the CO2.
public enum Uncertainty {
    public static let coverageFactor = 2.0

    /// `{"u", "coverageFactor", "low", "high"}` for a value with relative standard uncertainty `u`;
    /// `unquantifiedShare` when part of the value states no uncertainty.
    public static func json(u: Double, value: Double?, unquantifiedShare: Double? = nil) -> JSONValue {
        var o = JSONObject()
        let expanded = u * coverageFactor
        o["u"] = .number(expanded)
        o["coverageFactor"] = .number(coverageFactor)
        o["basis"] = "relative, expanded (about 95 %); parts of one source add linearly, independent sources in quadrature"
        if let value {
            o["low"] = .number(value * (1 - expanded))
            o["high"] = .number(value * (1 + expanded))
        }
        if let unquantifiedShare { o["unquantifiedShare"] = .number(unquantifiedShare) }
        return .object(o)
    }

    /// The relative standard uncertainty (k = 1) an answer or statement states, if any.
    public static func standard(_ json: JSONValue?) -> Double? {
        guard let u = json?["u"]?.numberValue, let k = json?["coverageFactor"]?.numberValue, k > 0, u >= 0, u.isFinite else {
            return nil
        }
        return u / k
    }

    public static func json(shares: [String: Double]) -> JSONValue {
        var o = JSONObject()
        for tier in EvidenceTier.allCases.map(\.rawValue) { if let s = shares[tier] { o[tier] = .number(s) } }
        return .object(o)
    }

    /// Shares kept as canonical JSON (unknown tiers and non-numbers dropped).
    public static func shares(_ text: String) -> [String: Double]? {
        guard let value = try? JSONParser.parse(Array(text.utf8)) else { return nil }
        return shares(value)
    }

    public static func shares(_ value: JSONValue?) -> [String: Double]? {
        guard let object = value?.objectValue else { return nil }
        var out: [String: Double] = [:]
        for tier in EvidenceTier.allCases.map(\.rawValue) {
            if let s = object[tier]?.numberValue, s.isFinite, s >= 0 { out[tier] = s }
        }
        return out
    }

    public static func text(shares: [String: Double]) -> String { CanonicalJSON.encode(json(shares: shares)) }

    /// The tier most of the CO2 rests on (the better one on a tie).
    public static func dominant(_ shares: [String: Double]) -> String? {
        shares.compactMap { key, share in EvidenceTier(rawValue: key).map { ($0, share) } }
            .max { ($0.1, $0.0.rank) < ($1.1, $1.0.rank) }?.0.rawValue
    }
}
