import CTNCarbon
import Testing

/// The example document through the whole calculation (figures by hand; tolerance 1e-12
/// relative for analytical values).
@Suite("Calculation")
struct CalculationTests {
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(abs(b), 1e-300) }

    /// bf-route by mass balance: (352 − 8 − 12 − 5 − 0.27) t C × 44/12 = 1,198.01 t. reheater: CEMS
    /// preferred but 1 of 744 hours measured, so fuel combustion: 2,692.8 t. grid: 500 MWh, 225 t
    /// location-based, 200 MWh of certificates at 0 and 300 MWh at the 0.6 residual mix, 180 t market-based.
    static func document(_ boundary: Boundary) -> Calculation.Document {
        let route = MassBalance.Input(
            inputs: [.init("coke", mass: Measured(400), carbonFraction: Measured(0.88, u: 0.01))],
            outputs: [
                .init("steel", mass: Measured(1000), carbonFraction: Measured(0.008)),
                .init("BF gas export", mass: Measured(100), carbonFraction: Measured(0.12), leavesBoundary: true),
            ],
            stockChange: [.init("coke yard", mass: Measured(10), carbonFraction: Measured(0.5))],
            captured: [.init("captured", mass: Measured(1), carbonFraction: Measured(0.27), permanent: true)])
        let hour = CEMS.Sample(hours: 1, flow: Measured(52000), concentration: Measured(0.21))
        return Calculation.Document(
            boundary: boundary,
            sources: [
                EmissionSource(id: "bf-route", scope: 1, preferred: .massBalance, massBalance: route),
                EmissionSource(
                    id: "reheater", scope: 1, preferred: .cems, cems: .init(samples: [hour], expectedHours: 744, coverageThreshold: 0.9),
                    fuel: .init(activity: Measured(1000, u: 0.02), ncv: Measured(48, u: 0.01), ef: Measured(56.1, u: 0.06, k: 2))),
            ],
            electricity: [
                ElectricitySource(
                    id: "grid", energy: Measured(500, u: 0.01), locationFactor: Measured(0.45),
                    instruments: [.init(energy: Measured(200), factor: Measured(0))], residualMix: Measured(0.6))
            ],
            samples: 20_000, seed: 7)
    }

    @Test("Totals per scope, both Scope 2 values, the headline by boundary, the evidence breakdown and the fallback finding")
    func example() throws {
        let r = try Calculation.run(Self.document(Boundary(kind: .siteOperational, scope2Method: .marketBased)))
        #expect(r.components.map(\.method) == [.massBalance, .fuel])
        #expect(close(r.components[0].value.value, 326.73 * 44 / 12) && close(r.components[1].value.value, 2692.8))
        #expect(r.components[1].fallbacks.map(\.code) == ["coverage_below_threshold"])
        #expect(close(r.scope1.value, 326.73 * 44 / 12 + 2692.8))
        #expect(close(r.scope2LocationBased.value, 225) && close(r.scope2MarketBased.value, 180) && r.headline == .marketBased)
        let total = 326.73 * 44 / 12 + 2692.8 + 180
        #expect(close(r.total.value, total))
        // Periodic: both scope 1 sources; default: the residual-mix 180 t; declared: the certificates' 0 t.
        #expect(abs((r.evidenceBreakdown[.periodic] ?? 0) - (total - 180) / total) < 1e-12)
        #expect(abs((r.evidenceBreakdown[.default] ?? 0) - 180 / total) < 1e-12)
        #expect(abs(r.evidenceBreakdown.values.reduce(0, +) - 1) < 1e-12)
        #expect(r.findings.contains { $0.code == "method_fallback" && $0.severity == .warning && $0.source == "reheater" })
        #expect(r.mcCheck.status == .ok && r.mcCheck.delta < 0.01)
    }

    @Test("The cradle-to-gate location boundary carries the location-based value; the market one is kept")
    func locationHeadline() throws {
        let r = try Calculation.run(Self.document(Boundary(kind: .cradleToGateLocation, scope2Method: .marketBased)))
        #expect(r.headline == .locationBased && close(r.scope2Headline.value, 225) && close(r.scope2MarketBased.value, 180))
        #expect(close(r.total.value, 326.73 * 44 / 12 + 2692.8 + 225))
    }

    @Test("The same document gives the same bits")
    func deterministic() throws {
        let boundary = Boundary(kind: .siteOperational)
        #expect(try Calculation.run(Self.document(boundary)) == Calculation.run(Self.document(boundary)))
    }

    @Test("Large uncertainties in a product push the Monte Carlo median away from the first-order value: a WARNING or worse")
    func divergence() throws {
        // A default factor of 2 ± 60 % on 100 ± 60 % (normal inputs): the product's mean is still 200 but
        // its median lies lower; the bigger the u, the further.
        func run(_ u: Double) throws -> Calculation.Result {
            try Calculation.run(
                Calculation.Document(
                    boundary: Boundary(kind: .gateToGate),
                    sources: [
                        EmissionSource(
                            id: "kiln", scope: 1, preferred: .defaultFactor, activity: Measured(100, u: u), defaultFactor: Measured(2, u: u)
                        )
                    ], electricity: [], samples: 20_000, seed: 3))
        }
        #expect(try run(0.05).mcCheck.status == .ok)
        let wide = try run(0.6)
        #expect(wide.mcCheck.status != .ok && wide.findings.contains { $0.code == "mc_divergence" }, "delta \(wide.mcCheck.delta)")
    }

    @Test("A mass balance that does not close fails the calculation")
    func notClosed() {
        var document = Self.document(Boundary(kind: .siteOperational))
        document.sources[0].massBalance?.outputs.append(.init("dust", mass: Measured(1000), carbonFraction: Measured(0.9)))
        #expect(throws: Calculation.Failure.self) { try Calculation.run(document) }
    }
}
