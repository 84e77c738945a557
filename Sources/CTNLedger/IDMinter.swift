import CTNModel
import Crypto
import Foundation

/// Mints the node's 128-bit IDs: SHA-256 over the node secret, the tenant, the kind and a fresh
/// random nonce, truncated to 128 bits. Nothing about the thing named can be recovered from it.
public struct IDMinter: Sendable {
    let secret: [UInt8]

    public init(secret: [UInt8]) { self.secret = secret }

    public func mint(tenant: String, kind: String) -> ID128 {
        var h = SHA256()
        h.update(data: secret)
        h.update(data: Array("\u{0}\(tenant)\u{0}\(kind)\u{0}".utf8))
        h.update(data: secureRandomBytes(16))
        return ID128(bytes: Array(h.finalize()))
    }
}
