import Foundation

/// Where a node's PostgreSQL database is: `postgresql://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=…`
/// (`postgres://` too; user, password and database percent-decoded). `sslmode` is `disable`,
/// `require` or `verify-full` (with `sslrootcert=FILE`); a host off loopback is refused without TLS,
/// and defaults to `verify-full`. The password never appears in `description`, and so in no log
/// line or error of the node.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is protected: not at all (loopback only), encrypted, or encrypted to a
    /// server whose certificate chains to the given CA and names the host.
    public enum TLSMode: String, Sendable {
        case disable, require
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode
    /// The CA file that the server's certificate must chain to (`sslrootcert`), for `verify-full`.
    public var rootCertificate: String?

    /// Why a URL was refused: a sentence naming the part, never repeating the password.
    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    public init(_ text: String) throws(Invalid) {
        guard let c = URLComponents(string: text), let scheme = c.scheme, ["postgresql", "postgres"].contains(scheme) else {
            throw Invalid(description: "a database URL starts with postgresql:// (the password in it is not repeated here)")
        }
        guard let host = c.host, !host.isEmpty else { throw Invalid(description: "the database URL names no host") }
        guard let user = c.percentEncodedUser.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw Invalid(description: "the database URL names no user")
        }
        let database = String(c.percentEncodedPath.dropFirst()).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else { throw Invalid(description: "the database URL names no database (…/NAME)") }
        let port = c.port ?? 5432
        guard (1...65535).contains(port) else { throw Invalid(description: "the database port must be 1 to 65535") }
        var query: [String: String] = [:]
        for item in c.queryItems ?? [] {
            guard ["sslmode", "sslrootcert"].contains(item.name), let value = item.value else {
                throw Invalid(description: "the database URL takes only sslmode and sslrootcert, not \(item.name)")
            }
            query[item.name] = value
        }
        let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host)
        let tls: TLSMode
        if let mode = query["sslmode"] {
            guard let m = TLSMode(rawValue: mode) else {
                throw Invalid(description: "sslmode must be disable, require or verify-full, not \(mode)")
            }
            tls = m
        } else {
            tls = loopback ? .disable : .verifyFull
        }
        guard loopback || tls != .disable else {
            throw Invalid(description: "a database off this machine (\(host)) is reached over TLS only: sslmode=require or verify-full")
        }
        self.user = user
        self.password = c.percentEncodedPassword?.removingPercentEncoding
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        self.port = port
        self.database = database
        self.tls = tls
        self.rootCertificate = query["sslrootcert"]
    }

    /// The whole URL, password included: for handing to another process of the node, never for a log.
    public var urlWithPassword: String {
        var c = URLComponents()
        c.scheme = "postgresql"
        c.user = user
        c.password = password
        c.host = host.contains(":") ? "[\(host)]" : host
        c.port = port
        c.path = "/" + database
        c.queryItems =
            [URLQueryItem(name: "sslmode", value: tls.rawValue)]
            + (rootCertificate.map { [URLQueryItem(name: "sslrootcert", value: $0)] } ?? [])
        return c.string ?? description
    }

    /// The URL with its password replaced by `***`.
    public var description: String {
        "postgresql://\(user)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)"
    }
}
