import CTNModel
import Foundation
import HTTPTypes
import Testing

/// `POST /v1/calculations` over the router: a month of hourly CEMS samples is larger than the
/// node's 64 KiB limit for contract calls, and the calculation contract takes up to 4 MiB.
@Suite("Site calculation route")
struct CalculationRouteTests {
    /// 744 hourly samples of 52,000 Nm³/h at 0.21 kg/Nm³: 10.92 t each, 8,124.48 t in all.
    static func month(samples: Int) -> JSONValue {
        let hour: JSONValue = ["hours": 1, "flow": ["value": 52000, "unit": "Nm3/h"], "concentration": ["value": 0.21, "unit": "kg/Nm3"]]
        return [
            "site": .string(String(repeating: "ab", count: 16)),
            "period": ["start": "2026-10-01T00:00:00Z", "end": "2026-11-01T00:00:00Z"],
            "boundary": ["kind": "SITE_OPERATIONAL"],
            "sources": [
                [
                    "id": "reheater", "scope": 1, "preferredMethod": "cems",
                    "cems": ["expectedHours": 744, "samples": .array(Array(repeating: hour, count: samples))],
                ]
            ],
            "monteCarlo": ["samples": 1000, "seed": 1],
        ]
    }

    @Test("A month of hourly samples (over 64 KiB) is calculated: 744 × 10.92 = 8,124.48 t, continuous")
    func hourlyMonth() async throws {
        let h = try await NodeHarness()
        try await h.run { client in
            let body = CanonicalJSON.encodeOrdered(Self.month(samples: 744))
            #expect(body.utf8.count > 64 * 1024)
            let r = try await client.call(.post, "/v1/calculations", raw: body)
            #expect(r.status == 200, "\(r.json)")
            let total = try #require(r["total"]?["value"]?.numberValue)
            #expect(abs(total - 744 * 10.92) <= 1e-9 * 744 * 10.92)
            #expect(r["components"]?.arrayValue?.first?["method"] == "cems")
            #expect(r["evidenceBreakdown"]?["continuous"] == 1)
            // The node's own limit still holds for other contracts.
            let other = try await client.call(
                .post, "/v1/lots", raw: "{\"declaredUnit\":\"" + String(repeating: "x", count: 70_000) + "\"}")
            #expect(other.status == 413)
        }
    }

    @Test("Over 4 MiB is refused with 413 body_too_large, and an unknown unit names its field")
    func limits() async throws {
        let h = try await NodeHarness()
        try await h.run { client in
            let huge = try await client.call(
                .post, "/v1/calculations", raw: "{\"site\":\"" + String(repeating: "x", count: 4 * 1024 * 1024 + 1) + "\"}")
            #expect(huge.status == 413 && huge.code == "body_too_large")
            var document = try #require(Self.month(samples: 1).objectValue)
            document["sources"] = [
                [
                    "id": "grid", "scope": 2, "electricity": ["value": 5, "unit": "kWh"],
                    "locationFactor": ["value": 0.45, "unit": "t/MWh"],
                ]
            ]
            let unit = try await client.call(.post, "/v1/calculations", raw: CanonicalJSON.encodeOrdered(.object(document)))
            #expect(unit.status == 422 && unit.code == "unknown_unit" && unit.field == "sources[0].locationFactor.unit", "\(unit.json)")
        }
    }
}
