import CTNFederation
import CTNLedger
import CTNModel
import Crypto
import CurlHTTP
import Foundation
import Testing

/// The outgoing side against a real node: what is retried, what is not, and what is refused.
@Suite("Peer client (libcurl)", .serialized)
struct PeerClientTests {
    @Test("Pinned CA, no retry on answers or bad certificates, retries on refused connections, https only")
    func peerClient() async throws {
        let port = freePort()
        let target = try NodeProcess(nodeId: "pc-target", publicURL: "https://127.0.0.1:\(port)")
        let other = try NodeProcess(nodeId: "pc-other")
        let callerKey = Curve25519.Signing.PrivateKey()
        // The target knows the caller (its key; the URL and CA are not used for incoming calls).
        let ca = try String(contentsOf: URL(fileURLWithPath: target.caFile), encoding: .utf8)
        let callerEntry: JSONValue = [
            "nodeId": "pc-caller", "baseURL": "https://127.0.0.1:1",
            "publicKey": .string(callerKey.publicKey.rawRepresentation.base64EncodedString()),
            "caCertificate": .string(ca),
        ]
        try PeerDirectory(peers: [try Peer(json: callerEntry)]).save(data: target.data)
        let t = try target.addTenant()
        try target.start(port: port)
        defer { target.stop() }

        let entry = try JSONParser.parse(Array(try NodeProcess.ctn(["federation", "export", "--data", target.data.path]).out.utf8))
        let peer = try Peer(json: entry)
        let client = PeerClient(nodeId: "pc-caller", key: callerKey, directory: PeerDirectory(peers: [peer]))
        let acting = "\(t.businessId)@pc-caller"

        // A signed Lot Enquiry of a lot that does not exist: a 404 is an answer (passed on as such).
        await #expect {
            _ = try await client.send(
                node: "pc-target", method: "GET", path: "/v1/lots/00000000000000000000000000000000", actingBusiness: acting,
                idempotent: true)
        } throws: { e in
            guard case PeerError.status(_, 404, let code, _) = e else { return false }
            return code == "not_found"
        }
        // Parallel signed requests all pass (each with its own nonce).
        let ok = try await withThrowingTaskGroup(of: Int.self) { g in
            for _ in 0..<20 {
                g.addTask {
                    try await client.send(node: "pc-target", method: "GET", path: "/healthz", actingBusiness: acting, idempotent: true)
                        .status
                }
            }
            var n = 0
            for try await s in g where s == 200 { n += 1 }
            return n
        }
        #expect(ok == 20)
        // Unknown node.
        await #expect {
            _ = try await client.send(node: "nobody", method: "GET", path: "/healthz", actingBusiness: acting, idempotent: true)
        } throws: { e in
            if case PeerError.unknownNode = e { return true } else { return false }
        }
        // The wrong CA pinned: refused by TLS verification (curl 60), and not retried.
        var wrong = try #require(entry.objectValue)
        wrong["caCertificate"] = .string(try String(contentsOf: URL(fileURLWithPath: other.caFile), encoding: .utf8))
        let pinnedWrong = PeerClient(nodeId: "pc-caller", key: callerKey, directory: PeerDirectory(peers: [try Peer(json: .object(wrong))]))
        await #expect {
            _ = try await pinnedWrong.send(node: "pc-target", method: "GET", path: "/healthz", actingBusiness: acting, idempotent: true)
        } throws: { e in
            guard case PeerError.transport(_, let c) = e else { return false }
            return c.code == 60 && !c.message.contains("attempts")
        }
        // A plain-HTTP URL is not a peer.
        var plain = try #require(entry.objectValue)
        plain["baseURL"] = .string("http://127.0.0.1:\(port)")
        #expect(throws: ConfigError.self) { try Peer(json: .object(plain)) }
        // Connection refused: a read is retried (3 attempts), a write is not.
        target.stop()
        await #expect {
            _ = try await client.send(node: "pc-target", method: "GET", path: "/healthz", actingBusiness: acting, idempotent: true)
        } throws: { e in
            guard case PeerError.transport(_, let c) = e else { return false }
            return c.code == 7 && c.message.contains("3 attempts")
        }
        await #expect {
            _ = try await client.send(
                node: "pc-target", method: "POST", path: "/v1/lots", body: [], actingBusiness: acting, idempotent: false)
        } throws: { e in
            guard case PeerError.transport(_, let c) = e else { return false }
            return c.code == 7 && !c.message.contains("attempts")
        }
    }
}
