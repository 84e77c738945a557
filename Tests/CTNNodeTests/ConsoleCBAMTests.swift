import CTNModel
import Foundation
import HTTPTypes
import Testing

/// The console's CBAM page: a default value looked up, an installation registered, a report filed
/// from its JSON document and shown with every good's SEE; a refusal stays next to its field.
@Suite("Console: CBAM")
struct ConsoleCBAMTests {
    @Test("Defaults, an installation and a report from the page; the coil's SEE 2.96083 t-CO2e/t")
    func page() async throws {
        let h = try await NodeHarness()
        try await h.run { client in
            let (session, csrf) = try await ConsoleRouteTests.signIn(client, token: h.tenants[0].token)
            let cookie = ["Cookie": "ctn_session=\(session)"]
            func post(_ contract: String, _ fields: [(String, String)]) async throws -> NodeHarness.Reply {
                try await client.call(
                    .post, "/console/contracts/\(contract)", as: nil,
                    raw: ConsoleMassBalanceTests.encode([("_csrf", csrf), ("_back", "/console/cbam")] + fields), headers: cookie)
            }
            let empty = try await client.call(.get, "/console/cbam", as: nil, headers: cookie)
            #expect(empty.status == 200 && empty.text.contains("None yet") && empty.text.contains("data-contract=\"cbam-report\""))
            let lookup = try await post("cbam-defaults", [("cn", "7208 10 00"), ("country", "CN")])
            #expect(lookup.status == 200 && lookup.text.contains("3.187 direct"), "\(lookup.text)")
            let refused = try await post(
                "cbam-installation",
                [
                    ("name", "Ege Works"), ("address", "Aliağa"), ("country", "TR"), ("unlocode", "DEHAM"), ("latitude", "38.8"),
                    ("longitude", "26.97"),
                ])
            #expect(refused.status == 422 && refused.text.contains("id=\"cbam-installation-unlocode-error\""), "\(refused.text)")
            let registered = try await post(
                "cbam-installation",
                [
                    ("name", "Ege Works"), ("address", "Aliağa"), ("country", "TR"), ("unlocode", "TRALA"), ("latitude", "38.8"),
                    ("longitude", "26.97"),
                ])
            #expect(registered.status == 303)
            let list = try await client.call(.get, "/v1/cbam/installations", as: 0)
            let installation = try #require(list["installations"]?.arrayValue?.first?["installationId"]?.stringValue)
            #expect(try await client.call(.get, "/console/cbam", as: nil, headers: cookie).text.contains("Ege Works (TRALA, TR)"))
            var document = CBAMChainDocument.report
            document["installation"] = .string(installation)
            let filed = try await post("cbam-report", [("_document", CanonicalJSON.encode(.object(document)))])
            #expect(filed.status == 200 && filed.text.contains("<td>7208 51 20</td>") && filed.text.contains("2.96083"), "\(filed.text)")
        }
    }
}

/// The report document of the worked chain (see CBAMRoomTests), in tonnes and t-CO2e.
enum CBAMChainDocument {
    static let report = JSONObject([
        "period": ["start": "2026-01-01T00:00:00Z", "end": "2027-01-01T00:00:00Z"],
        "processes": [
            [
                "id": "pig-iron", "goods": [["cn": "7201 10 11"]], "activityLevel": ["value": 1000, "unit": "t"],
                "directEmissions": ["value": 1800, "unit": "t-CO2e"], "heatExported": ["value": 50, "unit": "t-CO2e"],
                "electricityConsumed": ["value": 200, "unit": "MWh"], "electricityFactor": ["value": 0.5, "unit": "t-CO2e/MWh"],
            ],
            [
                "id": "hot-rolled", "goods": [["cn": "7208 51 20"]], "activityLevel": ["value": 1200, "unit": "t"],
                "directEmissions": ["value": 240, "unit": "t-CO2e"], "heatImported": ["value": 10, "unit": "t-CO2e"],
                "electricityConsumed": ["value": 600, "unit": "MWh"], "electricityFactor": ["value": 0.5, "unit": "t-CO2e/MWh"],
                "precursors": [
                    ["process": "pig-iron", "mass": ["value": 900, "unit": "t"]],
                    ["purchased": ["cn": "7207 11 90", "country": "IN"], "mass": ["value": 400, "unit": "t"]],
                ],
            ],
        ],
    ])
}
