import CTNMetrics
import CTNModel
import CTNService
import Hummingbird

/// Keeps one tenant from taking the node from the others: every call of a tenant takes a token
/// from its bucket, and heavy calls (traces, certifications, statistics, simulations, site
/// calculations) are bounded in number at once. A refusal is a 429 problem with `Retry-After`.
///
/// A refusal of rate is answered after a pause (`TenantQuotas.refusalPause`, for up to
/// `TenantQuotas.maxHeld` refusals of a tenant at once): a client that ignores `Retry-After` and
/// calls again at once cannot make the node spend its cores answering refusals, which is what
/// would slow the other tenants down.
struct TenantQuotaMiddleware: RouterMiddleware {
    typealias Context = NodeRequestContext
    let quotas: TenantQuotas
    let metrics: NodeMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let tenant = context.caller.tenant else { return try await next(request, context) }
        if let refusal = quotas.admit(tenant) {
            if quotas.hold(tenant) {
                try? await Task.sleep(for: quotas.refusalPause)
                quotas.release(tenant)
            }
            return refuse(refusal)
        }
        guard Self.isHeavy(request.method, context.endpointPath) else { return try await next(request, context) }
        if let refusal = quotas.startHeavy(tenant) { return refuse(refusal) }
        defer { quotas.endHeavy(tenant) }
        return try await next(request, context)
    }

    func refuse(_ r: TenantQuotas.Refusal) -> Response {
        metrics.throttled(kind: r.kind)
        var response = Responses.problem(
            Problem(
                status: 429, code: r.kind == "rate" ? "rate_limited" : "too_many_heavy_calls", title: "Too many requests", detail: r.detail)
        )
        response.headers[.retryAfter] = String(r.retryAfter)
        return response
    }

    /// The calls that may take a core for a long while, by the route template the router matched
    /// (so that `/v1/lots/X/trace/` and `//v1/...` are the same call as the plain path).
    static func isHeavy(_ method: HTTPRequest.Method, _ route: String?) -> Bool {
        guard let route else { return false }
        switch (method, route) {
        case (.get, "/v1/lots/{lotId}/trace"), (.get, "/v1/statistics/{category}"), (.get, "/v1/statistics/{category}/network"),
            (.post, "/v1/certifications"), (.post, "/v1/simulation/runs"), (.post, "/v1/calculations"):
            return true
        default:
            return false
        }
    }
}
