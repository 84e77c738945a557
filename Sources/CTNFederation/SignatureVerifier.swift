import CTNModel
import Crypto
import Foundation
import Synchronization

/// Checks signed requests against the peer directory: known node, valid signature over the covered
/// components, body matching its digest, date and `created` within the allowed skew, nonce unseen.
public final class SignatureVerifier: Sendable {
    public let maxSkew: TimeInterval
    /// This node: requests signed for another node are refused.
    public let nodeId: String
    private let directory: Mutex<PeerDirectory>
    /// Nonces seen, with when: each is accepted once within the window its date is acceptable in.
    private let seen: Mutex<NonceStore>

    public init(directory: PeerDirectory, nodeId: String, maxSkew: TimeInterval = 300) {
        self.directory = Mutex(directory)
        self.nodeId = nodeId
        self.maxSkew = maxSkew
        self.seen = Mutex(NonceStore(window: 2 * maxSkew))
    }

    public func update(_ d: PeerDirectory) { directory.withLock { $0 = d } }

    /// `headers` with lowercase names.
    public func verify(
        method: String, path: String, headers: [String: String], body: [UInt8], now: Date = Date()
    ) throws -> MessageSignature.Verified {
        typealias R = MessageSignature.Refused
        guard let input = headers["signature-input"], let sig = headers["signature"] else { throw R(reason: "no signature") }
        let label = MessageSignature.label + "="
        guard input.hasPrefix(label), sig.hasPrefix(label + ":"), sig.hasSuffix(":") else { throw R(reason: "unexpected signature label") }
        let params = String(input.dropFirst(label.count))
        func param(_ name: String) -> String? {
            guard let r = params.range(of: ";\(name)=") else { return nil }
            let rest = params[r.upperBound...]
            let value = rest.prefix { $0 != ";" }
            return value.hasPrefix("\"") ? String(value.dropFirst().dropLast()) : String(value)
        }
        let expected = "(" + MessageSignature.components.map { "\"\($0)\"" }.joined(separator: " ") + ")"
        guard params.hasPrefix(expected + ";") else { throw R(reason: "signature must cover \(expected)") }
        guard param("alg") == "ed25519", let keyid = param("keyid"), let nonce = param("nonce"), !nonce.isEmpty,
            let created = param("created").flatMap(Int64.init)
        else { throw R(reason: "incomplete signature parameters") }
        guard let peer = directory.withLock({ $0[keyid] }) else { throw R(reason: "unknown node \(keyid)") }
        guard let dateText = headers["date"], let date = MessageSignature.parseHTTPDate(dateText) else {
            throw R(reason: "missing or invalid date")
        }
        let createdDate = Date(timeIntervalSince1970: TimeInterval(created))
        guard abs(date.timeIntervalSince(now)) <= maxSkew, abs(createdDate.timeIntervalSince(now)) <= maxSkew else {
            throw R(reason: "date outside the allowed clock skew of \(Int(maxSkew)) s")
        }
        guard headers["ctn-target-node"] == nodeId else {
            throw R(reason: "the request was signed for node \(headers["ctn-target-node"] ?? "(none)"), not for \(nodeId)")
        }
        guard headers["content-digest"] == MessageSignature.contentDigest(body) else {
            throw R(reason: "body does not match content-digest")
        }
        guard let acting = headers["ctn-acting-business"], let business = BusinessRef(acting), business.nodeId == keyid else {
            throw R(reason: "ctn-acting-business must be <businessId>@\(keyid)")
        }
        guard let sigBytes = Data(base64Encoded: String(sig.dropFirst(label.count + 1).dropLast())),
            peer.publicKey.isValidSignature(
                sigBytes, for: Array(MessageSignature.base(method: method, path: path, headers: headers, params: params).utf8))
        else {
            throw R(reason: "signature does not verify with \(keyid)'s key")
        }
        // Replay protection: each nonce once within the window in which its date is acceptable.
        switch seen.withLock({ $0.insert(keyid + " " + nonce, now: now) }) {
        case .fresh: break
        case .replayed: throw R(reason: "replayed signature")
        case .full: throw R(reason: "too many signed requests within the replay window; try again later")
        }
        return MessageSignature.Verified(nodeId: keyid, actingBusiness: business)
    }
}
