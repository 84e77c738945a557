import CTNModel
import CTNSimulation

extension SimulationDocument {
    /// Runs the document and its scenarios: the answer's JSON.
    public func simulate() -> JSONValue {
        let result = Simulation.run(run)
        // Each scenario is summed up as soon as it has run: only its figures are kept.
        let variants = scenarios.map { SimulationView.scenario($0.id, $0.evaluate(from: result), base: result) }
        return SimulationView.json(self, result, scenarios: variants)
    }

    /// Reads and runs a document given as JSON (`ctn simulate run`).
    public static func simulate(_ json: JSONValue) throws(Problem) -> JSONValue { try SimulationDocument(json).simulate() }

    /// The equipment IDs the model names, with the field each is at.
    public var equipmentIds: [(String, String)] {
        run.model.machines.enumerated().compactMap { i, m in m.equipmentId.map { ($0, "model.machines[\(i)].equipmentId") } }
    }
}
