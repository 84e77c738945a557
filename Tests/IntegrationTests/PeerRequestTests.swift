import CTNFederation
import CTNLedger
import CTNModel
import Crypto
import Foundation
import Testing

/// Two real nodes: the parts maker ships a lot to a business on the assembler's node, which then
/// reads the lot's breakdown with requests signed by the assembler node (RFC 9421).
@Suite("Signed requests from a peer node", .serialized)
struct PeerRequestTests {
    @Test("A remote consignee reads the breakdown; other businesses, unknown nodes, bad, stale and replayed signatures are refused")
    func peerEnquiry() throws {
        let parts = try NodeProcess(nodeId: "parts-1", publicURL: "https://127.0.0.1:9443")
        let assembler = try NodeProcess(nodeId: "assembler-1", publicURL: "https://127.0.0.1:9444")
        // Peering through the exported entry.
        let entry = try NodeProcess.ctn(["federation", "export", "--data", assembler.data.path]).out
        let entryFile = parts.data.appendingPathComponent("assembler.json")
        try Data(entry.utf8).write(to: entryFile)
        _ = try NodeProcess.ctn(["federation", "add", "--data", parts.data.path, entryFile.path])
        let listed = try NodeProcess.ctn(["federation", "list", "--data", parts.data.path, "--json"]).out
        #expect(listed.contains("assembler-1"))

        let maker = try parts.addTenant()
        let buyer = try assembler.addTenant()
        try parts.start()
        defer { parts.stop() }
        let lot = try parts.call("POST", "/v1/lots", token: maker.token, ["declaredUnit": "piece"]).str("lotId")
        _ = try parts.call(
            "POST", "/v1/lots/\(lot)/material-uses", token: maker.token, ["category": "steel-s45c", "quantity": 2, "unit": "kg"])
        _ = try parts.call("POST", "/v1/lots/\(lot)/completion", token: maker.token, ["completed": 4])
        let remote = "\(buyer.businessId)@assembler-1"
        let shipped = try parts.call(
            "POST", "/v1/lots/\(lot)/shipments", token: maker.token, ["consignee": .string(remote), "quantity": 2])
        #expect(shipped.status == 201 && shipped.str("consignee") == remote)

        let key = try NodeKeys.read(from: assembler.data).signingKey
        let path = "/v1/lots/\(lot)/material-uses"
        func signed(
            _ business: String = remote, node: String = "assembler-1", key k: Curve25519.Signing.PrivateKey? = nil,
            at: Date = Date(), method: String = "GET", path p: String? = nil, body: [UInt8] = []
        ) -> [String: String] {
            MessageSignature.sign(
                method: method, path: p ?? path, body: body, actingBusiness: business, nodeId: node, target: "parts-1", key: k ?? key,
                now: at)
        }

        let ok = signed()
        let read = try parts.call("GET", path, token: nil, headers: ok)
        #expect(read.status == 200, "\(read.json)")
        // 2 kg × 0.393 kg-CO2e/kg.
        #expect(abs((read["materialUses"]?.arrayValue?.first?["co2"]?.numberValue ?? 0) - 0.786) < 1e-12)
        #expect(
            try parts.call("GET", "/v1/lots/\(lot)/equipment-uses", token: nil, headers: signed(path: "/v1/lots/\(lot)/equipment-uses"))
                .status == 200)

        // Refusals.
        let replay = try parts.call("GET", path, token: nil, headers: ok)
        #expect(replay.status == 401 && replay.code == "bad_signature", "replayed")
        let other = try parts.call("GET", path, token: nil, headers: signed("fedcba9876543210fedcba9876543210@assembler-1"))
        #expect(other.status == 404, "another business of the same node was shipped nothing")
        let unknown = try parts.call("GET", path, token: nil, headers: signed("fedcba9876543210fedcba9876543210@ghost-1", node: "ghost-1"))
        #expect(unknown.status == 401 && unknown.code == "bad_signature", "unknown node")
        let forged = try parts.call("GET", path, token: nil, headers: signed(key: Curve25519.Signing.PrivateKey()))
        #expect(forged.status == 401, "signed with another key")
        let stale = try parts.call("GET", path, token: nil, headers: signed(at: Date().addingTimeInterval(-3600)))
        #expect(stale.status == 401, "stale date")
        // A signed peer may only read.
        let body = Array(#"{"category":"resin-abs","quantity":1,"unit":"kg"}"#.utf8)
        let write = try parts.call("POST", path, token: nil, try JSONParser.parse(body), headers: signed(method: "POST", body: body))
        #expect(write.status == 403 && write.code == "not_for_peers")
        #expect(try parts.call("GET", "/v1/lots/\(lot)/material-uses", token: maker.token)["materialUses"]?.arrayValue?.count == 1)
    }
}
