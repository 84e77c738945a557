import CTNModel
import Foundation
import HTTPTypes
import Testing

/// The console through the router: security headers, sign-in bound to its form, sessions, CSRF on
/// every form, a form's refusal shown next to its field with nothing written, and a name with
/// markup shown as text.
@Suite("Console routes")
struct ConsoleRouteTests {
    /// The value of `name` in the answer's Set-Cookie headers.
    static func cookie(_ r: NodeHarness.Reply, _ name: String) -> String? {
        for value in r.headers[values: .setCookie] where value.hasPrefix(name + "=") {
            return String(value.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    static func hidden(_ html: String, _ name: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Signs tenant 0 in: the sign-in form's cookie and field, then the session cookie and its CSRF token.
    static func signIn(_ client: NodeHarness.Client, token: String) async throws -> (cookie: String, csrf: String) {
        let page = try await client.call(.get, "/console/sign-in", as: nil)
        let nonce = try #require(cookie(page, "ctn_signin"))
        let form = "_csrf=\(nonce)&token=\(token)"
        let signedIn = try await client.call(.post, "/console/sign-in", as: nil, raw: form, headers: ["Cookie": "ctn_signin=\(nonce)"])
        #expect(signedIn.status == 303 && signedIn.headers[.location] == "/console/lots")
        let session = try #require(cookie(signedIn, "ctn_session"))
        let lots = try await client.call(.get, "/console/lots", as: nil, headers: ["Cookie": "ctn_session=\(session)"])
        return (session, try #require(hidden(lots.text, "_csrf")))
    }

    /// Posts a console form of `contract` in the session, coming back to `back`.
    static func post(
        _ client: NodeHarness.Client, session: (cookie: String, csrf: String), back: String, _ contract: String,
        _ fields: [(String, String)]
    ) async throws -> NodeHarness.Reply {
        let raw = ([("_csrf", session.csrf), ("_back", back)] + fields).map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)"
        }.joined(separator: "&")
        return try await client.call(
            .post, "/console/contracts/\(contract)", as: nil, raw: raw, headers: ["Cookie": "ctn_session=\(session.cookie)"])
    }

    @Test("Every page has a strict CSP; cookies are HttpOnly, Secure, SameSite=Strict; sign-in needs its own form")
    func headersAndSignIn() async throws {
        let h = try await NodeHarness()
        try await h.run { client in
            let page = try await client.call(.get, "/console/sign-in", as: nil)
            #expect(page.status == 200 && page.contentType.hasPrefix("text/html"))
            let cspName = try #require(HTTPField.Name("Content-Security-Policy"))
            let frameName = try #require(HTTPField.Name("X-Frame-Options"))
            let csp = try #require(page.headers[cspName])
            #expect(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"))
            #expect(page.headers[frameName] == "DENY")
            let setCookie = page.headers[values: .setCookie].joined(separator: "\n")
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("Secure") && setCookie.contains("SameSite=Strict"))
            // A sign-in post without the form's cookie is refused, and so is a wrong token.
            let forged = try await client.call(.post, "/console/sign-in", as: nil, raw: "_csrf=x&token=\(h.tenants[0].token)")
            #expect(forged.status == 403 && Self.cookie(forged, "ctn_session") == nil)
            let nonce = try #require(Self.cookie(page, "ctn_signin"))
            let wrong = try await client.call(
                .post, "/console/sign-in", as: nil, raw: "_csrf=\(nonce)&token=ctn_nothing", headers: ["Cookie": "ctn_signin=\(nonce)"])
            #expect(wrong.status == 401 && wrong.text.contains("not valid"))
            // Pages need a session.
            let anonymous = try await client.call(.get, "/console/lots", as: nil)
            #expect(anonymous.status == 303 && anonymous.headers[.location] == "/console/sign-in")
            _ = try await Self.signIn(client, token: h.tenants[0].token)
        }
    }

    @Test("A form is one contract: CSRF checked, a refusal shown next to its field with nothing written, a success recorded")
    func forms() async throws {
        let h = try await NodeHarness()
        try await h.run { client in
            let (session, csrf) = try await Self.signIn(client, token: h.tenants[0].token)
            let cookie = ["Cookie": "ctn_session=\(session)"]
            let head = try await client.call(.get, "/v1/ledger/head", as: nil)["seq"]
            let noToken = try await client.call(
                .post, "/console/contracts/lot-registration", as: nil, raw: "_back=/console/lots&declaredUnit=piece", headers: cookie)
            #expect(noToken.status == 403 && noToken.text.contains("did not come from your session"))
            let badUnit = try await client.call(
                .post, "/console/contracts/lot-registration", as: nil, raw: "_csrf=\(csrf)&_back=/console/lots&declaredUnit=parsec%2Fh",
                headers: cookie)
            #expect(badUnit.status == 422 && badUnit.text.contains("id=\"lot-registration-declaredUnit-error\""), "\(badUnit.text)")
            #expect(try await client.call(.get, "/v1/ledger/head", as: nil)["seq"] == head, "refusals wrote nothing")
            let made = try await client.call(
                .post, "/console/contracts/lot-registration", as: nil, raw: "_csrf=\(csrf)&_back=/console/lots&declaredUnit=piece",
                headers: cookie)
            let location = try #require(made.headers[.location])
            #expect(made.status == 303 && location.hasPrefix("/console/lots/"))
            let lotId = String(location.dropFirst("/console/lots/".count).prefix(32))
            let lot = try await client.call(.get, "/v1/lots/\(lotId)", as: 0)
            #expect(lot["status"] == "open" && lot["declaredUnit"] == "piece")
            // Another business's lot is not shown; its own lot page is.
            let own = try await client.call(.get, "/console/lots/\(lotId)", as: nil, headers: cookie)
            #expect(own.status == 200 && own.text.contains("data-contract=\"material-use\""))
            let (other, _) = try await Self.signIn(client, token: h.tenants[1].token)
            let foreign = try await client.call(.get, "/console/lots/\(lotId)", as: nil, headers: ["Cookie": "ctn_session=\(other)"])
            #expect(foreign.status == 404)
            // The way back stays on the console: an outside address is not followed.
            let away = try await client.call(
                .post, "/console/contracts/lot-registration", as: nil,
                raw: "_csrf=\(csrf)&_back=https%3A%2F%2Fevil.example%2F&declaredUnit=kg",
                headers: cookie)
            #expect(away.headers[.location]?.hasPrefix("/console/") == true)
            // Sign-out ends the session.
            let out = try await client.call(.post, "/console/sign-out", as: nil, raw: "_csrf=\(csrf)", headers: cookie)
            #expect(out.status == 303)
            #expect(try await client.call(.get, "/console/lots", as: nil, headers: cookie).status == 303)
        }
    }
}
