/// Data of another node's lot that a business of this node obtained under an agreement and keeps
/// (a certifier's evidence): what a deletion request can ask to remove.
public struct HeldRecord: Sendable, Equatable {
    public var tenantId: String
    public var node: String
    public var lotId: String
    public var kind: String
    public var content: String
    public var obtainedAt: Int64
    public init(tenantId: String, node: String, lotId: String, kind: String, content: String, obtainedAt: Int64) {
        self.tenantId = tenantId
        self.node = node
        self.lotId = lotId
        self.kind = kind
        self.content = content
        self.obtainedAt = obtainedAt
    }
}
