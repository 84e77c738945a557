import CTNFederation
import CTNLedger
import CTNModel
import CTNStore
import CTNTrace

/// The trace of a lot's carbon chain for one of our businesses, and the onward grants it carries.
extension ContractService {
    /// Walks the chain of `lotId` held on `root` as far as its owners disclose it to `tenant`.
    public func trace(lotId: String, root: String, options: TraceOptions, for tenant: TenantRecord) async throws -> JSONValue {
        if root != nodeId, peers.peer(root) == nil {
            throw Problem(
                status: 422, code: "unknown_node", title: "Unknown node", detail: "node \(root) is not in this node's peer directory",
                field: "node")
        }
        if root == nodeId, try await store.lotSnapshot(lotId) == nil { throw Problem.notFound("lot \(lotId)", field: "lotId") }
        let walker = TraceWalker(
            source: ServiceTraceSource(service: self, tenant: tenant), options: options, verified: verifiedStatements,
            recent: recentBatches)
        let tree = await walker.walk(lotId: lotId, node: root)
        let forked = try await forkedPeers()
        return forked.isEmpty ? tree : Self.markingUntrusted(tree, forked)
    }

    /// Every lot of a node this node caught forking its log is marked `untrusted`, with why.
    static func markingUntrusted(_ v: JSONValue, _ forked: Set<String>) -> JSONValue {
        switch v {
        case .array(let items): return .array(items.map { markingUntrusted($0, forked) })
        case .object(var o):
            for (k, child) in o.pairs where child.arrayValue != nil || child.objectValue != nil { o[k] = markingUntrusted(child, forked) }
            if let node = o["node"]?.stringValue, forked.contains(node), o["lotId"] != nil {
                o["untrusted"] = true
                o["untrustedReason"] = .string("node \(node) forked its log (GET /v1/log/alarms)")
            }
            return .object(o)
        default: return v
        }
    }

    /// An onward grant verified with the key of the node that issued it (this node or a peer).
    public func verifiedOnwardGrant(_ jws: String) throws -> OnwardGrant {
        guard let issuer = OnwardGrant.issuer(of: jws) else { throw LotStatement.Invalid(description: "not an onward grant") }
        guard let key = publicKey(of: issuer) else {
            throw LotStatement.Invalid(description: "node \(issuer) is not in the peer directory")
        }
        return try OnwardGrant.verify(jws, publicKey: key)
    }
}
