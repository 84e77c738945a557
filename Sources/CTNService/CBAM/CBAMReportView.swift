import CTNCBAM
import CTNModel

/// A report's results as answered and kept: per process and good the SEE (direct, indirect, the
/// figure that counts), the share on defaults, the tier and the precursors with the values used and why.
enum CBAMReportView {
    static func see(_ s: CBAMSEE) -> JSONValue { ["direct": .number(s.direct), "indirect": .number(s.indirect)] }

    static func precursor(_ p: EmbeddedEmissions.PrecursorUse) -> JSONValue {
        [
            "source": .string(p.source), "process": .optional(p.process), "cn": .optional(p.cn), "country": .optional(p.country),
            "mass": ["value": .number(p.tonnes), "unit": "t"], "see": see(p.see), "tier": .string(p.tier.rawValue),
            "reason": .string(p.reason),
        ]
    }

    static func results(
        reportId: String, input: CBAMReportInput, country: String, processes: [CBAMProcess],
        resolved: (processes: [EmbeddedEmissions.ProcessResult], goods: [EmbeddedEmissions.Good]), findings: [JSONValue]
    ) -> JSONValue {
        let goods: [JSONValue] = resolved.goods.map { g in
            [
                "process": .string(g.process), "cn": .string(g.cn), "category": .string(g.category.rawValue),
                "see": [
                    "direct": .number(g.see.direct), "indirect": .number(g.see.indirect), "counted": .number(g.counted),
                    "countedIs": .string(g.countsIndirect ? "direct+indirect" : "direct"), "unit": "t-CO2e/t",
                ],
                "defaultShare": .number(g.defaultShare), "tier": .string(g.tier.rawValue),
                "precursors": .array(g.precursors.map(precursor)),
            ]
        }
        let list: [JSONValue] = zip(processes, resolved.processes).map { p, r in
            [
                "id": .string(p.id), "activityLevel": ["value": .number(p.activityLevel), "unit": "t"],
                "directEmissions": ["value": .number(p.directEmissions), "unit": "t-CO2e"],
                "attributedEmissions": [
                    "direct": .number(r.attributed.direct), "indirect": .number(r.attributed.indirect), "unit": "t-CO2e",
                ],
                "embeddedEmissions": ["direct": .number(r.embedded.direct), "indirect": .number(r.embedded.indirect), "unit": "t-CO2e"],
                "onDefaultValues": ["direct": .number(r.onDefault.direct), "indirect": .number(r.onDefault.indirect), "unit": "t-CO2e"],
                "electricityConsumed": ["value": .number(p.electricityConsumed), "unit": "MWh"],
                "electricityFactor": ["value": .number(p.electricityFactor), "unit": "t-CO2e/MWh"],
            ]
        }
        return [
            "reportId": .string(reportId), "installation": .string(input.installation), "installationCountry": .string(country),
            "document": .object(input.document),
            "period": [
                "start": .string(Timestamp.format(millis: input.periodStart)), "end": .string(Timestamp.format(millis: input.periodEnd)),
            ],
            "goods": .array(goods), "processes": .array(list), "findings": .array(findings),
        ]
    }
}
