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
