import CTNModel
import Foundation
import HTTPTypes
import Testing

/// The console's mass-balance page: forms post the contracts, the pools and a dispatch's
/// declaration are shown, a refusal stays next to its field and writes nothing.
@Suite("Console: mass balance")
struct ConsoleMassBalanceTests {
    @Test("A receipt, a batch and a dispatch from the page: 120 t certified PAN, 30 t certified CF, the declaration to hand on")
    func page() async throws {
        let h = try await NodeHarness()
        try await h.run { client in
            let (session, csrf) = try await ConsoleRouteTests.signIn(client, token: h.tenants[0].token)
            let cookie = ["Cookie": "ctn_session=\(session)"]
            func post(_ contract: String, _ fields: [(String, String)]) async throws -> NodeHarness.Reply {
                try await ConsoleRouteTests.post(client, session: (session, csrf), back: "/console/mass-balance", contract, fields)
            }
            let empty = try await client.call(.get, "/console/mass-balance", as: nil, headers: cookie)
            #expect(empty.status == 200 && empty.text.contains("No pool has moved yet"))
            #expect(empty.text.contains("data-contract=\"mass-balance-dispatch\""))
            // A certified receipt without its SD number is refused next to the field; nothing is written.
            let head = try await client.call(.get, "/v1/ledger/head", as: nil)["seq"]
            let refused = try await post(
                "mass-balance-receipt",
                [("material", "PAN"), ("pool", "certified"), ("mass.value", "120"), ("mass.unit", "t"), ("scheme", "ISCC PLUS")])
            #expect(
                refused.status == 422 && refused.text.contains("id=\"mass-balance-receipt-supplierDeclaration-error\""), "\(refused.text)")
            #expect(try await client.call(.get, "/v1/ledger/head", as: nil)["seq"] == head)
            let booked = try await post(
                "mass-balance-receipt",
                [
                    ("material", "PAN"), ("pool", "certified"), ("mass.value", "120"), ("mass.unit", "t"), ("scheme", "ISCC PLUS"),
                    ("supplierDeclaration", "SD-2026-0412"), ("time", "2026-05-02T08:00:00Z"),
                ])
            #expect(booked.status == 303)
            let pools = try await client.call(.get, "/console/mass-balance", as: nil, headers: cookie)
            #expect(
                pools.text.contains("<td>PAN</td><td>certified</td><td>ISCC PLUS</td>") && pools.text.contains("120 t"), "\(pools.text)")
            let batch = try await post(
                "mass-balance-batch",
                [
                    ("inputs", #"[{"material":"PAN","pool":"certified","scheme":"ISCC PLUS","mass":{"value":60,"unit":"t"}}]"#),
                    ("outputs", #"[{"material":"CF","mass":{"value":30,"unit":"t"}}]"#), ("conversionFactor", "0.5"), ("tolerance", "0.02"),
                ])
            #expect(batch.status == 200 && batch.text.contains("reconciled") && batch.text.contains("CF 30 t ISCC PLUS"), "\(batch.text)")
            let marker = "Batch <span class=\"ctn-id\" data-id=\""
            let batchId = try #require(batch.text.range(of: marker).map { String(batch.text[$0.upperBound...].prefix(32)) })
            let dispatch = try await post(
                "mass-balance-dispatch",
                [
                    ("material", "CF"), ("mass.value", "30"), ("mass.unit", "t"), ("certifiedMass.value", "30"),
                    ("certifiedMass.unit", "t"),
                    ("batchIds", batchId), ("consignee", h.tenants[1].businessId),
                ])
            #expect(dispatch.status == 200 && dispatch.text.contains("share 100 %"), "\(dispatch.text)")
            #expect(dispatch.text.contains("<textarea readonly rows=\"5\" class=\"declaration\""))
        }
    }
}
