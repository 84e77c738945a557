import CTNLedger
import CTNModel
import Foundation
import Testing

@Suite("Lot statements")
struct LotStatementTests {
    let keys = NodeKeys.generate(nodeId: "steel-1")
    let claims: JSONValue = [
        "lotId": "0123456789abcdef0123456789abcdef", "nodeId": "steel-1", "co2PerUnit": 2.8379997351916377,
        "status": "completed", "ledgerSeq": 7,
    ]

    @Test("A statement verifies with the node's key and gives back its claims exactly")
    func roundTrip() throws {
        let jws = try LotStatement.sign(claims, keys: keys)
        let (header, payload) = try LotStatement.verify(jws, publicKey: keys.signingKey.publicKey)
        #expect(header["alg"] == "EdDSA" && header["kid"] == "steel-1")
        #expect(payload == claims)
        #expect(payload["co2PerUnit"]?.numberValue == 2.8379997351916377)  // bit-exact through the JWS
        #expect(try LotStatement.sign(claims, keys: keys) == jws, "Ed25519 and canonical JSON make it deterministic")
    }

    @Test("An altered payload, another node's key or a bad signature is refused")
    func refused() throws {
        let jws = try LotStatement.sign(claims, keys: keys)
        let parts = jws.split(separator: ".").map(String.init)
        var altered = try #require(claims.objectValue)
        altered["co2PerUnit"] = 1.0
        let forged = parts[0] + "." + Base64URL.encode(CanonicalJSON.bytes(.object(altered))) + "." + parts[2]
        #expect(throws: LotStatement.Invalid.self) { try LotStatement.verify(forged, publicKey: keys.signingKey.publicKey) }
        let other = NodeKeys.generate(nodeId: "steel-1")
        #expect(throws: LotStatement.Invalid.self) { try LotStatement.verify(jws, publicKey: other.signingKey.publicKey) }
        #expect(throws: LotStatement.Invalid.self) {
            try LotStatement.verify(parts[0] + "." + parts[1] + ".AAAA", publicKey: keys.signingKey.publicKey)
        }
        #expect(throws: LotStatement.Invalid.self) { try LotStatement.verify("not.a-jws", publicKey: keys.signingKey.publicKey) }
    }
}
