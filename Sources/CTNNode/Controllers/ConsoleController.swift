import CTNConsole
import CTNLedger
import CTNModel
import CTNStore
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The web console at `/console/`: server-rendered pages over the node's own HTTPS. A tenant
/// token opens a session (a random cookie, `HttpOnly; Secure; SameSite=Strict`, stored only as
/// its hash, expiring, ended when the token is revoked); every form carries the session's CSRF
/// token; every page a strict Content-Security-Policy. Each form is one contract: it goes through
/// the same validator and service as the API, and a refusal is shown next to its field.
struct ConsoleController {
    let node: Node
    let renderer: ConsoleRenderer
    static let sessionCookie = "ctn_session"
    static let signInCookie = "ctn_signin"
    static let sessionMillis: Int64 = 8 * 3600 * 1000

    init(node: Node) throws {
        self.node = node
        renderer = try ConsoleRenderer()
    }

    static let routes: [(String, String)] = [
        ("/console", "GET"), ("/console/static/console.css", "GET"), ("/console/static/console.js", "GET"),
        ("/console/sign-in", "GET"), ("/console/sign-in", "POST"), ("/console/sign-out", "POST"), ("/console/equipment", "GET"),
        ("/console/lots", "GET"), ("/console/lots/{lotId}", "GET"), ("/console/lots/{lotId}/trace", "GET"), ("/console/agreements", "GET"),
        ("/console/names", "GET"), ("/console/energy", "GET"), ("/console/certify", "GET"), ("/console/statistics", "GET"),
        ("/console/site-periods", "GET"), ("/console/held", "GET"), ("/console/mass-balance", "GET"), ("/console/cbam", "GET"),
        ("/console/simulation", "GET"),
        ("/console/contracts/{contract}", "POST"),
    ]

    func register(on router: Router<NodeRequestContext>) {
        // "/console/" is the same route (the router ignores a trailing slash).
        router.get("/console") { request, _ in
            try await session(request) == nil ? Self.redirect("/console/sign-in") : Self.redirect("/console/lots")
        }
        router.get("/console/static/console.css") { _, _ in Self.asset(ConsoleRenderer.css, type: "text/css; charset=utf-8") }
        router.get("/console/static/console.js") { _, _ in Self.asset(ConsoleRenderer.js, type: "text/javascript; charset=utf-8") }
        router.get("/console/sign-in") { _, _ in signInPage(error: nil, status: .ok) }
        router.post("/console/sign-in") { request, _ in try await signIn(request) }
        router.post("/console/sign-out") { request, _ in try await signOut(request) }
        for page in [
            "equipment", "lots", "agreements", "names", "energy", "certify", "statistics", "site-periods", "held", "mass-balance", "cbam",
            "simulation",
        ] {
            router.get("/console/\(page)") { request, _ in try await show(request, path: "/console/\(page)") }
        }
        router.get("/console/lots/:lotId") { request, context in
            try await show(request, path: "/console/lots/\(context.parameters.get("lotId") ?? "")")
        }
        router.get("/console/lots/:lotId/trace") { request, context in
            try await show(request, path: "/console/lots/\(context.parameters.get("lotId") ?? "")/trace")
        }
        router.post("/console/contracts/:contract") { request, context in
            try await submit(request, contract: context.parameters.get("contract") ?? "")
        }
    }

    // MARK: Sessions

    /// The live session of the request and its business: nil without one, once it expired, or
    /// after its token was revoked.
    func session(_ request: Request) async throws -> (session: SessionRecord, tenant: TenantRecord)? {
        guard let value = request.cookies[Self.sessionCookie]?.value, value.utf8.count < 200 else { return nil }
        guard let s = try await node.store.session(hash: Tokens.hash(value), now: node.clock.nowMillis()) else { return nil }
        guard let tenant = try await node.store.read({ tx in try tx.tenant(tokenHash: s.tokenHash) }) else {
            try await node.store.deleteSession(hash: s.sessionHash)
            return nil
        }
        return (s, tenant)
    }

