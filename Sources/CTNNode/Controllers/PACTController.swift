import CTNConsole
import CTNLedger
import CTNModel
import CTNPACT
import CTNStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The tenants' PACT hosts under `/pact` (WBCSD Pathfinder v2.3 at `/pact/2`, v3.0 at `/pact/3`):
/// OAuth2 client credentials for an access token bound to one tenant and one client, the tenant's
/// published footprints, and events. Errors are PACT's `{"code","message"}` (the token endpoint's
/// are OAuth2's), never the node's problem documents.
struct PACTController {
    let node: Node
    /// `<public URL>/pact` from the node's identity: links, discovery and event sources are built
    /// from it, never from a request's Host header.
    let publicBase: String?
    static let tokenSeconds: Int64 = 3600

    init(node: Node) {
        self.node = node
        let identity = try? JSONParser.parse(Array((try? Data(contentsOf: node.dataDir.appendingPathComponent("node.json"))) ?? Data()))
        publicBase = identity?["publicURL"]?.stringValue.map { ($0.hasSuffix("/") ? String($0.dropLast()) : $0) + "/pact" }
    }
    static let tokenType = "ctn-pact-access-token"

    static let routes: [(String, String)] = [
        ("/pact/auth/token", "POST"), ("/pact/.well-known/openid-configuration", "GET"), ("/pact/2/footprints", "GET"),
        ("/pact/2/footprints/{id}", "GET"), ("/pact/2/events", "POST"), ("/pact/3/footprints", "GET"), ("/pact/3/footprints/{id}", "GET"),
        ("/pact/3/events", "POST"),
    ]

    func register(on router: Router<NodeRequestContext>) {
        router.post("/pact/auth/token") { request, _ in await guarded(2) { try await token(request) } }
        router.get("/pact/.well-known/openid-configuration") { request, _ in
            let base = base(request)
            var response = Self.json(
                200,
                [
                    "issuer": .string(base), "token_endpoint": .string(base + "/auth/token"),
                    "grant_types_supported": ["client_credentials"],
                    "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
                    "response_types_supported": ["token"],
                ])
            response.headers[.cacheControl] = "no-store"
            return response
        }
        for version in [2, 3] {
            router.get("/pact/\(version)/footprints") { request, _ in await guarded(version) { try await list(request, version: version) } }
            router.get("/pact/\(version)/footprints/:id") { request, context in
                await guarded(version) { try await get(request, id: context.parameters.get("id") ?? "", version: version) }
            }
            router.post("/pact/\(version)/events") { request, _ in await guarded(version) { try await events(request, version: version) } }
        }
    }

    /// A PACT error: its code, its status and what happened.
    struct Failure: Error {
        var status: Int
        var code: String
        var message: String
        static func badRequest(_ message: String) -> Failure { Failure(status: 400, code: "BadRequest", message: message) }
    }

    /// Runs a handler and answers any failure in PACT's error shape; nothing escapes as a node problem.
    func guarded(_ version: Int, _ body: () async throws -> Response) async -> Response {
        do { return try await body() } catch let f as Failure {
            return Self.json(f.status, ["code": .string(f.code), "message": .string(f.message)])
        } catch let oauth as OAuthFailure {
            var response = Self.json(oauth.status, ["error": .string(oauth.error), "error_description": .string(oauth.description)])
            if oauth.status == 401 { response.headers[.wwwAuthenticate] = "Basic realm=\"pact\"" }
            return response
        } catch {
            return Self.json(500, ["code": "InternalError", "message": "the host could not answer"])
        }
    }

    /// An OAuth2 token endpoint error (RFC 6749 §5.2).
    struct OAuthFailure: Error {
        var status: Int
        var error: String
        var description: String
    }

    // MARK: Tokens

    func token(_ request: Request) async throws -> Response {
        let form = try await Self.form(request)
        guard form["grant_type"] == "client_credentials" else {
            throw form["grant_type"] == nil
                ? OAuthFailure(status: 400, error: "invalid_request", description: "grant_type is missing")
                : OAuthFailure(status: 400, error: "unsupported_grant_type", description: "only client_credentials is supported")
        }
        var id = form["client_id"]
        var secret = form["client_secret"]
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
            let raw = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            case let decoded = String(decoding: raw, as: UTF8.self), let colon = decoded.firstIndex(of: ":")
        {
            id = FormFields.decode(String(decoded[..<colon]))
            secret = FormFields.decode(String(decoded[decoded.index(after: colon)...]))
        }
        guard let id, let secret, id.utf8.count < 200, secret.utf8.count < 200, let client = try await node.store.pactClient(id),
            client.revokedAt == nil, Tokens.same(client.secretHash, Tokens.hash(secret))
        else { throw OAuthFailure(status: 401, error: "invalid_client", description: "Authentication failed") }
        let now = node.clock.nowMillis() / 1000
        let token = try CompactJWS.sign(
            [
                "cid": .string(client.clientId), "tid": .string(client.tenantId), "iat": .number(Double(now)),
                "exp": .number(Double(now + Self.tokenSeconds)),
            ],
            type: Self.tokenType, keys: node.keys)
        var response = Self.json(
            200, ["access_token": .string(token), "token_type": "Bearer", "expires_in": .number(Double(Self.tokenSeconds))])
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The tenant an access token speaks for, and its client: refused when absent, forged, expired
    /// (TokenExpired) or its client revoked.
    func tenant(_ request: Request) async throws -> TenantRecord { try await caller(request).tenant }

    func caller(_ request: Request) async throws -> (tenant: TenantRecord, client: PACTClientRecord) {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "), header.utf8.count < 2000 else {
            throw Failure.badRequest("a Bearer access token is required")
        }
        let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        guard let (_, claims) = try? CompactJWS.verify(token, type: Self.tokenType, publicKey: node.keys.signingKey.publicKey),
            let clientId = claims["cid"]?.stringValue, let tenantId = claims["tid"]?.stringValue, let exp = claims["exp"]?.numberValue
        else { throw Failure.badRequest("the access token is not valid") }
        guard Double(node.clock.nowMillis() / 1000) < exp else {
            throw Failure(status: 401, code: "TokenExpired", message: "the access token expired")
        }
        guard let client = try await node.store.pactClient(clientId), client.revokedAt == nil, client.tenantId == tenantId,
            let tenant = try await node.store.read({ tx in try tx.tenant(tenantId: tenantId) })
        else { throw Failure.badRequest("the access token's client was revoked") }
        return (tenant, client)
    }

    // MARK: Helpers

    /// The host's base URL: the node's public URL, or (a node without one) the authority it was reached at, if plain.
    func base(_ request: Request) -> String {
        if let publicBase { return publicBase }
        let host = request.head.authority ?? ""
        let plain =
            !host.isEmpty
            && host.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".:-[]".unicodeScalars.contains($0))
            }
        return "https://\(plain ? host : "localhost")/pact"
    }

    static func json(_ status: Int, _ value: JSONValue) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: CanonicalJSON.orderedBytes(value))))
    }

    static func form(_ request: Request) async throws -> FormFields {
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: 16 * 1024) } catch { throw Failure.badRequest("the body is too large") }
        let fields = FormFields(String(decoding: buffer.readableBytesView, as: UTF8.self))
        if let field = fields.nulField { throw Failure.badRequest("'\(field)' must not contain the NUL character") }
        return fields
    }
}
