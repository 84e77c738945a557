import CTNModel
import Crypto
import Foundation

/// Bearer tokens: 32 random bytes, shown once; only their SHA-256 is stored.
public enum Tokens {
    public static func generate() -> String {
        "ctn_" + Base64URL.encode(secureRandomBytes(32))
    }

    public static func hash(_ token: String) -> String { LedgerHashing.sha256Hex(token) }
}

extension Tokens {
    /// Compares two secrets (or their hashes) in time independent of where they differ.
    public static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        return x.count == y.count && zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
