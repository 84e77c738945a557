import CTNModel
import Hummingbird

/// Refuses the NUL character (`%00`) anywhere in a request's path or query, naming the query
/// parameter that holds it (or `path`): no parameter of the node takes one, SQLite would keep it
/// inside a text and PostgreSQL refuses it there, so a NUL that reached the store was answered
/// 500 on one backend and kept on the other. JSON bodies refuse NUL as they are parsed, and forms
/// as they are read (`FormFields.nulField`).
struct NULGuardMiddleware: RouterMiddleware {
    typealias Context = NodeRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let field = Self.nulField(path: request.uri.path, query: request.uri.query) {
            throw Problem.invalidValue(field, "must not contain the NUL character (%00)")
        }
        return try await next(request, context)
    }

    /// `path`, the name of the first query parameter whose value (or name) holds a NUL, or nil.
    static func nulField(path: String, query: String?) -> String? {
        if holdsNUL(Substring(path)) { return "path" }
        for pair in (query ?? "").split(separator: "&") where holdsNUL(pair) {
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return holdsNUL(name) ? "query" : String(name)
        }
        return nil
    }

    /// A literal NUL or its percent-encoding, in either case of hex digit (there is only one).
    static func holdsNUL(_ s: Substring) -> Bool {
        let u = Array(s.utf8)
        for (i, c) in u.enumerated() {
            if c == 0 { return true }
            if c == UInt8(ascii: "%"), i + 2 < u.count, u[i + 1] == UInt8(ascii: "0"), u[i + 2] == UInt8(ascii: "0") { return true }
        }
        return false
    }
}
