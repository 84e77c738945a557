import CTNLedger
import CTNModel

/// One node's answer to a trace's batch of lots: the lots as it discloses them, and its signed
/// tree head, to which the statements' log proofs lead (nil from nodes that send none).
public struct TraceBatch: Sendable {
    public var lots: [JSONValue]
    public var treeHead: TreeHead?

    public init(lots: [JSONValue], treeHead: TreeHead? = nil) {
        self.lots = lots
        self.treeHead = treeHead
    }
}
