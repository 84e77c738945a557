import CTNCarbon
import CTNModel

extension CalculationDocument {
    /// Runs the engine on the document: the result's JSON, or the problem that stopped it (a mass
    /// balance that does not close, a source no method can calculate, Scope 2 data that do not fit).
    public func calculate() throws(Problem) -> JSONValue {
        let result: Calculation.Result
        do { result = try Calculation.run(engine) } catch {
            throw Self.problem(error, sources: engine.sources.map(\.id) + engine.electricity.map(\.id))
        }
        return CalculationView.json(self, result, findings: result.findings + Readiness.findings(engine, result))
    }

    /// The readiness check of a lock: the result and every finding, a calculation that cannot be
    /// made being a CRITICAL finding; only Scope 2 data that do not fit are a problem.
    public func readiness() throws(Problem) -> Readiness.Report {
        do { return try Readiness.check(engine) } catch {
            throw Self.problem(error, sources: engine.sources.map(\.id) + engine.electricity.map(\.id), prefix: prefix)
        }
    }

    /// Reads and runs a document given as JSON.
    public static func calculate(_ json: JSONValue) throws(Problem) -> JSONValue { try CalculationDocument(json).calculate() }

    static func problem(_ failure: Calculation.Failure, sources: [String], prefix: String = "") -> Problem {
        func field(_ id: String, _ member: String) -> String {
            "\(prefix)sources[\(sources.firstIndex(of: id) ?? 0)].\(member)"
        }
        switch failure {
        case .source(.massBalanceNotClosed(let source, let reason)):
            return Problem(
                status: 422, code: "mass_balance_not_closed", title: "Mass balance does not close",
                detail: "source \(source): \(reason); a mass balance never falls back to another method",
                field: field(source, "massBalance"))
        case .source(.noMethod(let source, let fallbacks)):
            return Problem(
                status: 422, code: "no_usable_method", title: "No method can calculate the source",
                detail: "source \(source): " + fallbacks.map { "\($0.code): \($0.reason)" }.joined(separator: "; "),
                field: field(source, "preferredMethod"))
        case .scope2(let source, let reason):
            return Problem(
                status: 422, code: "invalid_value", title: "Invalid value", detail: "source \(source): \(reason)",
                field: field(source, "instruments"))
        }
    }
}
