/// The readiness check run before a period is locked: the calculation's own findings (method
/// fallbacks, substituted data, Monte Carlo divergence) and the checks on its data: calibration
/// overdue, a mass balance that does not close, missing data. CRITICAL findings block the lock
/// unless overridden; those that leave no figure to lock cannot be overridden.
public enum Readiness {
    /// Above this share of a component put in for missing data, the period is not ready.
    public static let substitutedLimit = 0.2

    /// The outcome of a calculation, with every finding.
    public struct Report: Sendable, Equatable {
        public var result: Calculation.Result?
        public var findings: [Finding]

        /// CRITICAL findings, in the order found.
        public var critical: [Finding] { findings.filter { $0.severity == .critical } }
    }

    /// Runs the calculation and its checks; only Scope 2 data that do not fit (an input error, not
    /// a state of the period) are thrown.
    public static func check(_ document: Calculation.Document) throws(Calculation.Failure) -> Report {
        let result: Calculation.Result
        do { result = try Calculation.run(document) } catch {
            switch error {
            case .source(.massBalanceNotClosed(let source, let reason)):
                return Report(
                    result: nil,
                    findings: [
                        Finding(
                            .critical, "mass_balance_not_closed", "the carbon account does not close: \(reason)", source: source,
                            overridable: false)
                    ])
            case .source(.noMethod(let source, let fallbacks)):
                let reasons = fallbacks.map { "\($0.code): \($0.reason)" }.joined(separator: "; ")
                return Report(
                    result: nil,
                    findings: [
                        Finding(
                            .critical, "missing_data", "no method can calculate the source: \(reasons)", source: source, overridable: false)
                    ]
                )
            case .scope2:
                throw error
            }
        }
        return Report(result: result, findings: result.findings + findings(document, result))
    }

    /// The data checks of a calculation that could be made.
    public static func findings(_ document: Calculation.Document, _ result: Calculation.Result) -> [Finding] {
        var out: [Finding] = []
        for (source, component) in zip(document.sources, result.components) {
            if let cems = source.cems, !cems.calibrated {
                // The method fell back, so the figure does not rest on the analyser.
                out.append(
                    Finding(
                        .warning, "calibration_overdue",
                        "the CEMS analyser's calibration is not valid for the period; the source fell back to \(component.method.rawValue)",
                        source: source.id))
            }
            if let fuel = source.fuel, !fuel.meterCalibrated, component.method == .fuel || component.method == .defaultFactor {
                out.append(
                    Finding(
                        .critical, "calibration_overdue",
                        "the fuel meter's calibration is not valid for the period, and the figure rests on its reading", source: source.id))
            }
            if let share = component.tiers[.substituted], share > substitutedLimit {
                out.append(
                    Finding(
                        .critical, "missing_data",
                        "\(Int((share * 100).rounded())) % of the value was put in for missing data (the limit is \(Int(substitutedLimit * 100)) %)",
                        source: source.id))
            }
        }
        return out
    }
}
