import CTNCarbon
import CTNModel

/// The lock's gate: CRITICAL readiness findings block a lock unless an override names each one
/// and says why; findings that leave no figure to lock cannot be overridden.
enum PeriodGate {
    static func check(_ report: Readiness.Report, override: ReadinessOverride?) throws(Problem) {
        let critical = report.critical
        if let override {
            for (i, code) in override.codes.enumerated() where !critical.contains(where: { $0.code == code }) {
                throw Problem.invalidValue("override.codes[\(i)]", "'\(code)' is not a CRITICAL finding of this calculation")
            }
        }
        let blocking = critical.filter { !$0.overridable || !(override?.codes.contains($0.code) ?? false) }
        guard blocking.isEmpty else {
            let named = blocking.map { f in "\(f.code)\(f.source.map { " (\($0))" } ?? ""): \(f.message)" }.joined(separator: "; ")
            let fixable = blocking.allSatisfy(\.overridable)
            throw Problem(
                status: 409, code: "readiness_critical", title: "The period is not ready to lock",
                detail: named
                    + (fixable ? "; fix the data or override with a justification" : "; fix the data: there is no figure to lock"),
                field: "calculation",
                extensions: JSONObject([
                    "findings": .array(report.findings.map(CalculationView.finding)), "overridable": .bool(fixable),
                ]))
        }
    }
}
