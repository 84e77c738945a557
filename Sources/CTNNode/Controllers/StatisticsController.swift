import CTNModel
import CTNService
import Hummingbird

/// `GET /v1/statistics/{category}/network`: this node's and every peer's statistics of a category,
/// combined exactly through their sketches (nodes below the minimum of contributing businesses give nothing).
struct StatisticsController {
    let node: Node

    func register(on router: Router<NodeRequestContext>) {
        router.get("/v1/statistics/{category}/network", use: network)
    }

    @Sendable func network(_ request: Request, context: NodeRequestContext) async throws -> Response {
        guard let tenant = context.caller.tenant else { throw Problem.unauthorized }
        let category = context.parameters.get("category") ?? ""
        let acting = "\(tenant.businessId)@\(node.keys.nodeId)"
        return Responses.json(200, try await node.service.networkStatistics(category, acting: acting))
    }
}
