import CTNCarbon
import Foundation
import Testing

/// GUM first order by hand, Monte Carlo with Latin hypercube sampling against the analytical
/// log-normal band, seeded reproducibility, and the MC check's thresholds.
@Suite("Uncertainty")
struct UncertaintyTests {
    @Test("GUM: a sum adds absolute uncertainties in quadrature, a correlated sum linearly, a product relative ones")
    func gum() {
        // 100 ± 3 and 50 ± 4: 150 ± 5 independent (u = 1/30), 150 ± 7 correlated.
        let terms = [Measured(100, u: 0.03), Measured(50, u: 0.08)]
        #expect(GUM.sum(terms).value == 150 && abs(GUM.sum(terms).u - 5.0 / 150) < 1e-15)
        #expect(abs(GUM.correlatedSum(terms).u - 7.0 / 150) < 1e-15)
        // 2 (10 %) × 3 (20 %): 6 with √(0.01 + 0.04) = 22.36 %.
        #expect(abs(GUM.product([Measured(2, u: 0.1), Measured(3, u: 0.2)]).u - 0.05.squareRoot()) < 1e-15)
        #expect(Measured(10, u: 0.06, k: 2).u == 0.03 && Measured(10, u: 0.06, k: 2).expanded(2) == 0.06)
    }

    @Test("The normal quantile function: Φ⁻¹(0.975) = 1.959963984540054, Φ⁻¹(0.001) = −3.090232306167814")
    func quantiles() {
        #expect(abs(Normal.quantile(0.975) - 1.959963984540054) < 1e-9)
        #expect(abs(Normal.quantile(0.5)) < 1e-12)
        #expect(abs(Normal.quantile(0.001) + 3.090232306167814) < 1e-9)
        #expect(abs(Normal.quantile(1e-10) + 6.361340902404056) < 1e-7)
    }

    @Test("Monte Carlo of a product of log-normal inputs matches the analytical log-normal within its sampling error")
    func logNormalProduct() {
        // 2 (10 %) × 3 (20 %) × 5 (5 %): log-normal with median 30 and σ² = Σ ln(1 + u²).
        let inputs = [Measured(2, u: 0.1), Measured(3, u: 0.2), Measured(5, u: 0.05)]
        let sigma = inputs.reduce(0) { $0 + log(1 + $1.u * $1.u) }.squareRoot()
        let n = 20_000
        let mc = MonteCarlo.run(inputs, distribution: .logNormal, samples: n, seed: 7) { $0.reduce(1, *) }
        // Standard error of a sample median of a log-normal: √(π/2) σ m / √n (plain random sampling;
        // Latin hypercube does better). Three of them.
        let medianError = (Double.pi / 2).squareRoot() * sigma * 30 / Double(n).squareRoot()
        #expect(abs(mc.median - 30) <= 3 * medianError, "median \(mc.median)")
        // The 95 % band: 30 × exp(±1.96 σ); the quantiles' sampling error is a few per mille here.
        #expect(abs(mc.low - 30 * exp(-1.959963984540054 * sigma)) <= 0.01 * mc.low, "low \(mc.low)")
        #expect(abs(mc.high - 30 * exp(1.959963984540054 * sigma)) <= 0.01 * mc.high, "high \(mc.high)")
        // Its relative standard deviation: √(exp(σ²) − 1) × exp(σ²/2) relative to the median.
        let relative = (exp(sigma * sigma) - 1).squareRoot() * exp(sigma * sigma / 2)
        #expect(abs(mc.relative - relative) <= 0.02 * relative, "relative \(mc.relative) vs \(relative)")
    }

    @Test("The same seed gives the same bits; another seed another draw")
    func seeded() {
        let inputs = [Measured(2, u: 0.1), Measured(3, u: 0.2)]
        let a = MonteCarlo.run(inputs, distribution: .normal, samples: 5000, seed: 42) { $0[0] * $0[1] }
        let b = MonteCarlo.run(inputs, distribution: .normal, samples: 5000, seed: 42) { $0[0] * $0[1] }
        let c = MonteCarlo.run(inputs, distribution: .normal, samples: 5000, seed: 43) { $0[0] * $0[1] }
        #expect(a == b && a.median.bitPattern == b.median.bitPattern)
        #expect(a != c)
    }

    @Test("Mass balance uncertainty by Monte Carlo: the median sits on the analytical 2.00567 t; the band is reported")
    func massBalanceMC() throws {
        let (account, mc) = try MassBalance.emissions(MethodTests.bfBof, samples: 20_000, seed: 7)
        // A linear model of normal inputs with small u: the median within 0.5 % of the analytical value.
        #expect(abs(mc.median - account.co2) <= 0.005 * account.co2, "median \(mc.median) vs \(account.co2)")
        #expect(mc.relative > 0 && mc.relative < 0.1 && mc.low < account.co2 && mc.high > account.co2)
        #expect(MCCheck(analytical: account.co2, median: mc.median).status == .ok)
    }

    @Test("MC check: OK below 10 %, WARNING 10-25 %, CRITICAL above 25 %")
    func check() {
        #expect(MCCheck(analytical: 100, median: 109.9).status == .ok)
        #expect(MCCheck(analytical: 100, median: 110).status == .warning)
        #expect(MCCheck(analytical: 100, median: 75).status == .warning)
        #expect(MCCheck(analytical: 100, median: 74.9).status == .critical)
        #expect(MCCheck(analytical: 100, median: 80).delta == 0.2)
    }
}
