/// A site's calculation for a period: every source through its method (with fallback), Scope 2
/// both ways, totals per scope, the evidence breakdown, readiness findings and a Monte Carlo
/// cross-check of the analytical total. Pure and seeded: the same document gives the same bits.
public enum Calculation {
    /// What the calculation is given.
    public struct Document: Sendable, Equatable {
        public var boundary: Boundary
        public var sources: [EmissionSource]
        public var electricity: [ElectricitySource]
        public var samples: Int
        public var seed: UInt64

        public init(
            boundary: Boundary, sources: [EmissionSource], electricity: [ElectricitySource], samples: Int = 20_000, seed: UInt64 = 1
        ) {
            self.boundary = boundary
            self.sources = sources
            self.electricity = electricity
            self.samples = samples
            self.seed = seed
        }
    }

    /// The calculation's answer, in t-CO2e, uncertainties at k = 1.
    public struct Result: Sendable, Equatable {
        public var components: [Component]
        public var scope1: Measured
        public var scope2LocationBased: Measured
        public var scope2MarketBased: Measured
        public var headline: Boundary.Scope2Method
        public var total: Measured
        /// Share of the total resting on each evidence tier (adds up to 1 when the total is not 0).
        public var evidenceBreakdown: [EvidenceTier: Double]
        public var monteCarlo: MonteCarlo.Summary
        public var mcCheck: MCCheck
        public var findings: [Finding]

        public var scope2Headline: Measured { headline == .locationBased ? scope2LocationBased : scope2MarketBased }
    }

    /// Why a calculation cannot be made.
    public enum Failure: Error, Sendable, Equatable {
        case source(Dispatch.Failure)
        case scope2(source: String, reason: String)
    }

    public static func run(_ document: Document) throws(Failure) -> Result {
        var components: [Component] = []
        var model = ProductSum()
        var findings: [Finding] = []
        for (index, source) in document.sources.enumerated() {
            let component: Component
            do { component = try Dispatch.component(source, samples: document.samples, seed: document.seed &+ UInt64(index)) } catch {
                throw .source(error)
            }
            components.append(component)
            model.add(Self.model(of: component, source))
            for fallback in component.fallbacks {
                findings.append(Finding(.warning, "method_fallback", "\(fallback.code): \(fallback.reason)", source: source.id))
            }
            if let share = component.tiers[.substituted], share > 0 {
                findings.append(
                    Finding(.info, "substituted_data", "\(share * 100) % of the value put in for missing data", source: source.id))
            }
        }
        var location: [Measured] = []
        var market: [Measured] = []
        var scope2Tiers: [EvidenceTier: Double] = [:]
        var scope2Model = (location: ProductSum(), market: ProductSum())
        for source in document.electricity {
            let r: Scope2.Result
            do {
                r = try Scope2.emissions(
                    energy: source.energy, locationFactor: source.locationFactor, instruments: source.instruments,
                    residualMix: source.residualMix)
            } catch {
                throw .scope2(source: source.id, reason: error.reason)
            }
            location.append(r.locationBased)
            market.append(r.marketBased)
            scope2Model.location.add(1, [source.energy, source.locationFactor])
            let covered = source.instruments.reduce(0) { $0 + $1.energy.value }
            for instrument in source.instruments { scope2Model.market.add(1, [instrument.energy, instrument.factor]) }
            if let mix = source.residualMix, source.energy.value > covered {
                scope2Model.market.add(1, [Measured(source.energy.value - covered, u: source.energy.u), mix])
            }
            // The tier of the headline's factors: a grid average is a default; instruments are declared.
            if document.boundary.headline == .locationBased {
                scope2Tiers[.default, default: 0] += r.locationBased.value
            } else {
                let instruments = source.instruments.reduce(0) { $0 + $1.energy.value * $1.factor.value }
                scope2Tiers[.declared, default: 0] += instruments
                scope2Tiers[.default, default: 0] += r.marketBased.value - instruments
            }
        }
        let scope1 = GUM.sum(components.filter { $0.scope == 1 }.map(\.value))
        let otherScopes = components.filter { $0.scope != 1 }.map(\.value)
        let locationBased = GUM.sum(location)
        let marketBased = GUM.sum(market)
        let headline = document.boundary.headline
        let total = GUM.sum([scope1, headline == .locationBased ? locationBased : marketBased] + otherScopes)
        model.add(headline == .locationBased ? scope2Model.location : scope2Model.market)

        var breakdown: [EvidenceTier: Double] = [:]
        for component in components {
            for (tier, share) in component.tiers { breakdown[tier, default: 0] += share * component.value.value }
        }
        for (tier, tonnes) in scope2Tiers { breakdown[tier, default: 0] += tonnes }
        if total.value != 0 { breakdown = breakdown.mapValues { $0 / total.value } }

        let mc = MonteCarlo.run(model.inputs, distribution: .normal, samples: document.samples, seed: document.seed) { model.evaluate($0) }
        let check = MCCheck(analytical: total.value, median: mc.median)
        if check.status != .ok {
            findings.append(
                Finding(
                    check.status == .critical ? .critical : .warning, "mc_divergence",
                    "the Monte Carlo median lies \(Int((check.delta * 100).rounded())) % from the analytical total"))
        }
        return Result(
            components: components, scope1: scope1, scope2LocationBased: locationBased, scope2MarketBased: marketBased, headline: headline,
            total: total, evidenceBreakdown: breakdown, monteCarlo: mc, mcCheck: check, findings: findings)
    }

    /// A component as a sum of products of its inputs, for the cross-check.
    static func model(of component: Component, _ source: EmissionSource) -> ProductSum {
        var model = ProductSum()
        switch component.method {
        case .cems:
            // The period's value with the flow meter's and the analyser's errors, shared by all hours.
            let first = source.cems?.samples.first
            model.add(1, [Measured(component.value.value, u: first?.flow.u ?? 0), Measured(1, u: first?.concentration.u ?? 0)])
        case .fuel:
            if let f = source.fuel, let ncv = f.ncv, let ef = f.ef { model.add(0.001, [f.activity, ncv, ef, f.oxidation]) }
        case .defaultFactor:
            if let activity = source.activity ?? source.fuel?.activity, let factor = source.defaultFactor {
                model.add(1, [activity, factor])
            }
        case .massBalance:
            guard let input = source.massBalance else { break }
            for s in input.inputs { model.add(MassBalance.co2PerCarbon, [s.mass, s.carbonFraction]) }
            for s in input.outputs + input.stockChange + input.captured.filter(\.permanent) {
                model.add(-MassBalance.co2PerCarbon, [s.mass, s.carbonFraction])
            }
        }
        return model
    }
}
