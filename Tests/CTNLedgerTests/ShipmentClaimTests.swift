import CTNLedger
import CTNModel
import Crypto
import Testing

/// The supplier node's signed word of what it shipped to a business of another node (issue 10, item 12).
@Suite("Shipment claims")
struct ShipmentClaimTests {
    let keys = NodeKeys.generate(nodeId: "steel")
    let lot = String(repeating: "a", count: 32)
    let buyer = "\(String(repeating: "b", count: 32))@parts"

    @Test("A claim verifies with the node's key and gives back the quantity")
    func verifies() throws {
        let jws = try ShipmentClaim.sign(lotId: lot, consignee: buyer, shipped: 50, keys: keys, now: 1000)
        let claim = try ShipmentClaim.verify(
            jws, publicKey: keys.signingKey.publicKey, node: "steel", lotId: lot, consignee: buyer, now: 1001)
        #expect(claim.shipped == 50)
        #expect(claim.expires == 1000 + ShipmentClaim.lifetimeSeconds)
    }

    @Test("Another lot, business, node or key, an expired or altered claim is refused")
    func refused() throws {
        let jws = try ShipmentClaim.sign(lotId: lot, consignee: buyer, shipped: 50, keys: keys, now: 1000)
        let key = keys.signingKey.publicKey
        #expect(throws: (any Error).self) {
            try ShipmentClaim.verify(
                jws, publicKey: key, node: "steel", lotId: String(repeating: "c", count: 32), consignee: buyer, now: 1001)
        }
        #expect(throws: (any Error).self) {
            try ShipmentClaim.verify(
                jws, publicKey: key, node: "steel", lotId: lot, consignee: "\(String(repeating: "d", count: 32))@parts", now: 1001)
        }
        #expect(throws: (any Error).self) {
            try ShipmentClaim.verify(
                jws, publicKey: Curve25519.Signing.PrivateKey().publicKey, node: "steel", lotId: lot, consignee: buyer, now: 1001)
        }
        #expect(throws: (any Error).self) {
            try ShipmentClaim.verify(
                jws, publicKey: key, node: "steel", lotId: lot, consignee: buyer, now: 1000 + ShipmentClaim.lifetimeSeconds)
        }
        let parts = jws.split(separator: ".").map(String.init)
        let encoded = try #require(Base64URL.decode(parts[1]))
        var payload = try #require(try JSONParser.parse(encoded).objectValue)
        payload["shipped"] = 5000
        let altered = parts[0] + "." + Base64URL.encode(CanonicalJSON.bytes(.object(payload))) + "." + parts[2]
        #expect(throws: (any Error).self) {
            try ShipmentClaim.verify(altered, publicKey: key, node: "steel", lotId: lot, consignee: buyer, now: 1001)
        }
    }
}
