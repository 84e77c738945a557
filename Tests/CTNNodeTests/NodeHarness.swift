import CTNLedger
import CTNModel
import CTNNode
import CTNStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// A node in a temporary folder with three tenants, tested through its router.
struct NodeHarness {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let node: Node
    let tenants: [(businessId: String, token: String)]

    /// `limits`: what each tenant may take when its record sets nothing (the node's standard ones).
    init(limits: TenantLimits = Node.standardLimits) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-node-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try NodeKeys.generate(nodeId: "test-node").write(to: dir)
        var node = try Node.open(dataDir: dir, resources: Self.root)
        node.defaultLimits = limits
        self.node = node
        var ts: [(String, String)] = []
        for k in 0..<3 {
            let token = Tokens.generate()
            let business = String(repeating: String(k + 1), count: 32)
            try await node.store.createTenant(
                businessId: business, tenantId: "tenant-\(k)", tokenId: "token-\(k)", tokenHash: Tokens.hash(token), at: 0)
            ts.append((business, token))
        }
        tenants = ts
    }

    struct Reply: Sendable {
        var status: Int
        var json: JSONValue
        var contentType: String
        var allow: String? = nil
        /// The answer's headers and body text (for the console's HTML pages).
        var headers: HTTPFields = [:]
        var text: String = ""
        subscript(_ key: String) -> JSONValue? { json[key] }
        var code: String? { json["code"]?.stringValue }
        var field: String? { json["field"]?.stringValue }
    }

    func run(_ body: @Sendable (Client) async throws -> Void) async throws {
        // Warnings and errors only, as `ctn serve` logs by default (no access line per request).
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let app = Application(router: buildRouter(node, logger: logger), logger: logger)
        try await app.test(.router) { client in try await body(Client(client: client, tenants: tenants)) }
    }

    struct Client: Sendable {
        let client: any TestClientProtocol
        let tenants: [(businessId: String, token: String)]

        /// `as`: index of the calling tenant, or nil for no token.
        func call(
            _ method: HTTPRequest.Method, _ uri: String, as tenant: Int? = 0, raw: String? = nil, headers extra: [String: String] = [:],
            _ body: JSONValue? = nil
        ) async throws -> Reply {
            var headers: HTTPFields = [:]
            if let tenant { headers[.authorization] = "Bearer \(tenants[tenant].token)" }
            for (name, value) in extra { if let field = HTTPField.Name(name) { headers[field] = value } }
            let text = raw ?? body.map { CanonicalJSON.encodeOrdered($0) }
            return try await client.execute(uri: uri, method: method, headers: headers, body: text.map { ByteBuffer(string: $0) }) { r in
                let bytes = Array(r.body.readableBytesView)
                return Reply(
                    status: Int(r.status.code), json: (try? JSONParser.parse(bytes)) ?? .string(String(decoding: bytes, as: UTF8.self)),
                    contentType: r.headers[.contentType] ?? "", allow: r.headers[.allow], headers: r.headers,
                    text: String(decoding: bytes, as: UTF8.self))
            }
        }

        func id(_ r: Reply, _ key: String) -> String { r[key]?.stringValue ?? "missing-\(key)" }
    }
}
