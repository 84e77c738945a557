import CTNModel
import Foundation
import Testing

/// `ctn engine calculate` on the README's example document (`docs/examples/calculation.json`),
/// figures worked by hand in the comments (tolerance 1e-9 t).
@Suite("ctn engine calculate")
struct EngineCLITests {
    static let example = NodeProcess.root.appendingPathComponent("docs/examples/calculation.json")

    @Test("The example: 1,198.01 t by mass balance, 2,692.8 t by fuel after the CEMS fallback, Scope 2 225 / 180 t, total 4,070.81 t")
    func example() throws {
        let out = try NodeProcess.ctn(["engine", "calculate", Self.example.path, "--json"]).out
        let r = try JSONParser.parse(Array(out.utf8))
        func near(_ v: JSONValue?, _ x: Double) -> Bool { v?.numberValue.map { abs($0 - x) <= 1e-9 } ?? false }
        // (352 − 8 − 12 − 5 − 0.27) t C × 44/12 = 1,198.01 t; 1000 × 48 × 56.1 / 1000 = 2,692.8 t.
        #expect(near(r["total"]?["value"], 1198.01 + 2692.8 + 180) && r["total"]?["coverageFactor"] == 2)
        #expect(near(r["scope2"]?["locationBased"]?["value"], 225) && near(r["scope2"]?["marketBased"]?["value"], 180))
        #expect(r["scope2"]?["headline"] == "MARKET_BASED")
        let components = r["components"]?.arrayValue ?? []
        #expect(components.map { $0["method"] } == ["mass-balance", "fuel-combustion"])
        #expect(near(components.first?["value"], 1198.01) && near(components.first?["carbon"]?["net"], 326.73))
        #expect(components.last?["fallbackReason"]?.stringValue?.hasPrefix("coverage_below_threshold") == true)
        // Fuel at k = 2: 2 × √(0.02² + 0.01² + 0.03²); the coke's 1 % on 352 t C over 326.73 t C net, at k = 2.
        #expect(near(components.last?["u"], 2 * 0.0014.squareRoot()))
        #expect(abs((components.first?["u"]?.numberValue ?? 0) - 2 * 3.52 / 326.73) < 0.002, "Monte Carlo within its sampling error")
        #expect(r["mcCheck"]?["status"] == "OK")
        #expect(near(r["evidenceBreakdown"]?["default"], 180 / 4070.81))
    }

    @Test("A mass balance that does not close: exit 1 and a mass_balance_not_closed problem naming the source")
    func notClosed() throws {
        var text = try String(contentsOf: Self.example, encoding: .utf8)
        text = text.replacingOccurrences(
            of: #""value": 1000, "unit": "t"}, "carbonFraction": {"value": 0.008}"#,
            with: #""value": 100000, "unit": "t"}, "carbonFraction": {"value": 0.008}"#)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("calc-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, out) = try NodeProcess.ctn(["engine", "calculate", file.path], expectSuccess: false)
        let problem = try JSONParser.parse(Array(out.utf8))
        #expect(status == 1 && problem["code"] == "mass_balance_not_closed" && problem["field"] == "sources[0].massBalance", "\(out)")
        // A unit that is not one of the quantity's: 422 naming the field.
        let bad = text.replacingOccurrences(of: #""unit": "Nm3/h""#, with: #""unit": "m3/s""#)
        try Data(bad.utf8).write(to: file)
        let unit = try JSONParser.parse(Array(try NodeProcess.ctn(["engine", "calculate", file.path], expectSuccess: false).out.utf8))
        #expect(unit["code"] == "unknown_unit" && unit["field"] == "sources[1].cems.samples[0].flow.unit", "\(unit)")
    }
}
