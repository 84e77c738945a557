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
        // One scan of the request target as it came; which part holds the NUL is worked out only then.
        if Self.holdsNUL(request.uri.string.utf8), let field = Self.nulField(path: request.uri.path, query: request.uri.query) {
            throw Problem.invalidValue(field, "must not contain the NUL character (%00)")
        }
        return try await next(request, context)
    }

    /// `path`, the name of the first query parameter whose value (or name) holds a NUL, or nil.
    static func nulField(path: String, query: String?) -> String? {
        if holdsNUL(path.utf8) { return "path" }
        for pair in (query ?? "").split(separator: "&") where holdsNUL(pair.utf8) {
            let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return holdsNUL(name.utf8) ? "query" : String(name)
        }
        return nil
    }

    /// A literal NUL byte, or `%00`.
    static func holdsNUL<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
        // The two bytes before this one: "%0" then "0" is the escape.
        var last: (UInt8, UInt8) = (0xFF, 0xFF)
        for c in bytes {
            if c == 0 || (last == (UInt8(ascii: "%"), UInt8(ascii: "0")) && c == UInt8(ascii: "0")) { return true }
            last = (last.1, c)
        }
        return false
    }
}
