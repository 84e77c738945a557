/// One upstream lot a trace reached through a lot of this node (`via`).
public struct OnwardAsk: Sendable {
    public var via: String
    public var lot: String
    public var node: String

    public init(via: String, lot: String, node: String) {
        self.via = via
        self.lot = lot
        self.node = node
    }
}
