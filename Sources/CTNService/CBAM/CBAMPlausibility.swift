import CTNCBAM
import CTNModel

/// Deterministic plausibility checks of a report, each explained: a good's SEE far from the
/// default value of its country, precursor masses that do not fit the output, electricity without
/// a factor, and the next step to a better data-quality tier.
enum CBAMPlausibility {
    /// Below half or above one and a half times the default: worth a second look.
    static let farBelow = 0.5
    static let farAbove = 1.5

    static func finding(_ severity: String, _ code: String, _ message: String, process: String, cn: String? = nil) -> JSONValue {
        [
            "severity": .string(severity), "code": .string(code), "message": .string(message), "process": .string(process),
            "cn": .optional(cn),
        ]
    }

    static func findings(
        _ processes: [CBAMProcess], _ goods: [EmbeddedEmissions.Good], country: String,
        defaults: (String) -> (value: CBAMDefaultValue, fallback: Bool)?
    ) -> [JSONValue] {
        var out: [JSONValue] = []
        for g in goods {
            guard let (d, fallback) = defaults(g.cn) else { continue }
            let reference = d.direct + (g.countsIndirect ? d.indirect ?? 0 : 0)
            guard reference > 0 else { continue }
            let ratio = g.counted / reference
            if ratio < farBelow || ratio > farAbove {
                let whose = fallback ? "the fallback for countries without a value" : "the default for \(country)"
                out.append(
                    finding(
                        "WARNING", "far_from_default",
                        "SEE \(CanonicalJSON.number(g.counted)) t-CO2e/t is \(CanonicalJSON.number((ratio * 100).rounded())) % of \(whose) "
                            + "(\(CanonicalJSON.number(reference))): check the activity level, the emissions and the precursors",
                        process: g.process, cn: g.cn))
            }
        }
        for p in processes {
            let consumed = p.precursors.reduce(0) { $0 + $1.tonnes }
            if consumed > 0, consumed / p.activityLevel > 3 {
                out.append(
                    finding(
                        "WARNING", "precursor_mass_implausible",
                        "\(CanonicalJSON.number(consumed / p.activityLevel)) t of precursors per t of goods: more than 3; check units and the activity level",
                        process: p.id))
            }
            if p.electricityConsumed > 0, p.electricityFactor == 0 {
                out.append(
                    finding(
                        "WARNING", "electricity_factor_zero",
                        "electricity consumed with a factor of 0: its indirect emissions count nothing", process: p.id))
            }
            for pre in p.precursors {
                guard case .purchased(let cn, let country, _, let verified) = pre.source, !verified, !CBAMOrigin.countsZero(country) else {
                    continue
                }
                out.append(
                    finding(
                        "INFO", "next_tier",
                        "CN \(cn) from \(country) rests on its default value: ask the supplier for actual values verified for the period",
                        process: p.id, cn: cn))
            }
        }
        return out
    }
}
