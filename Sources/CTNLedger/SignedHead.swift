import CTNModel
import Crypto
import Foundation

/// The head of the ledger, signed by the node's Ed25519 key.
public struct SignedHead: Sendable, Equatable {
    public var seq: Int64
    public var hash: String
    public var signature: String  // base64

    public init(seq: Int64, hash: String, signature: String) {
        self.seq = seq
        self.hash = hash
        self.signature = signature
    }
}
