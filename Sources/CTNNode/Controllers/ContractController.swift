import CTNFederation
import CTNModel
import CTNService
import Hummingbird
import NIOCore

/// One route per contract definition, each the same straight way: the caller from the
/// middleware, the path and body checked against the definition, the service's answer with the
/// definition's status.
struct ContractController {
    let node: Node

    func register(on router: Router<NodeRequestContext>) {
        for contract in node.contracts {
            guard let method = HTTPRequest.Method(contract.method) else { continue }
            router.on(RouterPath(contract.path), method: method) { request, context in
                try await handle(contract, request: request, context: context)
            }
        }
    }

    func handle(_ contract: ContractDefinition, request: Request, context: NodeRequestContext) async throws -> Response {
        guard let id = contract.contractID else {
            throw Problem(status: 501, code: "not_implemented", title: "Not implemented", detail: "contract \(contract.id) has no handler")
        }
        // A peer node's signed request acts for one of its businesses, and may only read: the
        // enquiries that owners open to their consignees, and the statistics (`peers` in the definition).
        if context.peerNode != nil {
            guard contract.peerCallable else {
                throw Problem(
                    status: 403, code: "not_for_peers", title: "Not open to other nodes",
                    detail: "\(contract.name) can only be called by businesses hosted on this node")
            }
            let path = try pathParameters(contract, context, request)
            return Responses.json(
                contract.responseStatus, try await node.service.handle(id, ValidatedRequest(path: path), caller: context.caller))
        }
        if contract.auth == .tenant, context.caller.tenant == nil { throw Problem.unauthorized }
        let path = try pathParameters(contract, context, request)
        // An enquiry about a lot on another node, asked through this node: forwarded, signed for
        // the calling business, and answered as the other node answered.
        if contract.forwardable, let remote = request.uri.queryParameters["node"].map(String.init), remote != node.keys.nodeId {
            return try await forward(contract, path: request.uri.path, to: remote, context: context)
        }
        var body = JSONObject()
        if contract.body != nil {
            var request = request
            let buffer: ByteBuffer
            // A contract may take more than the node's limit (calculation documents), never less.
            let limit = max(node.maxBodyBytes, contract.maxBodyBytes ?? 0)
            do { buffer = try await request.collectBody(upTo: limit) } catch { throw Problem.bodyTooLarge(limit) }
            body = try node.validator.validateBody(contract, bytes: Array(buffer.readableBytesView))
        }
        let answer = try await node.service.handle(id, ValidatedRequest(path: path, body: body), caller: context.caller)
        return Responses.json(contract.responseStatus, answer)
    }

    /// The contract's path and query parameters, checked against its definition.
    func pathParameters(_ contract: ContractDefinition, _ context: NodeRequestContext, _ request: Request) throws -> [String: String] {
        var path: [String: String] = [:]
        for parameter in contract.pathParameters { path[parameter.name] = context.parameters.get(parameter.name) }
        try node.validator.validatePath(contract, path)
        guard !contract.queryParameters.isEmpty else { return path }
        // Query parameters join the path's values (their names never collide: the definitions say so).
        var query: [String: String] = [:]
        for parameter in contract.queryParameters {
            query[parameter.name] = request.uri.queryParameters[Substring(parameter.name)].map(String.init)
        }
        try node.validator.validateQuery(contract, query)
        return path.merging(query) { a, _ in a }
    }

    /// Sends the enquiry to `remote`, signed for the calling business, and answers what it answered:
    /// its answer, or its refusal where the contract defines it (else 502 `peer_refused`).
    func forward(_ contract: ContractDefinition, path: String, to remote: String, context: NodeRequestContext) async throws -> Response {
        guard NodeID.isValid(remote) else { throw Problem.invalidValue("node", "must be a node ID") }
        guard node.federation.peer(remote) != nil else {
            throw Problem(
                status: 422, code: "unknown_node", title: "Unknown node", detail: "node \(remote) is not in this node's peer directory",
                field: "node")
        }
        guard let tenant = context.caller.tenant else { throw Problem.unauthorized }
        do {
            let answer = try await node.federation.send(
                node: remote, method: "GET", path: path, actingBusiness: "\(tenant.businessId)@\(node.keys.nodeId)", idempotent: true)
            return Responses.raw(answer.body, status: HTTPResponse.Status(code: answer.status))
        } catch PeerError.status(_, let status, let code, let detail) where status < 500 {
            guard let code, contract.defines(status: status, code: code) else {
                throw Problem(
                    status: 502, code: "peer_refused", title: "Refused by node \(remote)",
                    detail: "node \(remote) answered \(status) \(code ?? "without a problem code"), which \(contract.name) does not define",
                    field: "node")
            }
            throw Problem(
                status: status, code: code, title: "Refused by node \(remote)", detail: detail ?? "node \(remote) answered \(status)",
                field: status == 404 ? "lotId" : nil)
        } catch let error as PeerError {
            throw Problem(status: 502, code: "peer_unreachable", title: "Node did not answer", detail: error.description, field: "node")
        }
    }
}
