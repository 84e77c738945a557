/// The mean CFP of a category's contributed lots across the network (kg-CO2e per category unit).
public struct NetworkIntensity: Sendable {
    public var category: String
    public var mean: Double
    public var contributors: Int
    public var count: Int
    public var nodes: [String]

    public init(category: String, mean: Double, contributors: Int, count: Int, nodes: [String]) {
        self.category = category
        self.mean = mean
        self.contributors = contributors
        self.count = count
        self.nodes = nodes
    }
}