    func signInPage(error: String?, status: HTTPResponse.Status) -> Response {
        // A sign-in form is bound to this browser by a cookie of its own (login CSRF).
        let nonce = Tokens.generate()
        var view: [String: Any] = ["csrf": nonce, "hours": Int(Self.sessionMillis / 3_600_000)]
        if let error { view["error"] = error }
        var response = html(renderer.page("sign-in", view, frame: ["title": "Sign in", "nodeId": node.keys.nodeId]), status: status)
        response.headers.append(HTTPField(name: .setCookie, value: Self.cookie(Self.signInCookie, nonce, maxAge: 1800)))
        return response
    }

    func signIn(_ request: Request) async throws -> Response {
        let form = try await Self.form(request)
        guard let nonce = request.cookies[Self.signInCookie]?.value, let sent = form["_csrf"], Tokens.same(nonce, sent) else {
            return signInPage(
                error: "This sign-in form has expired or did not come from this console; please try again.", status: .forbidden)
        }
        guard let token = form["token"], !token.isEmpty, token.utf8.count < 200,
            try await node.store.read({ tx in try tx.tenant(tokenHash: Tokens.hash(token)) }) != nil
        else {
            return signInPage(error: "That token is not valid on this node (unknown or revoked).", status: .unauthorized)
        }
        let value = Tokens.generate()
        let now = node.clock.nowMillis()
        try await node.store.createSession(
            SessionRecord(
                sessionHash: Tokens.hash(value), tokenHash: Tokens.hash(token), csrf: Tokens.generate(), createdAt: now,
                expiresAt: now + Self.sessionMillis))
        var response = Self.redirect("/console/lots")
        response.headers.append(
            HTTPField(name: .setCookie, value: Self.cookie(Self.sessionCookie, value, maxAge: Int(Self.sessionMillis / 1000))))
        response.headers.append(HTTPField(name: .setCookie, value: Self.cookie(Self.signInCookie, "", maxAge: 0)))
        return response
    }

    func signOut(_ request: Request) async throws -> Response {
        let form = try await Self.form(request)
        if let (s, _) = try await session(request) {
            guard let sent = form["_csrf"], Tokens.same(s.csrf, sent) else { return refusedForm() }
            try await node.store.deleteSession(hash: s.sessionHash)
        }
        var response = Self.redirect("/console/sign-in")
        response.headers.append(HTTPField(name: .setCookie, value: Self.cookie(Self.sessionCookie, "", maxAge: 0)))
        return response
    }

    func refusedForm() -> Response {
        html(
            renderer.page(
                "message",
                [
                    "heading": "Refused",
                    "error": "This form did not come from your session (its security token is missing or wrong); nothing was done.",
                ], frame: ["title": "Refused", "nodeId": node.keys.nodeId]), status: .forbidden)
    }

    // MARK: Responses

    /// Every console page: no caching, no framing, no referrer, scripts and styles from the node only.
    func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        for (name, value) in Self.securityHeaders { if let n = HTTPField.Name(name) { headers[n] = value } }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static let securityHeaders = [
        (
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        ),
        ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"), ("Cache-Control", "no-store"),
        ("X-Frame-Options", "DENY"),
    ]

    static func asset(_ text: String, type: String) -> Response {
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-cache"]
        if let nosniff = HTTPField.Name("X-Content-Type-Options") { headers[nosniff] = "nosniff" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location], body: .init())
    }

    static func cookie(_ name: String, _ value: String, maxAge: Int) -> String {
        "\(name)=\(value); Path=/console; Max-Age=\(maxAge); HttpOnly; Secure; SameSite=Strict"
    }

    static func form(_ request: Request) async throws -> FormFields {
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: 256 * 1024) } catch { throw Problem.bodyTooLarge(256 * 1024) }
        let fields = FormFields(String(decoding: buffer.readableBytesView, as: UTF8.self))
        if let field = fields.nulField { throw Problem.invalidValue(field, "must not contain the NUL character") }
        return fields
    }
}
