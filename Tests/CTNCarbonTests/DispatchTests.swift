import CTNCarbon
import Testing

/// Method selection with audited fallback, and dual Scope 2, on the issue's example sources
/// (figures by hand in the comments; tolerance 1e-12 relative).
@Suite("Dispatch and Scope 2")
struct DispatchTests {
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(abs(b), 1e-300) }

    /// The reheater: CEMS preferred; fuel data 1000 t × 48 GJ/t × 56.1 kg/GJ = 2,692.8 t; a default
    /// factor of 2.6 t-CO2 per t of fuel (2,600 t) as the last resort.
    func reheater(hours: Int, expected: Double = 744, ncv: Measured? = Measured(48, u: 0.01)) -> EmissionSource {
        let hour = CEMS.Sample(hours: 1, flow: Measured(52000, u: 0.02), concentration: Measured(0.21, u: 0.03))
        return EmissionSource(
            id: "reheater", scope: 1, preferred: .cems,
            cems: .init(samples: Array(repeating: hour, count: hours), expectedHours: expected, coverageThreshold: 0.9),
            fuel: .init(activity: Measured(1000, u: 0.02), ncv: ncv, ef: Measured(56.1, u: 0.06, k: 2)),
            defaultFactor: Measured(2.6, u: 0.1))
    }

    @Test("CEMS used when it covers the period: 744 h × 10.92 t = 8,124.48 t, continuous")
    func cemsUsed() throws {
        let c = try Dispatch.component(reheater(hours: 744), samples: 1000, seed: 1)
        #expect(c.method == .cems && c.fallbackReason == nil && close(c.value.value, 744 * 10.92) && c.tiers == [.continuous: 1])
    }

    @Test("Coverage below the threshold falls back to fuel combustion, with the reason recorded")
    func fallbackToFuel() throws {
        // 600 of 744 hours: 80.6 %, below 90 %.
        let c = try Dispatch.component(reheater(hours: 600), samples: 1000, seed: 1)
        #expect(c.method == .fuel && close(c.value.value, 2692.8) && c.tiers == [.periodic: 1])
        #expect(c.fallbacks.map(\.code) == ["coverage_below_threshold"] && c.fallbackReason?.contains("81 %") == true)
    }

    @Test("No lab NCV either: on to the default factor, both reasons kept in order")
    func fallbackToDefault() throws {
        let c = try Dispatch.component(reheater(hours: 600, ncv: nil), samples: 1000, seed: 1)
        #expect(c.method == .defaultFactor && close(c.value.value, 2600) && c.tiers == [.default: 1])
        #expect(c.fallbacks.map(\.code) == ["coverage_below_threshold", "missing_lab_value"])
    }

    @Test("Nothing usable: the source fails with every reason; a mass balance that does not close fails, never falls back")
    func failures() {
        let bare = EmissionSource(id: "flare", scope: 1, preferred: .fuel)
        #expect(throws: Dispatch.Failure.self) { try Dispatch.component(bare, samples: 100, seed: 1) }
        var input = MethodTests.bfBof
        input.outputs.append(.init("dust", mass: Measured(1), carbonFraction: Measured(0.6)))
        let route = EmissionSource(id: "bf-route", scope: 1, preferred: .massBalance, massBalance: input, defaultFactor: Measured(2))
        do {
            _ = try Dispatch.component(route, samples: 100, seed: 1)
            Issue.record("a balance that does not close was accepted")
        } catch {
            guard case .massBalanceNotClosed(let source, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(source == "bf-route")
        }
    }

    @Test("Mass balance as a component: 2.00567 t with its Monte Carlo band, periodic")
    func massBalanceComponent() throws {
        let route = EmissionSource(id: "bf-route", scope: 1, preferred: .massBalance, massBalance: MethodTests.bfBof)
        let c = try Dispatch.component(route, samples: 5000, seed: 7)
        #expect(c.method == .massBalance && close(c.value.value, 0.547 * 44 / 12) && c.monteCarlo != nil && c.value.u > 0)
    }

    @Test("Dual Scope 2: 500 MWh at 0.45 = 225 t location-based; 200 MWh of certificates at 0 and 300 at the 0.6 residual mix = 180 t")
    func scope2() throws {
        let r = try Scope2.emissions(
            energy: Measured(500, u: 0.01), locationFactor: Measured(0.45),
            instruments: [.init(energy: Measured(200), factor: Measured(0))], residualMix: Measured(0.6))
        #expect(close(r.locationBased.value, 225) && close(r.marketBased.value, 180))
        // Location-based u is the meter's 1 %; market-based: 300 MWh × 0.6 with the meter's 1 % = 1.8 t of 180.
        #expect(close(r.locationBased.u, 0.01) && close(r.marketBased.u, 0.01))
        #expect(throws: Scope2.Invalid.self) {
            try Scope2.emissions(
                energy: Measured(100), locationFactor: Measured(0.45), instruments: [.init(energy: Measured(200), factor: Measured(0))],
                residualMix: Measured(0.6))
        }
        #expect(throws: Scope2.Invalid.self) {
            try Scope2.emissions(energy: Measured(100), locationFactor: Measured(0.45), instruments: [], residualMix: nil)
        }
    }
}
