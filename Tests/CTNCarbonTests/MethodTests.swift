import CTNCarbon
import Testing

/// The four methods, each against figures worked out by hand in the comments (tolerance 1e-12
/// relative unless said).
@Suite("Site carbon methods")
struct MethodTests {
    func close(_ a: Double, _ b: Double, _ relative: Double = 1e-12) -> Bool { abs(a - b) <= relative * max(abs(b), 1e-300) }

    /// The carbon engine seed's BF-BOF route per tonne of slab: 590 kg C in (coke 0.5 t × 0.88 = 0.44,
    /// PCI coal 0.15 t × 0.8 = 0.12, limestone 0.25 t × 0.12 = 0.03); 8 kg in steel (1 t × 0.008),
    /// 18 kg in by-products (slag 0.3 t × 0.06), 12 kg in exported BF gas (0.1 t × 0.12, leaving the
    /// boundary), 5 kg to stock (0.01 t × 0.5): 547 kg C net, × 44/12 = 2,005.67 kg CO2.
    static let bfBof = MassBalance.Input(
        inputs: [
            .init("coke", mass: Measured(0.5, u: 0.01), carbonFraction: Measured(0.88, u: 0.01)),
            .init("pci coal", mass: Measured(0.15, u: 0.01), carbonFraction: Measured(0.8, u: 0.02)),
            .init("limestone", mass: Measured(0.25, u: 0.01), carbonFraction: Measured(0.12, u: 0.02)),
        ],
        outputs: [
            .init("steel", mass: Measured(1, u: 0.005), carbonFraction: Measured(0.008, u: 0.05)),
            .init("slag", mass: Measured(0.3, u: 0.02), carbonFraction: Measured(0.06, u: 0.05)),
            .init("BF gas export", mass: Measured(0.1, u: 0.03), carbonFraction: Measured(0.12, u: 0.03), leavesBoundary: true),
        ],
        stockChange: [.init("coke yard", mass: Measured(0.01, u: 0.1), carbonFraction: Measured(0.5, u: 0.02))])

    @Test("Mass balance reproduces the seed's BF-BOF example: 590 − 8 − 18 − 12 − 5 = 547 kg C, 2,005.67 kg CO2 per tonne of slab")
    func bfBofExample() throws {
        let a = try MassBalance.account(Self.bfBof)
        #expect(close(a.carbonIn, 0.590) && close(a.carbonOut, 0.038) && close(a.stockChange, 0.005))
        #expect(close(a.netCarbon, 0.547))
        #expect(close(a.co2, 0.547 * 44 / 12) && (a.co2 * 1000 * 100).rounded() / 100 == 2005.67)
    }

    @Test("Mass balance of the issue's document: capture counts only to permanent storage")
    func documentExample() throws {
        // 400 t coke × 0.88 = 352 t C in; out 1000 × 0.008 = 8 and 100 × 0.12 = 12; stock 10 × 0.5 = 5;
        // captured 1 × 0.27 = 0.27 permanent: 326.73 t C, × 44/12 = 1,198.01 t CO2.
        var input = MassBalance.Input(
            inputs: [.init("coke", mass: Measured(400), carbonFraction: Measured(0.88, u: 0.01))],
            outputs: [
                .init("steel", mass: Measured(1000), carbonFraction: Measured(0.008)),
                .init("BF gas export", mass: Measured(100), carbonFraction: Measured(0.12), leavesBoundary: true),
            ],
            stockChange: [.init("coke yard", mass: Measured(10), carbonFraction: Measured(0.5))],
            captured: [.init("captured", mass: Measured(1), carbonFraction: Measured(0.27), permanent: true)])
        #expect(close(try MassBalance.account(input).co2, 326.73 * 44 / 12))
        // Captured for use, not stored: emitted after all (and shown).
        input.captured[0].permanent = false
        let account = try MassBalance.account(input)
        #expect(close(account.co2, 327 * 44 / 12) && close(account.capturedNotPermanent, 0.27))
    }

    @Test("A balance that does not close fails, and so does a stream counted in and out")
    func notClosed() {
        var input = Self.bfBof
        input.outputs.append(.init("dust", mass: Measured(1), carbonFraction: Measured(0.6)))
        #expect(throws: MassBalance.NotClosed.self) { try MassBalance.account(input) }
        var twice = Self.bfBof
        twice.outputs.append(.init("coke", mass: Measured(0.01), carbonFraction: Measured(0.88)))
        #expect(throws: MassBalance.NotClosed.self) { try MassBalance.account(twice) }
    }

    @Test("Fuel combustion: 1000 t × 48 GJ/t × 56.1 kg/GJ × 1 = 2,692.8 t CO2; u = √(0.02² + 0.01² + 0.03²)")
    func fuel() throws {
        let e = try FuelCombustion.emissions(
            activity: Measured(1000, u: 0.02), ncv: Measured(48, u: 0.01), ef: Measured(56.1, u: 0.06, k: 2), oxidation: Measured(1))
        #expect(close(e.value, 2692.8))
        // The EF's 6 % at k = 2 is 3 % at k = 1.
        #expect(close(e.u, (0.0004 + 0.0001 + 0.0009).squareRoot()))
        #expect(throws: Fallback("missing_lab_value", "no net calorific value for the fuel in the period")) {
            try FuelCombustion.emissions(activity: Measured(1000), ncv: nil, ef: Measured(56.1))
        }
    }

    @Test("CEMS: Σ Q × C × Δt, missing hours substituted, coverage threshold and calibration as fallbacks")
    func cems() throws {
        // Three hours at 52,000 Nm3/h × 0.21 kg/Nm3 = 10,920 kg each: 32.76 t. Flow 2 %, concentration
        // 3 % (one meter, one analyser: correlated over the hours): u = √(0.02² + 0.03²).
        let hour = CEMS.Sample(hours: 1, flow: Measured(52000, u: 0.02), concentration: Measured(0.21, u: 0.03))
        let full = try CEMS.emissions([hour, hour, hour], expectedHours: 3, coverageThreshold: 0.9)
        #expect(close(full.tonnes.value, 32.76) && close(full.tonnes.u, (0.0004 + 0.0009).squareRoot()) && full.substitutedShare == 0)
        // 3 of 3.2 hours (93.75 % ≥ 90 %): scaled to 32.76 × 3.2 / 3 = 34.944 t, 6.25 % substituted.
        let gap = try CEMS.emissions([hour, hour, hour], expectedHours: 3.2, coverageThreshold: 0.9)
        #expect(close(gap.tonnes.value, 34.944) && close(gap.substitutedShare, 0.0625))
        do {
            _ = try CEMS.emissions([hour, hour, hour], expectedHours: 4, coverageThreshold: 0.9)
            Issue.record("75 % coverage accepted")
        } catch {
            #expect(error.code == "coverage_below_threshold" && error.reason.contains("75 %"))
        }
        #expect(throws: Fallback.self) { try CEMS.emissions([hour], expectedHours: 1, coverageThreshold: 0.9, calibrated: false) }
        #expect(throws: Fallback.self) { try CEMS.emissions([], expectedHours: 1, coverageThreshold: 0.9) }
    }

    @Test("Default factor: 500 MWh × 0.45 t/MWh = 225 t, u of both in quadrature")
    func defaultFactor() throws {
        let e = try DefaultFactor.emissions(activity: Measured(500, u: 0.01), factor: Measured(0.45, u: 0.1, k: 2))
        #expect(close(e.value, 225) && close(e.u, (0.0001 + 0.0025).squareRoot()))
        #expect(throws: Fallback.self) { try DefaultFactor.emissions(activity: Measured(500), factor: nil) }
    }
}
