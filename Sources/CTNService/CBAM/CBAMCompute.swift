import CTNCBAM
import CTNModel

/// A report document turned into the engine's processes and resolved: the same steps when it is
/// filed and when a verifier replays it (with the direct emissions a locked calculation gave).
struct CBAMCompute {
    let units: StatedUnits
    let dictionaries: Dictionaries

    /// The processes of `input`; `fromCalculation(i, id)` gives the direct emissions of process `i`
    /// from its locked calculation `id`.
    func processes(_ input: CBAMReportInput, fromCalculation: (Int, String) throws -> Double) throws -> [CBAMProcess] {
        let u = units
        var processes: [CBAMProcess] = []
        for (i, p) in input.processes.enumerated() {
            var direct = try p.directEmissions.map { q throws(Problem) in try u.co2e(q) } ?? 0
            if let id = p.calculationId { direct = try fromCalculation(i, id) }
            func flow(_ name: String) throws(Problem) -> Double { try p.flows[name].map { q throws(Problem) in try u.co2e(q) } ?? 0 }
            var precursors: [CBAMProcess.Precursor] = []
            for pre in p.precursors {
                let tonnes = try u.tonnes(pre.mass)
                if let own = pre.process {
                    precursors.append(.init(.own(process: own), tonnes: tonnes))
                } else {
                    // Purchased actual values count only with a verifier's statement for the period.
                    let actual = pre.see.map { CBAMSEE(direct: $0.direct, indirect: $0.indirect) }
                    precursors.append(
                        .init(.purchased(cn: pre.cn ?? "", country: pre.country ?? "", actual: actual, verified: false), tonnes: tonnes))
                }
            }
            processes.append(
                CBAMProcess(
                    id: p.id, goods: p.goods, activityLevel: try u.tonnes(p.activityLevel), directEmissions: direct,
                    flows: CBAMProcess.Flows(
                        heatImported: try flow("heatImported"), heatExported: try flow("heatExported"),
                        wasteGasImported: try flow("wasteGasImported"), wasteGasExported: try flow("wasteGasExported"),
                        electricityExported: try flow("electricityExported")),
                    electricityConsumed: try u.mwh(p.electricityConsumed), electricityFactor: try u.perMWh(p.electricityFactor),
                    precursors: precursors))
        }
        return processes
    }

    /// The goods' embedded emissions, with the defaults in force at `at`; engine errors as problems naming the process.
    func resolve(
        _ processes: [CBAMProcess], at: Int64
    ) throws(Problem) -> (processes: [EmbeddedEmissions.ProcessResult], goods: [EmbeddedEmissions.Good]) {
        let dictionaries = self.dictionaries
        do throws(CBAMError) {
            return try EmbeddedEmissions.resolve(processes) { cn, country in
                dictionaries.cbamDefault(cn: cn, country: country, at: at).map {
                    CBAMDefault(
                        see: CBAMSEE(direct: $0.value.direct, indirect: $0.value.indirect ?? 0), source: $0.value.source,
                        fallback: $0.fallback)
                }
            }
        } catch {
            let field = "processes[\(error.process)]" + (error.precursor.map { ".precursors[\($0)]" } ?? "")
            throw Problem(
                status: 422, code: error.code.rawValue, title: "Cannot compute embedded emissions", detail: error.message, field: field)
        }
    }
}
