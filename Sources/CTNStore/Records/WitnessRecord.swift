import CTNLedger

/// A peer's tree head this node checked and cosigned, or an alarm it raised about a peer.
public struct WitnessRecord: Sendable, Equatable {
    public var peer: String
    public var head: TreeHead
    /// This node's cosignature (nil for an alarm's evidence).
    public var cosignature: String?
    public var at: Int64
    /// Why the head is an alarm (a fork), or nil for a witnessed head.
    public var alarm: String?

    public init(peer: String, head: TreeHead, cosignature: String?, at: Int64, alarm: String? = nil) {
        self.peer = peer
        self.head = head
        self.cosignature = cosignature
        self.at = at
        self.alarm = alarm
    }
}
