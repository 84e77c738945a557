import CTNModel
import Hummingbird
import Logging

/// Turns every error into an RFC 9457 problem document. Unexpected errors are logged and answered
/// with a generic 500 that reveals nothing of the node's internals.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = NodeRequestContext
    let logger: Logger
    /// The node's routes, to tell an unknown path (404) from a method a known path does not take (405).
    let routes: KnownRoutes

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return Responses.problem(problem)
        } catch let error as HTTPError {
            switch error.status.code {
            case 404, 405:
                let allowed = routes.methods(for: request.uri.path)
                guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else {
                    return Responses.problem(
                        Problem(
                            status: 404, code: "no_such_route", title: "Not found", detail: "no route \(request.method) \(request.uri.path)"
                        ))
                }
                var response = Responses.problem(
                    Problem(
                        status: 405, code: "method_not_allowed", title: "Method not allowed",
                        detail: "\(request.uri.path) takes \(allowed.joined(separator: ", ")), not \(request.method)"))
                response.headers[.allow] = allowed.joined(separator: ", ")
                return response
            case 413:
                return Responses.problem(Problem.bodyTooLarge(0))
            default:
                return Responses.problem(
                    Problem(
                        status: Int(error.status.code), code: "http_error", title: error.status.reasonPhrase,
                        detail: error.body ?? error.status.reasonPhrase))
            }
        } catch {
            logger.error("internal error on \(request.method) \(request.uri.path): \(String(describing: error))")
            return Responses.problem(
                Problem(
                    status: 500, code: "internal", title: "Internal error",
                    detail: "the node could not complete the call; nothing was written"))
        }
    }
}
