/// Method selection with audited fallback: a source's preferred method is used when its
/// prerequisites hold for the period, otherwise the next method down (CEMS → fuel combustion →
/// default factor), each fallback recorded with its reason. Mass balance never falls back: a
/// balance that does not close fails the calculation.
public enum Dispatch {
    /// Why a source could not be calculated at all.
    public enum Failure: Error, Sendable, Equatable {
        case massBalanceNotClosed(source: String, reason: String)
        case noMethod(source: String, fallbacks: [Fallback])
    }

    public static func component(_ source: EmissionSource, samples: Int, seed: UInt64) throws(Failure) -> Component {
        if source.preferred == .massBalance {
            guard let input = source.massBalance else {
                throw .massBalanceNotClosed(source: source.id, reason: "no streams given for the mass balance")
            }
            do {
                let (account, mc) = try MassBalance.emissions(input, samples: samples, seed: seed)
                return Component(
                    source: source.id, scope: source.scope, method: .massBalance, fallbacks: [],
                    value: Measured(account.co2, u: mc.relative), tiers: [.periodic: 1], account: account, monteCarlo: mc)
            } catch {
                throw .massBalanceNotClosed(source: source.id, reason: error.reason)
            }
        }
        let order: [EmissionSource.Method] = [.cems, .fuel, .defaultFactor]
        var fallbacks: [Fallback] = []
        for method in order.drop(while: { $0 != source.preferred }) {
            do throws(Fallback) {
                let (value, tiers) = try attempt(method, source)
                return Component(
                    source: source.id, scope: source.scope, method: method, fallbacks: fallbacks, value: value, tiers: tiers, account: nil,
                    monteCarlo: nil)
            } catch {
                fallbacks.append(error)
            }
        }
        throw .noMethod(source: source.id, fallbacks: fallbacks)
    }

    static func attempt(_ method: EmissionSource.Method, _ source: EmissionSource) throws(Fallback) -> (Measured, [EvidenceTier: Double]) {
        switch method {
        case .cems:
            guard let data = source.cems else { throw Fallback("missing_data", "no CEMS data for the source") }
            let r = try CEMS.emissions(
                data.samples, expectedHours: data.expectedHours, coverageThreshold: data.coverageThreshold, calibrated: data.calibrated)
            var tiers: [EvidenceTier: Double] = [.continuous: 1 - r.substitutedShare]
            if r.substitutedShare > 0 { tiers[.substituted] = r.substitutedShare }
            return (r.tonnes, tiers)
        case .fuel:
            guard let data = source.fuel else { throw Fallback("missing_data", "no fuel data for the source") }
            return (
                try FuelCombustion.emissions(activity: data.activity, ncv: data.ncv, ef: data.ef, oxidation: data.oxidation), [data.tier: 1]
            )
        case .defaultFactor:
            return (
                try DefaultFactor.emissions(activity: source.activity ?? source.fuel?.activity, factor: source.defaultFactor), [.default: 1]
            )
        case .massBalance:
            throw Fallback("missing_data", "mass balance is not a fallback")
        }
    }
}
