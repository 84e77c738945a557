import CTNModel
import Crypto
import Foundation

/// What verifying a ledger found: events checked, the signed head, and each failure.
public struct VerificationReport: Sendable, Equatable {
    public var events: Int64
    public var headSeq: Int64
    public var headHash: String
    /// nil when everything verified.
    public var failure: Failure?

    /// One place where the ledger does not hold together.
    public struct Failure: Sendable, Equatable {
        public var seq: Int64
        public var reason: String
    }
    public var ok: Bool { failure == nil }
}
