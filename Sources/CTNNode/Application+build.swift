import Hummingbird
import Logging

/// Builds the node's router: problems outermost, then peer signatures and tenant tokens, then
/// the controllers (contracts, federation, trace, statistics, node information).
public func buildRouter(_ node: Node, logger: Logger) -> Router<NodeRequestContext> {
    let router = Router(context: NodeRequestContext.self)
    router.add(middleware: ProblemMiddleware(logger: logger))
    router.add(middleware: PeerSignatureMiddleware(verifier: node.peerSignatures, maxBodyBytes: node.maxBodyBytes))
    router.add(middleware: TenantTokenMiddleware(store: node.store))
    ContractController(node: node).register(on: router)
    FederationController(node: node).register(on: router)
    TraceController(node: node).register(on: router)
    StatisticsController(node: node).register(on: router)
    NodeInfoController(node: node).register(on: router)
    return router
}
