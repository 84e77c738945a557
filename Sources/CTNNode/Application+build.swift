import Hummingbird
import Logging

/// Builds the node's router: request IDs and metrics outermost, then problems, then peer signatures, tenant tokens and tenant limits, then
/// the controllers (contracts, federation, trace, statistics, node information).
public func buildRouter(_ node: Node, logger: Logger) -> Router<NodeRequestContext> {
    let router = Router(context: NodeRequestContext.self)
    router.add(middleware: RequestTelemetryMiddleware(metrics: node.metrics))
    router.add(middleware: ProblemMiddleware(logger: logger, routes: knownRoutes(node)))
    router.add(middleware: NULGuardMiddleware())
    router.add(middleware: PeerSignatureMiddleware(verifier: node.peerSignatures, maxBodyBytes: node.maxBodyBytes))
    router.add(middleware: TenantTokenMiddleware(store: node.store))
    router.add(middleware: TenantQuotaMiddleware(quotas: TenantQuotas(defaults: node.defaultLimits), metrics: node.metrics))
    ContractController(node: node).register(on: router)
    FederationController(node: node).register(on: router)
    TraceController(node: node).register(on: router)
    StatisticsController(node: node).register(on: router)
    NodeInfoController(node: node).register(on: router)
    LogController(node: node).register(on: router)
    if let console = try? ConsoleController(node: node) { console.register(on: router) }
    PACTController(node: node).register(on: router)
    return router
}

/// Every route template of the node with its methods: the contracts' and the fixed ones.
func knownRoutes(_ node: Node) -> KnownRoutes {
    var routes = KnownRoutes()
    for contract in node.contracts { routes.add(contract.path, contract.method) }
    for (path, method) in [
        ("/v1/contracts", "GET"), ("/openapi.json", "GET"), ("/v1/dictionaries", "GET"), ("/healthz", "GET"), ("/readyz", "GET"),
        ("/metrics", "GET"),
        ("/v1/ledger/head", "GET"),
        ("/v1/lots/{lotId}/trace", "GET"), ("/v1/statistics/{category}/network", "GET"), ("/v1/federation/lots", "POST"),
        ("/v1/federation/onward", "POST"), ("/v1/federation/deletions", "POST"),
    ] + ConsoleController.routes + PACTController.routes + LogController.routes {
        routes.add(path, method)
    }
    return routes
}
