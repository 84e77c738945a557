/// Simulation Run: a run document, read by the simulation room (the model is never stored).
public struct SimulationRunInput: ContractInput {
    public static let contract = ContractID.simulationRun
    public static let bodyFields = [
        "model", "horizonMinutes", "startTime", "orders", "meters", "electricityFactor", "factors", "prices", "scenarios",
    ]
    public var request: ValidatedRequest

    public init(_ request: ValidatedRequest) throws(Problem) { self.request = request }
}
