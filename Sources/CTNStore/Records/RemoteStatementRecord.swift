/// A lot statement signed by another node, verified when it was pulled: the evidence behind the
/// CO2 of a material use, kept so that the calculation can be replayed without the network.
public struct RemoteStatementRecord: Sendable, Equatable {
    public var nodeId: String
    public var lotId: String
    public var version: Int64
    public var jws: String
    public var co2PerUnit: Double
    public var declaredUnit: String
    public var fetchedAt: Int64
    public init(nodeId: String, lotId: String, version: Int64, jws: String, co2PerUnit: Double, declaredUnit: String, fetchedAt: Int64) {
        self.nodeId = nodeId
        self.lotId = lotId
        self.version = version
        self.jws = jws
        self.co2PerUnit = co2PerUnit
        self.declaredUnit = declaredUnit
        self.fetchedAt = fetchedAt
    }
}
