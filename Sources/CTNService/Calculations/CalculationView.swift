import CTNCarbon
import CTNModel

/// The JSON answer of a calculation: figures in t-CO2e, uncertainties expanded to k = 2 (about
/// 95 %) with the coverage factor stated, every component with the method it used and why.
public enum CalculationView {
    public static let coverageFactor = 2.0

    static func quantity(_ m: Measured) -> JSONValue {
        [
            "value": .number(m.value), "unit": "t-CO2e", "u": .number(m.expanded(coverageFactor)),
            "coverageFactor": .number(coverageFactor), "propagation": "GUM first order",
        ]
    }

    public static func json(_ document: CalculationDocument, _ r: Calculation.Result, findings: [Finding]) -> JSONValue {
        var o = JSONObject()
        o["site"] = .string(document.site)
        o["period"] = [
            "start": .string(Timestamp.format(millis: document.periodStart)), "end": .string(Timestamp.format(millis: document.periodEnd)),
        ]
        o["boundary"] = ["kind": .string(document.engine.boundary.kind.rawValue), "scope2Method": .string(r.headline.rawValue)]
        var total = quantity(r.total).objectValue ?? JSONObject()
        total["propagation"] = "GUM first order; Monte Carlo for mass balance components"
        o["total"] = .object(total)
        o["scope1"] = quantity(r.scope1)
        o["scope2"] = [
            "locationBased": quantity(r.scope2LocationBased), "marketBased": quantity(r.scope2MarketBased),
            "headline": .string(r.headline.rawValue),
        ]
        o["components"] = .array(r.components.map(component))
        var breakdown = JSONObject()
        for tier in EvidenceTier.allCases { breakdown[tier.rawValue] = .number(r.evidenceBreakdown[tier] ?? 0) }
        o["evidenceBreakdown"] = .object(breakdown)
        o["mcCheck"] = [
            "median": .number(r.mcCheck.median), "delta": .number(r.mcCheck.delta), "status": .string(r.mcCheck.status.rawValue),
            "samples": .number(Double(r.monteCarlo.samples)), "seed": .number(Double(document.engine.seed)),
            "low": .number(r.monteCarlo.low), "high": .number(r.monteCarlo.high),
        ]
        o["findings"] = .array(findings.map(finding))
        return .object(o)
    }

    public static func finding(_ f: Finding) -> JSONValue {
        [
            "severity": .string(f.severity.rawValue), "code": .string(f.code), "message": .string(f.message),
            "source": .optional(f.source), "overridable": .bool(f.overridable),
        ]
    }

    static func component(_ c: Component) -> JSONValue {
        var o = JSONObject()
        o["source"] = .string(c.source)
        o["scope"] = .number(Double(c.scope))
        o["method"] = .string(c.method.rawValue)
        o["fallbackReason"] = .optional(c.fallbackReason)
        o["value"] = .number(c.value.value)
        o["unit"] = "t-CO2e"
        o["u"] = .number(c.value.expanded(coverageFactor))
        o["coverageFactor"] = .number(coverageFactor)
        o["propagation"] = c.method == .massBalance ? "Monte Carlo (Latin hypercube)" : "GUM first order"
        // The tier most of the value rests on, and the shares.
        o["tier"] = .string((c.tiers.max { ($0.value, $1.key.rank) < ($1.value, $0.key.rank) }?.key ?? .default).rawValue)
        var tiers = JSONObject()
        for tier in EvidenceTier.allCases { if let share = c.tiers[tier] { tiers[tier.rawValue] = .number(share) } }
        o["tiers"] = .object(tiers)
        if let a = c.account {
            o["carbon"] = [
                "in": .number(a.carbonIn), "out": .number(a.carbonOut), "stockChange": .number(a.stockChange),
                "captured": .number(a.captured), "capturedNotPermanent": .number(a.capturedNotPermanent), "net": .number(a.netCarbon),
                "unit": "t-C",
            ]
        }
        return .object(o)
    }
}
