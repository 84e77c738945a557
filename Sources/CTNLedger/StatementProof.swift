import CTNModel
import Foundation

/// Where a lot statement sits in its node's log: the statement is the leaf of the event that fixed
/// the lot's figures (leaf data: a domain tag and the JWS signing input, so the leaf commits to
/// the header, the claims and, through the claims' `ledgerHash`, to the event), and `hashes` is the
/// RFC 9162 inclusion proof of that leaf in the tree of `treeSize` leaves. With the node's signed
/// tree head of that size, a reader needs one signature check per node and a few SHA-256 per lot.
public struct LogProof: Sendable, Equatable {
    public var leaf: Int64
    public var treeSize: Int64
    public var hashes: [Merkle.Hash]

    public init(leaf: Int64, treeSize: Int64, hashes: [Merkle.Hash]) {
        self.leaf = leaf
        self.treeSize = treeSize
        self.hashes = hashes
    }

    public var json: JSONValue {
        [
            "leaf": .number(Double(leaf)), "treeSize": .number(Double(treeSize)),
            "hashes": .array(hashes.map { .string(LedgerHashing.hex($0)) }),
        ]
    }

    /// A proof as `json` writes it, or nil.
    public init?(json v: JSONValue) {
        guard let leaf = v["leaf"]?.numberValue.flatMap({ Int64(exactly: $0) }),
            let size = v["treeSize"]?.numberValue.flatMap({ Int64(exactly: $0) }), leaf >= 0, leaf < size,
            let list = v["hashes"]?.arrayValue, list.count <= 64
        else { return nil }
        var hashes: [Merkle.Hash] = []
        hashes.reserveCapacity(list.count)
        for h in list {
            guard let text = h.stringValue, text.utf8.count == 64, let bytes = LedgerHashing.bytes(hex: text) else { return nil }
            hashes.append(bytes)
        }
        self.init(leaf: leaf, treeSize: size, hashes: hashes)
    }
}

extension LotStatement {
    static let leafTag = Array("ctn-lot-statement-leaf-v1\n".utf8)

    /// The log leaf of a statement: its signing input (header and payload, as signed) under a
    /// domain tag; nil when `jws` is not a compact JWS.
    public static func leafHash(_ jws: String) -> Merkle.Hash? {
        let u = jws.utf8
        guard let end = u.lastIndex(of: UInt8(ascii: ".")), u[..<end].contains(UInt8(ascii: ".")) else { return nil }
        return leafHash(signingInput: u[..<end])
    }

    static func leafHash(signingInput: some Collection<UInt8>) -> Merkle.Hash { Merkle.leafHash(leafTag + Array(signingInput)) }

    /// Whether `proof` leads from the statement's leaf to `head`'s root (nothing else is checked).
    public static func isLeaf(_ jws: String, proof: LogProof, head: TreeHead) -> Bool {
        guard proof.treeSize == head.size, let root = LedgerHashing.bytes(hex: head.root), let leaf = leafHash(jws) else { return false }
        return Merkle.verifyInclusion(leaf: proof.leaf, size: proof.treeSize, leafHash: leaf, proof: proof.hashes, root: root)
    }

    /// The header and payload of a statement whose place in its node's log `proof` shows, under
    /// `head` (whose signature the caller checks, once per head): the payload must name the
    /// proof's leaf, and the proof must lead from the statement's leaf to the head's root. The
    /// statement's own signature is not checked: the head's covers it.
    public static func verifyLogged(_ jws: String, proof: LogProof, head: TreeHead) throws -> (header: JSONValue, payload: JSONValue) {
        let parts = CompactJWS.parts(jws)
        guard parts.count == 3, let h = Base64URL.decode(parts[0]), let p = Base64URL.decode(parts[1]),
            let header = try? JSONParser.parse(h), header["typ"] == .string(type), let payload = try? JSONParser.parse(p)
        else { throw Invalid(description: "not a lot statement") }
        guard payload["logLeaf"]?.numberValue == Double(proof.leaf) else {
            throw Invalid(description: "the statement names another log leaf than the proof's \(proof.leaf)")
        }
        guard isLeaf(jws, proof: proof, head: head) else {
            throw Invalid(description: "the statement is not leaf \(proof.leaf) of the log under the tree head of size \(head.size)")
        }
        return (header, payload)
    }
}
