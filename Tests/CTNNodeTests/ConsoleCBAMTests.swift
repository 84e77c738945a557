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
                try await ConsoleRouteTests.post(client, session: (session, csrf), back: "/console/cbam", contract, fields)
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

/// The report document of the worked chain (see CBAMRoomTests), in tonnes and t-CO2e: `Tests/Fixtures/cbam/report.json`.
enum CBAMChainDocument {
    static var report: JSONObject {
        let url = NodeHarness.root.appendingPathComponent("Tests/Fixtures/cbam/report.json")
        return (try? Data(contentsOf: url)).flatMap { try? JSONParser.parse($0) }?.objectValue ?? JSONObject()
    }
}
