import Foundation

/// A business as seen across the network: `<businessId>@<nodeId>`, or a bare business ID on this node.
public struct BusinessRef: Hashable, Sendable, CustomStringConvertible {
    public let businessId: ID128
    public let nodeId: String?

    public init(businessId: ID128, nodeId: String?) {
        self.businessId = businessId
        self.nodeId = nodeId
    }

    public init?(_ text: String) {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard let id = ID128(String(parts[0])) else { return nil }
        businessId = id
        if parts.count == 2 {
            let node = String(parts[1])
            guard NodeID.isValid(node) else { return nil }
            nodeId = node
        } else {
            nodeId = nil
        }
    }

    public var description: String { nodeId.map { "\(businessId.hex)@\($0)" } ?? businessId.hex }
}
