import CTNLedger
import CTNModel
import CTNService
import CTNStore
import Hummingbird

/// Puts the business a bearer token belongs to on the request context. A request without an
/// `Authorization` header stays anonymous; one with a header that names no live token is refused.
struct TenantTokenMiddleware: RouterMiddleware {
    typealias Context = NodeRequestContext
    let store: any Store
    let tokens = TokenCache()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The PACT host authenticates its own clients (HTTP Basic, its own access tokens).
        guard context.peerNode == nil, let header = request.headers[.authorization], !request.uri.path.hasPrefix("/pact/") else {
            return try await next(request, context)
        }
        guard header.hasPrefix("Bearer "), header.utf8.count < 200 else { throw Problem.unauthorized }
        let hash = Tokens.hash(String(header.dropFirst(7)))
        var context = context
        if let tenant = tokens.get(hash) {
            context.caller = .tenant(tenant)
        } else {
            guard let tenant = try await store.read({ tx in try tx.tenant(tokenHash: hash) }) else { throw Problem.unauthorized }
            tokens.put(hash, tenant)
            context.caller = .tenant(tenant)
        }
        return try await next(request, context)
    }
}
