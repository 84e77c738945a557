import CTNModel
import CTNService
import CTNTrace
import Hummingbird

/// `GET /v1/lots/{lotId}/trace[?node=&deadlineMs=&maxDepth=]`: the carbon chain of a lot, as far
/// as its owners disclose it to the calling business.
struct TraceController {
    let node: Node

    func register(on router: Router<NodeRequestContext>) {
        router.get("/v1/lots/{lotId}/trace", use: trace)
    }

    @Sendable func trace(_ request: Request, context: NodeRequestContext) async throws -> Response {
        guard let tenant = context.caller.tenant else { throw Problem.unauthorized }
        let lotId = context.parameters.get("lotId") ?? ""
        guard ID128(lotId) != nil else { throw Problem.invalidValue("lotId", "must be a 128-bit ID: 32 lowercase hexadecimal characters") }
        var options = node.traceOptions
        let query = request.uri.queryParameters
        let root = query["node"].map(String.init) ?? node.keys.nodeId
        guard NodeID.isValid(root) else { throw Problem.invalidValue("node", "must be a node ID") }
        if let text = query["deadlineMs"] {
            guard let millis = Int(text), (1...120_000).contains(millis) else {
                throw Problem.invalidValue("deadlineMs", "must be an integer from 1 to 120000")
            }
            options.timeout = Double(millis) / 1000
        }
        if let text = query["maxDepth"] {
            guard let depth = Int(text), (0...TraceOptions.maxDepthLimit).contains(depth) else {
                throw Problem.invalidValue("maxDepth", "must be an integer from 0 to \(TraceOptions.maxDepthLimit)")
            }
            options.maxDepth = depth
        }
        let clock = ContinuousClock()
        let start = clock.now
        let answer: JSONValue
        do {
            answer = try await node.service.trace(lotId: lotId, root: root, options: options, for: tenant)
        } catch {
            node.metrics.trace(duration: clock.now - start, outcome: "failed")
            throw error
        }
        node.metrics.trace(duration: clock.now - start, outcome: answer["complete"]?.boolValue == false ? "partial" : "complete")
        return Responses.negotiated(200, answer, accept: request.headers[.accept])
    }
}
