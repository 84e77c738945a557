import CTNModel
import Crypto
import Foundation
import Synchronization

/// HTTP Message Signatures (RFC 9421) between nodes, with Ed25519 (`alg="ed25519"`). Covered
/// components: `@method`, `@request-target` (the path with its query, as sent), `date`, `content-digest` (RFC 9530, SHA-256 of the body) and
/// `ctn-acting-business` (`<businessId>@<nodeId>`) and `ctn-target-node` (the node the request is
/// for, so that it cannot be replayed to another one); parameters `created`, `keyid` (the signing
/// node's ID), `alg` and a random `nonce` against replay.
public enum MessageSignature {
    public static let components = ["@method", "@request-target", "date", "content-digest", "ctn-acting-business", "ctn-target-node"]
    public static let label = "ctn"

    public static func contentDigest(_ body: [UInt8]) -> String {
        "sha-256=:" + Data(SHA256.hash(data: body)).base64EncodedString() + ":"
    }

    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// IMF-fixdate (RFC 9110 section 5.6.7), without a DateFormatter per call.
    static func httpDate(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return
            "\(days[Int(tm.tm_wday)]), \(two(tm.tm_mday)) \(months[Int(tm.tm_mon)]) \(tm.tm_year + 1900) \(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec)) GMT"
    }

    static func parseHTTPDate(_ s: String) -> Date? {
        let parts = s.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), days.contains(String(parts[0].dropLast())), parts[5] == "GMT",
            let day = Int32(parts[1]), let month = months.firstIndex(of: String(parts[2])), let year = Int32(parts[3]),
            (1970...9999).contains(year)
        else { return nil }
        let hms = parts[4].split(separator: ":").compactMap { Int32($0) }
        guard hms.count == 3, (1...31).contains(day), (0...23).contains(hms[0]), (0...59).contains(hms[1]), (0...60).contains(hms[2]) else {
            return nil
        }
        var tm = tm()
        tm.tm_year = year - 1900
        tm.tm_mon = Int32(month)
        tm.tm_mday = day
        tm.tm_hour = hms[0]
        tm.tm_min = hms[1]
        tm.tm_sec = hms[2]
        return Date(timeIntervalSince1970: TimeInterval(timegm(&tm)))
    }

    /// The signature base of RFC 9421 section 2.5 for our fixed component list.
    static func base(method: String, path: String, headers: [String: String], params: String) -> String {
        var lines: [String] = []
        for c in components {
            let value: String
            switch c {
            case "@method": value = method.uppercased()
            case "@request-target": value = path
            default: value = headers[c] ?? ""
            }
            lines.append("\"\(c)\": \(value)")
        }
        lines.append("\"@signature-params\": \(params)")
        return lines.joined(separator: "\n")
    }

    static func params(created: Int64, keyid: String, nonce: String) -> String {
        "(" + components.map { "\"\($0)\"" }.joined(separator: " ")
            + ");created=\(created);keyid=\"\(keyid)\";alg=\"ed25519\";nonce=\"\(nonce)\""
    }

    /// Headers to add to a request from `nodeId`, acting for `business`, to node `target`.
    public static func sign(
        method: String, path: String, body: [UInt8], actingBusiness: String, nodeId: String, target: String,
        key: Curve25519.Signing.PrivateKey, now: Date = Date()
    ) -> [String: String] {
        var headers: [String: String] = [
            "date": httpDate(now), "content-digest": contentDigest(body), "ctn-acting-business": actingBusiness,
            "ctn-target-node": target,
        ]
        let p = params(created: Int64(now.timeIntervalSince1970), keyid: nodeId, nonce: Data(secureRandomBytes(16)).base64EncodedString())
        // Signing fails only if the crypto library does; the request then goes unsigned and the peer refuses it.
        guard let signature = try? key.signature(for: Array(base(method: method, path: path, headers: headers, params: p).utf8)) else {
            return headers
        }
        headers["signature-input"] = "\(label)=\(p)"
        headers["signature"] = "\(label)=:\(signature.base64EncodedString()):"
        return headers
    }

    /// Why a signed request was refused.
    public struct Refused: Error, Sendable, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// The verified caller of a signed request.
    public struct Verified: Sendable, Equatable {
        public var nodeId: String
        public var actingBusiness: BusinessRef
    }
}
