import CTNLedger
import CTNModel

/// One node's answer to a trace's batch of lots: the lots as it discloses them, and its signed
/// tree head, to which the statements' log proofs lead (nil from nodes that send none), and the
/// answer's tag. Or, to a batch asked with the tag of an earlier answer, `unchanged`: nothing that
/// answer rests on changed, its lots stand (the node logged the reads again), `lots` is empty.
public struct TraceBatch: Sendable {
    public var lots: [JSONValue]
    public var treeHead: TreeHead?
    /// Names this answer, to ask for the same lots again `known` (nil: the node keeps no tags).
    public var tag: String?
    public var unchanged: Bool

    public init(lots: [JSONValue], treeHead: TreeHead? = nil, tag: String? = nil, unchanged: Bool = false) {
        self.lots = lots
        self.treeHead = treeHead
        self.tag = tag
        self.unchanged = unchanged
    }
}
