import CTNFederation
import CTNLedger
import CTNModel
import CTNService
import Foundation
import Testing

/// Declarations that travel: a fibre maker's node issues one with a dispatch, the weaver's node
/// verifies it against the fibre node's key and books it into its own pools once; the share goes on
/// into the weaver's batches. Figures by hand: 60 t certified + 140 t conventional PAN at 0.5 give
/// 30 t certified of 100 t CF; 60 t dispatched with 30 t certified (share 0.5). The weaver books
/// 30 t certified and 30 t conventional CF-IN, weaves all 60 t at 0.9: 54 t fabric, 27 t certified.
@Suite("Mass balance declarations")
struct MassBalanceDeclarationTests {
    static func supplier() async throws -> (ServiceFixture, String) {
        let fibre = try await ServiceFixture(nodeId: "fibre-node")
        _ = try await fibre.receive("PAN", "certified", 120)
        _ = try await fibre.receive("PAN", "conventional", 380)
        let batch = try ServiceFixture.string(try await fibre.batch(certified: 60, conventional: 140, fibre: 100, day: 5), "batchId")
        return (fibre, batch)
    }

    static func peer(_ f: ServiceFixture) -> Peer {
        Peer(nodeId: f.keys.nodeId, baseURL: "https://127.0.0.1:1", publicKey: f.keys.signingKey.publicKey, caCertificate: "")
    }

    @Test("Issued on the fibre node, booked once on the weaver's node, carried into its own batch; the supplier is debited once")
    func travels() async throws {
        let (fibre, batch) = try await Self.supplier()
        let weaver = try await ServiceFixture(nodeId: "weaver-node", peers: [Self.peer(fibre)])
        let consignee = "\(weaver.tenants[0].businessId)@weaver-node"
        let lot = try await fibre.completedLot()
        var body = fibre.dispatchBody(60, certified: 30, on: [batch], to: consignee)
        body["lotId"] = .string(lot)
        let d = try await fibre.call(.massBalanceDispatch, body)
        let jws = try ServiceFixture.string(d, "declaration")

        let booked = try await weaver.call(
            .massBalanceDeclaration, JSONObject(["declaration": .string(jws), "material": "CF-IN", "time": "2026-05-25T00:00:00Z"]))
        #expect(booked["issuer"] == "fibre-node")
        #expect(booked["certifiedMass"]?["value"] == 30_000)
        let pools = try await weaver.balances(at: "2026-06-01T00:00:00Z")
        #expect(pools.booked == ["CF-IN/certified": 30, "CF-IN/conventional": 30])
        let twice = try await weaver.refusal(.massBalanceDeclaration, JSONObject(["declaration": .string(jws), "material": "CF-IN"]))
        #expect(twice.code == "declaration_booked")
        // Another business of the weaver's node is not the consignee.
        let other = try await weaver.refusal(
            .massBalanceDeclaration, as: 1, JSONObject(["declaration": .string(jws), "material": "CF-IN"]))
        #expect(other.code == "invalid_declaration")

        // The supplier's certified CF went out once: 30 t credited, 30 t dispatched.
        #expect(try await fibre.balances(at: "2026-06-01T00:00:00Z").booked["CF/certified"] == 0)
        // The lot the dispatch went with shows its certified share, in Lot Enquiry.
        let enquiry = try await fibre.call(.lotEnquiry, path: ["lotId": lot])
        #expect(enquiry["certified"]?["certifiedShare"] == 0.5)
        #expect(enquiry["certified"]?["declarations"]?.arrayValue?.first == d["declarationId"])

        // The weaver's own batch turns the booked share into certified fabric: 30 t × 0.9 = 27 t.
        let weave = try await weaver.call(
            .massBalanceBatch,
            JSONObject([
                "inputs": [ServiceFixture.line("CF-IN", "certified", 30), ServiceFixture.line("CF-IN", "conventional", 30)],
                "outputs": [["material": "FABRIC", "mass": ServiceFixture.t(54)]], "conversionFactor": 0.9, "tolerance": 0.01,
                "time": "2026-05-31T00:00:00Z",
            ]))
        #expect(weave["status"] == "reconciled")
        #expect(weave["certifiedOutput"]?.arrayValue?.first?["mass"]?["value"] == 27_000)
        #expect(try await fibre.store.verifyLedger(nodeId: "fibre-node", publicKey: fibre.keys.signingKey.publicKey).ok)
        #expect(try await weaver.store.verifyLedger(nodeId: "weaver-node", publicKey: weaver.keys.signingKey.publicKey).ok)
    }

    @Test("An altered declaration, one signed by another key under the fibre node's name, and one of an unknown node are refused")
    func forged() async throws {
        let (fibre, batch) = try await Self.supplier()
        let weaver = try await ServiceFixture(nodeId: "weaver-node", peers: [Self.peer(fibre)])
        let consignee = "\(weaver.tenants[0].businessId)@weaver-node"
        let jws = try ServiceFixture.string(try await fibre.dispatch(60, certified: 30, on: [batch], to: consignee), "declaration")
        let parts = jws.split(separator: ".").map(String.init)
        // The payload with 60 t certified instead of 30, under the original signature.
        var claims = try #require(LotStatement.payload(jws)?.objectValue)
        claims["certifiedMass"] = ["value": 60_000, "unit": "kg"]
        let altered = parts[0] + "." + Base64URL.encode(CanonicalJSON.bytes(.object(claims))) + "." + parts[2]
        // The same claims signed by a key that is not the fibre node's.
        let impostor = NodeKeys.generate(nodeId: "fibre-node")
        let forged = try SustainabilityDeclaration.sign(.object(claims), keys: impostor)
        // A node the weaver does not know.
        let stranger = try await ServiceFixture(nodeId: "stranger-node")
        _ = try await stranger.receive("PAN", "certified", 10)
        let strangerBatch = try ServiceFixture.string(
            try await stranger.call(
                .massBalanceBatch,
                JSONObject([
                    "inputs": [ServiceFixture.line("PAN", "certified", 10)], "outputs": [["material": "CF", "mass": ServiceFixture.t(5)]],
                    "conversionFactor": 0.5, "tolerance": 0.02, "time": "2026-05-05T00:00:00Z",
                ])), "batchId")
        let unknown = try ServiceFixture.string(
            try await stranger.dispatch(5, certified: 5, on: [strangerBatch], to: consignee), "declaration")
        for (label, text) in [("altered", altered), ("forged", forged), ("unknown node", unknown), ("not a JWS", "abc.def")] {
            let p = try await weaver.refusal(.massBalanceDeclaration, JSONObject(["declaration": .string(text), "material": "CF-IN"]))
            #expect(p.code == "invalid_declaration", "\(label)")
            #expect(p.field == "declaration", "\(label)")
        }
        #expect(try await weaver.balances(at: "2026-06-01T00:00:00Z").booked.isEmpty)
        // The genuine one, booked without a code of the weaver's own: under the supplier's code, CF.
        _ = try await weaver.call(.massBalanceDeclaration, JSONObject(["declaration": .string(jws)]))
        #expect(try await weaver.balances(at: "2026-06-01T00:00:00Z").booked == ["CF/certified": 30, "CF/conventional": 30])
    }
}
