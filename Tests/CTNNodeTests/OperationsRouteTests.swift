import CTNModel
import CTNStore
import Foundation
import HTTPTypes
import Testing

@testable import CTNNode

/// What the operator sees and controls: the Prometheus series, readiness, request IDs, and the
/// per-tenant limits answered with 429 problems.
@Suite("Operations routes")
struct OperationsRouteTests {
    static let requestId = HTTPField.Name("X-Request-Id")
    /// The value of the sample `name{labels}` in a Prometheus text exposition (labels in any order).
    static func sample(_ text: String, _ name: String, _ labels: [String: String] = [:]) -> Double? {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let (series, value) = (line.split(separator: " ").dropLast().joined(separator: " "), line.split(separator: " ").last ?? "")
            let base = series.split(separator: "{", maxSplits: 1).first.map(String.init) ?? series
            guard base == name else { continue }
            let wanted = labels.allSatisfy { series.contains("\($0.key)=\"\($0.value)\"") }
            let count = series.filter { $0 == "=" }.count
            if wanted, count == labels.count { return Double(value) }
        }
        return nil
    }

    static let absentLot = String(repeating: "ab", count: 16)

    @Test("/metrics counts requests by route template and status, with latency, ledger and pool series, and names no tenant")
    func metrics() async throws {
        let h = try await NodeHarness()
        try await h.run { client in
            _ = try await client.call(.post, "/v1/lots", ["declaredUnit": "kg"])
            for _ in 0..<2 { #expect(try await client.call(.get, "/v1/lots/\(Self.absentLot)").status == 404) }
            #expect(try await client.call(.get, "/healthz", as: nil).status == 200)
            #expect(try await client.call(.get, "/no/such/route", as: nil).status == 404)
            // Invented methods share one label: no caller can grow the series.
            for name in ["FROB", "FRAB"] {
                let method = try #require(HTTPRequest.Method(name))
                #expect(try await client.call(method, "/healthz", as: nil).status == 405)
            }
            let head = try await client.call(.get, "/v1/ledger/head", as: nil)
            let r = try await client.call(.get, "/metrics", as: nil)
            #expect(r.status == 200 && r.contentType.hasPrefix("text/plain; version=0.0.4"))
            let text = r.text
            let lots = ["method": "GET", "route": "/v1/lots/{lotId}"]
            #expect(Self.sample(text, "ctn_http_requests_total", lots.merging(["status": "404"]) { a, _ in a }) == 2, "\(text)")
            #expect(Self.sample(text, "ctn_http_requests_total", ["method": "POST", "route": "/v1/lots", "status": "201"]) == 1)
            #expect(Self.sample(text, "ctn_http_requests_total", ["method": "GET", "route": "/healthz", "status": "200"]) == 1)
            #expect(Self.sample(text, "ctn_http_requests_total", ["method": "GET", "route": "unmatched", "status": "404"]) == 1)
            #expect(Self.sample(text, "ctn_http_requests_total", ["method": "other", "route": "unmatched", "status": "405"]) == 2)
            #expect(!text.contains("FROB") && !text.contains("FRAB"))
            #expect(Self.sample(text, "ctn_http_request_duration_seconds_count", lots) == 2)
            // Every request so far ended within the 10 s bucket, and took some time.
            #expect(Self.sample(text, "ctn_http_request_duration_seconds_bucket", lots.merging(["le": "10.0"]) { a, _ in a }) == 2)
            #expect((Self.sample(text, "ctn_http_request_duration_seconds_sum", lots) ?? 0) > 0)
            // This scrape itself is in flight.
            #expect(Self.sample(text, "ctn_http_requests_in_flight") == 1)
            #expect(Self.sample(text, "ctn_ledger_events") == head["seq"]?.numberValue)
            #expect((head["seq"]?.numberValue ?? 0) >= 1)
            #expect(Self.sample(text, "ctn_ledger_signed_size") == head["seq"]?.numberValue)
            #expect(Self.sample(text, "ctn_db_readers") == 8)
            #expect(Self.sample(text, "ctn_db_writes_waiting") == 0)
            #expect(text.contains("# HELP ctn_http_requests_total "))
            for (businessId, token) in h.tenants { #expect(!text.contains(businessId) && !text.contains(token)) }
            #expect(!text.contains("tenant-0") && !text.contains(Self.absentLot))
        }
    }

    @Test("Every answer carries a request ID: the caller's when it is a sane token, else a new one")
    func requestIds() async throws {
        let h = try await NodeHarness()
        let name = try #require(Self.requestId)
        try await h.run { client in
            let kept = try await client.call(.get, "/healthz", as: nil, headers: ["X-Request-Id": "trace-7f.A_1:2"])
            #expect(kept.headers[name] == "trace-7f.A_1:2")
            for insane in ["two words", String(repeating: "x", count: 129), "ü"] {
                let r = try await client.call(.get, "/healthz", as: nil, headers: ["X-Request-Id": insane])
                let id = r.headers[name] ?? ""
                #expect(id != insane && id.count == 32 && id.allSatisfy(\.isHexDigit), "\(id)")
            }
            let a = try await client.call(.get, "/v1/lots/\(Self.absentLot)")
            let b = try await client.call(.get, "/v1/lots/\(Self.absentLot)")
            let ia = a.headers[name]
            #expect(ia != nil && ia != b.headers[name])
        }
    }

    @Test("The NUL guard finds a NUL byte or %00 and names its place; other escapes pass")
    func nulGuard() {
        for (text, holds) in [
            ("a\u{0}b", true), ("%00", true), ("%%00", true), ("ab%00", true), ("%2500", false), ("%0 0", false), ("%0", false),
        ] {
            #expect(NULGuardMiddleware.holdsNUL(text.utf8) == holds, "\(text)")
        }
        #expect(NULGuardMiddleware.nulField(path: "/v1/lots/a%00", query: "node=x") == "path")
        #expect(NULGuardMiddleware.nulField(path: "/v1/lots/a", query: "node=x&time=1%00") == "time")
        #expect(NULGuardMiddleware.nulField(path: "/v1/lots/a", query: "no%00de=x") == "query")
        #expect(NULGuardMiddleware.nulField(path: "/v1/lots/a", query: "node=%2500") == nil)
    }

    @Test("/readyz answers 200 with the schema when every migration is applied")
    func ready() async throws {
        let h = try await NodeHarness()
        try await h.run { client in
            let r = try await client.call(.get, "/readyz", as: nil)
            #expect(r.status == 200 && r["status"]?.stringValue == "ready" && r["schema"]?.stringValue == "v22-tenant-limits", "\(r.json)")
        }
        let health = try await h.node.store.health()
        #expect(health.migrated && health.readersInUse == 0 && health.readers == 8 && !health.writerBusy)
    }

    @Test("A tenant past its rate gets 429 with Retry-After; other tenants, and a tenant with its own limit, do not")
    func rateLimit() async throws {
        let h = try await NodeHarness(limits: TenantLimits(ratePerSecond: 1, burst: 3, heavy: 1))
        // Tenant 2's own record lifts the rate (0: none), set before its first call.
        try await h.node.store.setLimits(tenantId: "tenant-2", TenantLimits(ratePerSecond: 0))
        try await h.run { client in
            for _ in 0..<3 { #expect(try await client.call(.get, "/v1/lots/\(Self.absentLot)").status == 404) }
            let refused = try await client.call(.get, "/v1/lots/\(Self.absentLot)")
            #expect(refused.status == 429 && refused.code == "rate_limited", "\(refused.json)")
            #expect(refused.contentType == "application/problem+json" && refused.headers[.retryAfter] == "1")
            #expect(try await client.call(.get, "/v1/lots/\(Self.absentLot)", as: 1).status == 404)
            for _ in 0..<10 { #expect(try await client.call(.get, "/v1/lots/\(Self.absentLot)", as: 2).status == 404) }
            // Calls without a token are not a tenant's.
            #expect(try await client.call(.get, "/healthz", as: nil).status == 200)
            let m = try await client.call(.get, "/metrics", as: nil)
            #expect(Self.sample(m.text, "ctn_throttled_total", ["kind": "rate"]) == 1)
            #expect(Self.sample(m.text, "ctn_http_requests_total", ["method": "GET", "route": "/v1/lots/{lotId}", "status": "429"]) == 1)
        }
    }

    @Test("The bucket refills at the tenant's rate and heavy calls are bounded at once")
    func quotas() {
        let q = TenantQuotas(defaults: TenantLimits(ratePerSecond: 10, burst: 2, heavy: 1))
        let t = TenantRecord(tenantId: "t", businessId: "b", createdAt: 0)
        let t0: UInt64 = 1_000_000_000
        #expect(q.admit(t, now: t0) == nil && q.admit(t, now: t0) == nil)
        let refusal = q.admit(t, now: t0)
        #expect(refusal?.kind == "rate" && refusal?.retryAfter == 1)
        // 10 a second: one token after 100 ms, not after 50 ms.
        #expect(q.admit(t, now: t0 + 50_000_000) != nil)
        #expect(q.admit(t, now: t0 + 150_000_000) == nil)
        #expect(q.admit(t, now: t0 + 150_000_000) != nil)
        // The bucket holds at most `burst`, however long the tenant was quiet.
        let later = t0 + 3_600_000_000_000
        #expect(q.admit(t, now: later) == nil && q.admit(t, now: later) == nil && q.admit(t, now: later) != nil)
        #expect(q.startHeavy(t) == nil)
        #expect(q.startHeavy(t)?.kind == "concurrency")
        q.endHeavy(t)
        #expect(q.startHeavy(t) == nil)
        // A tenant's own bound wins over the default, and 0 lifts it.
        let own = TenantRecord(tenantId: "u", businessId: "c", createdAt: 0, limits: TenantLimits(heavy: 0))
        for _ in 0..<5 { #expect(q.startHeavy(own) == nil) }
        #expect(TenantQuotaMiddleware.isHeavy(.get, "/v1/lots/{lotId}/trace"))
        #expect(TenantQuotaMiddleware.isHeavy(.post, "/v1/certifications") && !TenantQuotaMiddleware.isHeavy(.get, "/v1/lots"))
        #expect(!TenantQuotaMiddleware.isHeavy(.get, nil))
        // Clocks read out of order never refill the bucket (time does not run back).
        let u = TenantRecord(tenantId: "v", businessId: "d", createdAt: 0)
        #expect(q.admit(u, now: t0) == nil && q.admit(u, now: t0) == nil)
        #expect(q.admit(u, now: t0 - 1_000_000) != nil)
        // A tiny rate waits at most an hour, and never overflows.
        let slow = TenantQuotas(defaults: TenantLimits(ratePerSecond: 1e-20, burst: 1))
        #expect(slow.admit(u, now: t0) == nil)
        #expect(slow.admit(u, now: t0)?.retryAfter == 3600)
    }

    @Test("The OpenAPI document lists /metrics, /readyz and a 429 on every operation a tenant token reaches")
    func openAPI() async throws {
        let h = try await NodeHarness()
        try await h.run { client in
            let doc = try await client.call(.get, "/openapi.json", as: nil).json
            let paths = try #require(doc["paths"]?.objectValue)
            #expect(paths["/metrics"]?["get"]?["responses"]?["200"]?["content"]?["text/plain"] != nil)
            #expect(paths["/readyz"]?["get"]?["responses"]?["503"] != nil)
            var checked = 0
            for path in paths.keys where !path.hasPrefix("/pact/") {
                for method in paths[path]?.objectValue?.keys ?? [] {
                    #expect(paths[path]?[method]?["responses"]?["429"] != nil, "\(method) \(path)")
                    checked += 1
                }
            }
            #expect(checked > 60)
            #expect(doc["components"]?["responses"]?["P429"]?["headers"]?["Retry-After"] != nil)
        }
    }
}
