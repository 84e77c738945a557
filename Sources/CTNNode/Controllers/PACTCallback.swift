import CTNModel
import CTNStore
import CurlHTTP
import Foundation
import Synchronization

/// The answer to a footprint request, sent to the requester's events endpoint with the
/// credentials the requester issued (the requester registered as a PACT partner host), retried
/// with exponential backoff: 1, 2, 4 … 64 s, eight tries in about four minutes; at most 64 answers
/// in flight.
enum PACTCallback {
    static let attempts = 8
    /// Answers being delivered; beyond `maxPending` new requests are refused until some are done.
    static let pending = Mutex(0)
    static let maxPending = 64

    static func admit() -> Bool {
        pending.withLock { n in
            guard n < maxPending else { return false }
            n += 1
            return true
        }
    }

    static func done() { pending.withLock { $0 = max(0, $0 - 1) } }

    /// The partner a request's `source` names: the same host and path (with or without `/{2,3}/events`).
    static func partner(_ source: String, among partners: [PACTSupplierRecord]) -> PACTSupplierRecord? {
        var url = source.hasPrefix("//") ? "https:" + source : source
        for suffix in ["/2/events", "/3/events", "/events", "/"] where url.hasSuffix(suffix) { url = String(url.dropLast(suffix.count)) }
        return partners.first { $0.baseURL == url || $0.baseURL == url + "/pact" }
    }

    static func send(_ event: JSONValue, version: Int, to partner: PACTSupplierRecord) async {
        for attempt in 0..<attempts {
            // libcurl blocks: off the cooperative pool, so that slow partners never hold the node's threads.
            if (try? await OffPool.run({ try deliver(event, version: version, to: partner) })) == true { return }
            try? await Task.sleep(nanoseconds: UInt64(1 << attempt) * 1_000_000_000)
        }
    }

    static func deliver(_ event: JSONValue, version: Int, to partner: PACTSupplierRecord) throws -> Bool {
        let curl = CurlClient(caFile: partner.caFile, connectTimeout: 5, timeout: 20)
        curl.maxBodyBytes = 1 << 16
        let basic = Data("\(partner.clientId):\(partner.clientSecret)".utf8).base64EncodedString()
        let token = try curl.request(
            "POST", partner.baseURL + "/auth/token",
            headers: ["Authorization: Basic \(basic)", "Content-Type: application/x-www-form-urlencoded"],
            body: Array("grant_type=client_credentials".utf8))
        guard token.status == 200, let access = (try? JSONParser.parse(token.body))?["access_token"]?.stringValue else { return false }
        let answer = try curl.request(
            "POST", partner.baseURL + "/\(version)/events",
            headers: ["Authorization: Bearer \(access)", "Content-Type: application/cloudevents+json; charset=UTF-8"],
            body: Array(CanonicalJSON.encode(event).utf8))
        return (200..<300).contains(answer.status)
    }
}
