import CTNCarbon
import Testing

/// The readiness check before a lock, on the reheater of the example (CEMS preferred, fuel
/// data 1000 t × 48 GJ/t × 56.1 kg/GJ = 2,692.8 t as its fallback).
@Suite("Readiness")
struct ReadinessTests {
    func reheater(cemsCalibrated: Bool = true, meterCalibrated: Bool = true, hours: Int = 744, threshold: Double = 0.9) -> EmissionSource {
        let hour = CEMS.Sample(hours: 1, flow: Measured(52000, u: 0.02), concentration: Measured(0.21, u: 0.03))
        return EmissionSource(
            id: "reheater", scope: 1, preferred: .cems,
            cems: .init(
                samples: Array(repeating: hour, count: hours), expectedHours: 744, coverageThreshold: threshold, calibrated: cemsCalibrated),
            fuel: .init(
                activity: Measured(1000, u: 0.02), ncv: Measured(48, u: 0.01), ef: Measured(56.1, u: 0.06, k: 2),
                meterCalibrated: meterCalibrated))
    }

    func check(_ source: EmissionSource) throws -> Readiness.Report {
        try Readiness.check(
            Calculation.Document(boundary: Boundary(kind: .siteOperational), sources: [source], electricity: [], samples: 2000, seed: 1))
    }

    @Test("All in order: no CRITICAL finding, and the result is the CEMS figure 744 × 10.92 t")
    func ready() throws {
        let r = try check(reheater())
        #expect(r.critical.isEmpty)
        #expect(abs((r.result?.total.value ?? 0) - 744 * 10.92) <= 1e-9 * 744 * 10.92)
    }

    @Test("An analyser past its calibration: the source falls back to fuel (WARNING); a fuel meter past it is CRITICAL")
    func calibration() throws {
        let analyser = try check(reheater(cemsCalibrated: false))
        #expect(analyser.result?.components.first?.method == .fuel)
        #expect(analyser.findings.contains { $0.code == "calibration_overdue" && $0.severity == .warning })
        #expect(analyser.critical.isEmpty)
        let meter = try check(reheater(cemsCalibrated: false, meterCalibrated: false))
        #expect(meter.critical.map(\.code) == ["calibration_overdue"])
        #expect(meter.critical.first?.overridable == true)
        // The meter does not matter while CEMS carries the figure.
        #expect(try check(reheater(meterCalibrated: false)).critical.isEmpty)
    }

    @Test("Missing data: 400 of 744 h substituted (46 %) is CRITICAL; no usable method is CRITICAL and not overridable")
    func missingData() throws {
        let gappy = try check(reheater(hours: 400, threshold: 0.5))
        #expect(gappy.critical.map(\.code) == ["missing_data"])
        let nothing = try check(EmissionSource(id: "flare", scope: 1, preferred: .fuel))
        #expect(nothing.result == nil && nothing.critical.first?.code == "missing_data" && nothing.critical.first?.overridable == false)
    }

    @Test("A mass balance that does not close is a CRITICAL finding that leaves no figure to lock")
    func massBalance() throws {
        let out = MassBalance.Stream("steel", mass: Measured(10), carbonFraction: Measured(0.5))
        let into = MassBalance.Stream("coke", mass: Measured(10), carbonFraction: Measured(0.1))
        let route = EmissionSource(
            id: "bf-route", scope: 1, preferred: .massBalance, massBalance: MassBalance.Input(inputs: [into], outputs: [out]))
        let r = try check(route)
        #expect(r.result == nil)
        #expect(r.critical.map(\.code) == ["mass_balance_not_closed"] && r.critical.first?.overridable == false)
    }

    @Test("Monte Carlo divergence: 100 × 2 with u = 100 % each; the median of (1 + Z₁)(1 + Z₂) is 0.6102, 39 % off: CRITICAL")
    func mcDivergence() throws {
        // The median m solves P((1 + Z₁)(1 + Z₂) ≤ m) = ½; integrating Φ over Z₁ numerically (outside
        // this code base) gives m = 0.610234. With 20,000 samples its sampling error is about 0.012,
        // so the tolerance is 0.035 of the analytical 200 t.
        let source = EmissionSource(
            id: "kiln", scope: 1, preferred: .defaultFactor, activity: Measured(100, u: 1), defaultFactor: Measured(2, u: 1))
        let r = try Readiness.check(
            Calculation.Document(boundary: Boundary(kind: .siteOperational), sources: [source], electricity: [], samples: 20_000, seed: 5))
        let median = try #require(r.result?.mcCheck.median)
        #expect(abs(median - 200 * 0.610234) <= 0.035 * 200)
        #expect(r.critical.map(\.code) == ["mc_divergence"])
        #expect(r.critical.first?.overridable == true)
    }
}
