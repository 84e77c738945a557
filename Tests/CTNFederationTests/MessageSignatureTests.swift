import CTNFederation
import CTNModel
import Crypto
import Foundation
import Testing

@Suite("HTTP message signatures between nodes")
struct MessageSignatureTests {
    let key = Curve25519.Signing.PrivateKey()
    let business = "0123456789abcdef0123456789abcdef@parts-1"
    let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"

    func verifier(maxSkew: TimeInterval = 300) -> SignatureVerifier {
        SignatureVerifier(
            directory: PeerDirectory(peers: [
                Peer(nodeId: "parts-1", baseURL: "https://parts.example", publicKey: key.publicKey, caCertificate: pem)
            ]),
            nodeId: "assembler-1", maxSkew: maxSkew)
    }

    func signed(
        body: String = "", now: Date = Date(), by signer: Curve25519.Signing.PrivateKey? = nil, node: String = "parts-1",
        target: String = "assembler-1"
    ) -> [String: String] {
        MessageSignature.sign(
            method: "GET", path: "/v1/lots/abc/material-uses", body: Array(body.utf8), actingBusiness: business,
            nodeId: node, target: target, key: signer ?? key, now: now)
    }

    func refusal(_ v: SignatureVerifier, _ h: [String: String], path: String = "/v1/lots/abc/material-uses", body: String = "") -> String? {
        do {
            _ = try v.verify(method: "GET", path: path, headers: h, body: Array(body.utf8))
            return nil
        } catch let r as MessageSignature.Refused { return r.reason } catch { return "\(error)" }
    }

    @Test func accepted() throws {
        let v = try verifier().verify(method: "GET", path: "/v1/lots/abc/material-uses", headers: signed(), body: [])
        #expect(v.nodeId == "parts-1" && v.actingBusiness.description == business)
        #expect(
            signed()["signature-input"]?.contains(
                #"("@method" "@request-target" "date" "content-digest" "ctn-acting-business" "ctn-target-node")"#)
                == true)
    }

    @Test func refused() {
        let v = verifier()
        #expect(refusal(v, signed(by: Curve25519.Signing.PrivateKey()))?.contains("does not verify") == true, "another key")
        #expect(refusal(v, signed(node: "steel-9"))?.contains("unknown node") == true, "a node not in the directory")
        #expect(refusal(v, signed(now: Date().addingTimeInterval(-3600)))?.contains("skew") == true, "a stale date")
        #expect(refusal(v, signed(body: "{}"), body: "{\"x\":1}")?.contains("content-digest") == true, "an altered body")
        #expect(refusal(v, signed(), path: "/v1/lots/other/material-uses")?.contains("does not verify") == true, "another path")
        var h = signed()
        h["ctn-acting-business"] = "fedcba9876543210fedcba9876543210@parts-1"
        #expect(refusal(v, h)?.contains("does not verify") == true, "another acting business")
        #expect(refusal(v, [:]) == "no signature")
        #expect(refusal(v, signed(target: "steel-9"))?.contains("signed for node steel-9") == true, "a request meant for another node")
        var retargeted = signed(target: "steel-9")
        retargeted["ctn-target-node"] = "assembler-1"
        #expect(refusal(v, retargeted)?.contains("does not verify") == true, "the target changed after signing")
    }

    @Test func replay() {
        let v = verifier()
        let h = signed()
        #expect(refusal(v, h) == nil)
        #expect(refusal(v, h) == "replayed signature")
    }

    @Test func directoryRoundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-peers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var d = PeerDirectory()
        d.add(Peer(nodeId: "parts-1", baseURL: "https://parts.example:8443", publicKey: key.publicKey, caCertificate: pem))
        try d.save(data: dir)
        let back = try PeerDirectory.load(data: dir)
        #expect(back["parts-1"] == d["parts-1"])
        #expect(throws: ConfigError.self) {
            try Peer(json: ["nodeId": "x", "baseURL": "http://plain.example", "publicKey": "AA==", "caCertificate": .string(pem)])
        }
    }
}
