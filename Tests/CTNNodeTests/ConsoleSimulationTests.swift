import CTNModel
import Foundation
import Testing

/// The console's simulation page: the flow line of `FlowLineTests` run from its JSON document,
/// shown with the calibration factor, each machine's minutes and the what-if table and chart.
@Suite("Console: simulation")
struct ConsoleSimulationTests {
    @Test("A run from the page: factor 1.2, M1 busy 35 min, switch-off saves 7.68 kg-CO2e; a wrong document stays on the page")
    func page() async throws {
        let h = try await NodeHarness()
        let document = try String(
            contentsOf: NodeHarness.root.appendingPathComponent("Tests/Fixtures/simulation/flow-line.json"), encoding: .utf8)
        try await h.run { client in
            let (session, csrf) = try await ConsoleRouteTests.signIn(client, token: h.tenants[0].token)
            let page = try await client.call(.get, "/console/simulation", as: nil, headers: ["Cookie": "ctn_session=\(session)"])
            #expect(page.status == 200 && page.text.contains("data-contract=\"simulation-run\""))
            let run = try await ConsoleRouteTests.post(
                client, session: (session, csrf), back: "/console/simulation", "simulation-run", [("_document", document)])
            #expect(run.status == 200, "\(run.text)")
            // k = 50.8 ÷ 42.3333… = 1.2; switch-off: 16 modelled kWh × 1.2 × 0.4 = 7.68 kg less.
            #expect(run.text.contains("factor 1.2") && run.text.contains("<td>M1</td><td class=\"num\">35</td>"), "\(run.text)")
            #expect(run.text.contains("<td>switch-off</td>") && run.text.contains("-7.68"))
            #expect(run.text.contains("<svg class=\"chart\""))
            let wrong = try await ConsoleRouteTests.post(
                client, session: (session, csrf), back: "/console/simulation", "simulation-run",
                [("_document", document.replacingOccurrences(of: "\"machine\": \"M2\"", with: "\"machine\": \"M9\""))])
            #expect(wrong.status == 422 && wrong.text.contains("no machine M9 in the model"), "\(wrong.text)")
        }
    }
}
