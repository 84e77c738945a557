import CTNModel
import Crypto
import Foundation

public typealias PublicSigningKey = Curve25519.Signing.PublicKey

/// One accepted contract call, as kept in the ledger.
public struct LedgerEvent: Sendable, Equatable {
    public var seq: Int64
    public var ledgerTime: Int64
    public var sourceTime: Int64
    public var tenantId: String
    public var contract: String
    public var event: String
    /// Canonical JSON of the call's parameters and its effect.
    public var payload: String
    public var payloadHash: String
    public var prevHash: String
    public var hash: String

    public init(
        seq: Int64, ledgerTime: Int64, sourceTime: Int64, tenantId: String, contract: String, event: String,
        payload: String, payloadHash: String, prevHash: String, hash: String
    ) {
        self.seq = seq
        self.ledgerTime = ledgerTime
        self.sourceTime = sourceTime
        self.tenantId = tenantId
        self.contract = contract
        self.event = event
        self.payload = payload
        self.payloadHash = payloadHash
        self.prevHash = prevHash
        self.hash = hash
    }
}
