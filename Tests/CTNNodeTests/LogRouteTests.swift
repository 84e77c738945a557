import CTNLedger
import CTNModel
import Crypto
import Foundation
import Testing

/// The verifiable log over HTTP: the signed tree head, the inclusion proof of a lot's completion
/// event (the event its signed statement names), a consistency proof across two heads, and bad
/// queries answered with problems naming the parameter.
@Suite("Log routes")
struct LogRouteTests {
    static func hashes(_ v: JSONValue?) -> [[UInt8]] {
        (v?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(LedgerHashing.bytes(hex:)) }
    }

    @Test("A completed lot's statement is its event's leaf in the signed tree; the later tree extends the earlier one")
    func proofs() async throws {
        let h = try await NodeHarness()
        try await h.run { client in
            let lot = client.id(try await client.call(.post, "/v1/lots", ["declaredUnit": "kg"]), "lotId")
            _ = try await client.call(.post, "/v1/lots/\(lot)/material-uses", ["category": "steel-s45c", "quantity": 2, "unit": "kg"])
            let done = try await client.call(.post, "/v1/lots/\(lot)/completion", ["completed": 2])
            let early = try await client.call(.get, "/v1/log/head", as: nil)
            let earlyHead = try #require(TreeHead(json: early.json))
            let key = try Curve25519.Signing.PublicKey(
                rawRepresentation: try #require(early["publicKey"]?.stringValue.flatMap { Data(base64Encoded: $0) }))
            #expect(earlyHead.verify(key))
            // The statement names the completion event by sequence and hash, and its own leaf, seq − 1:
            // the leaf is the statement (its signing input under the statement tag), not the event hash.
            let statement = try #require(done["statement"]?.stringValue)
            let claims = try #require(LotStatement.payload(statement))
            let seq = Int64(try #require(claims["ledgerSeq"]?.numberValue))
            let eventHash = try #require(claims["ledgerHash"]?.stringValue)
            #expect(claims["logLeaf"]?.numberValue == Double(seq - 1))
            let signingInput = statement.split(separator: ".").prefix(2).joined(separator: ".")
            let leafHash = Merkle.leafHash(Array("ctn-lot-statement-leaf-v1\n".utf8) + Array(signingInput.utf8))
            let proof = try await client.call(.get, "/v1/log/proof/inclusion?leaf=\(seq - 1)&size=\(earlyHead.size)", as: nil)
            #expect(proof.status == 200 && proof["eventHash"]?.stringValue == eventHash, "\(proof.json)")
            #expect(proof["leafHash"]?.stringValue == LedgerHashing.hex(leafHash))
            let root = try #require(LedgerHashing.bytes(hex: earlyHead.root))
            #expect(
                Merkle.verifyInclusion(
                    leaf: seq - 1, size: earlyHead.size, leafHash: leafHash, proof: Self.hashes(proof["proof"]), root: root))
            #expect(
                !Merkle.verifyInclusion(
                    leaf: seq - 1, size: earlyHead.size, leafHash: LedgerHashing.leafHash(eventHash: eventHash),
                    proof: Self.hashes(proof["proof"]), root: root), "the event hash alone is not the leaf")
            // More events, a later head, and the proof that it extends the first.
            for _ in 0..<5 { _ = try await client.call(.post, "/v1/lots", ["declaredUnit": "kg"]) }
            let late = try #require(TreeHead(json: try await client.call(.get, "/v1/log/head", as: nil).json))
            #expect(late.size == earlyHead.size + 5 && late.verify(key))
            let consistency = try await client.call(.get, "/v1/log/proof/consistency?from=\(earlyHead.size)&to=\(late.size)", as: nil)
            #expect(
                Merkle.verifyConsistency(
                    from: earlyHead.size, to: late.size, oldRoot: root, newRoot: try #require(LedgerHashing.bytes(hex: late.root)),
                    proof: Self.hashes(consistency["proof"])))
            // Bad queries: problems naming the parameter.
            let beyond = try await client.call(.get, "/v1/log/proof/inclusion?leaf=0&size=\(late.size + 1)", as: nil)
            #expect(beyond.status == 422 && beyond.field == "size")
            let missing = try await client.call(.get, "/v1/log/proof/inclusion", as: nil)
            #expect(missing.status == 400 && missing.field == "leaf")
            let word = try await client.call(.get, "/v1/log/proof/consistency?from=abc", as: nil)
            #expect(word.status == 422 && word.field == "from")
            let back = try await client.call(.get, "/v1/log/proof/consistency?from=3&to=2", as: nil)
            #expect(back.status == 422 && back.field == "from")
        }
    }
}
