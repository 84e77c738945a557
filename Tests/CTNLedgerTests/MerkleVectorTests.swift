import CTNLedger
import Testing

/// The RFC 6962/9162 tree against the published test vectors of transparency-dev/merkle
/// (testonly/constants.go and proof/verify_test.go): leaves, every complete subtree, the roots of
/// sizes 0 to 8, inclusion and consistency proofs; then every proof of every size up to 64
/// checked by the verifier, and corrupted proofs refused.
struct MerkleVectorTests {
    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var it = hex.utf8.makeIterator()
        func nibble(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
        while let a = it.next(), let b = it.next() { out.append(nibble(a) << 4 | nibble(b)) }
        return out
    }

    static let leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map(bytes)
    static let roots = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ].map(bytes)
    /// Complete subtrees by level and index.
    static let level1 = [
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
    ].map(bytes)

    /// A tree in memory: every node an append completes, stored by (level, index).
    struct Tree {
        var nodes: [Int: [Int64: [UInt8]]] = [:]
        var edge = CompactRange()
        mutating func append(_ data: [UInt8]) {
            for n in edge.append(Merkle.leafHash(data)) { nodes[n.level, default: [:]][n.index] = n.hash }
        }
        func node(_ level: Int, _ index: Int64) throws -> [UInt8] { nodes[level]?[index] ?? [] }
    }

    static func tree(_ leaves: [[UInt8]]) -> Tree {
        var t = Tree()
        for l in leaves { t.append(l) }
        return t
    }

    @Test func rootsOfEverySizeFromZeroToEight() throws {
        for size in 0...8 {
            let t = Self.tree(Array(Self.leaves.prefix(size)))
            #expect(try Merkle.root(size: Int64(size), node: t.node) == Self.roots[size], "size \(size)")
            #expect(t.edge.root == Self.roots[size], "size \(size), from the edge")
        }
        let t = Self.tree(Self.leaves)
        #expect((0..<4).map { t.nodes[1]?[Int64($0)] ?? [] } == Self.level1)
        #expect(t.nodes[0]?[0] == Self.bytes("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"))
        #expect(t.nodes[2]?[1] == Self.bytes("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"))
    }

    @Test func inclusionProofsOfTheVectors() throws {
        // (leaf, size, proof): leaf is 0-based here (the vectors count from 1).
        let vectors: [(Int64, Int64, [String])] = [
            (0, 1, []),
            (
                0, 8,
                [
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
                ]
            ),
            (
                5, 8,
                [
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                ]
            ),
            (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
            (
                1, 5,
                [
                    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                ]
            ),
        ]
        for (leaf, size, hex) in vectors {
            let t = Self.tree(Array(Self.leaves.prefix(Int(size))))
            let proof = try Merkle.inclusionProof(leaf: leaf, size: size, node: t.node)
            #expect(proof == hex.map(Self.bytes), "leaf \(leaf) of \(size)")
            let leafHash = Merkle.leafHash(Self.leaves[Int(leaf)])
            #expect(Merkle.verifyInclusion(leaf: leaf, size: size, leafHash: leafHash, proof: proof, root: Self.roots[Int(size)]))
            // Corrupted: another leaf, another size, a flipped bit, a missing or an extra hash.
            #expect(!Merkle.verifyInclusion(leaf: leaf + 1, size: size, leafHash: leafHash, proof: proof, root: Self.roots[Int(size)]))
            #expect(!Merkle.verifyInclusion(leaf: leaf, size: size * 2, leafHash: leafHash, proof: proof, root: Self.roots[Int(size)]))
            for i in proof.indices {
                var bad = proof
                bad[i][0] ^= 8
                #expect(!Merkle.verifyInclusion(leaf: leaf, size: size, leafHash: leafHash, proof: bad, root: Self.roots[Int(size)]))
            }
            if !proof.isEmpty {
                #expect(
                    !Merkle.verifyInclusion(
                        leaf: leaf, size: size, leafHash: leafHash, proof: proof.dropLast(), root: Self.roots[Int(size)]))
            }
            #expect(
                !Merkle.verifyInclusion(
                    leaf: leaf, size: size, leafHash: leafHash, proof: proof + [Self.roots[1]], root: Self.roots[Int(size)]))
        }
        // No leaf in an empty tree; no leaf past the end.
        #expect(!Merkle.verifyInclusion(leaf: 0, size: 0, leafHash: Merkle.emptyRoot, proof: [], root: Merkle.emptyRoot))
        #expect(!Merkle.verifyInclusion(leaf: 2, size: 1, leafHash: Self.roots[1], proof: [], root: Self.roots[1]))
    }

    @Test func consistencyProofsOfTheVectors() throws {
        let vectors: [(Int64, Int64, [String])] = [
            (1, 1, []),
            (
                1, 8,
                [
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
                ]
            ),
            (
                6, 8,
                [
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                ]
            ),
            (
                2, 5,
                [
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                ]
            ),
            (
                6, 7,
                [
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                ]
            ),
        ]
        for (from, to, hex) in vectors {
            let t = Self.tree(Array(Self.leaves.prefix(Int(to))))
            let proof = try Merkle.consistencyProof(from: from, to: to, node: t.node)
            #expect(proof == hex.map(Self.bytes), "\(from) → \(to)")
            let (a, b) = (Self.roots[Int(from)], Self.roots[Int(to)])
            #expect(Merkle.verifyConsistency(from: from, to: to, oldRoot: a, newRoot: b, proof: proof))
            guard !proof.isEmpty else { continue }
            #expect(!Merkle.verifyConsistency(from: from, to: to, oldRoot: b, newRoot: a, proof: proof), "swapped roots")
            #expect(!Merkle.verifyConsistency(from: from + 1, to: to, oldRoot: a, newRoot: b, proof: proof))
            #expect(!Merkle.verifyConsistency(from: from, to: to, oldRoot: a, newRoot: b, proof: []))
            #expect(!Merkle.verifyConsistency(from: from, to: to, oldRoot: a, newRoot: b, proof: proof.dropLast()))
            for i in proof.indices {
                var bad = proof
                bad[i][0] ^= 16
                #expect(!Merkle.verifyConsistency(from: from, to: to, oldRoot: a, newRoot: b, proof: bad))
            }
        }
        // The edges: an empty tree is consistent with any; equal sizes need equal roots and no proof; no going back.
        #expect(Merkle.verifyConsistency(from: 0, to: 0, oldRoot: Self.roots[1], newRoot: Self.roots[1], proof: []))
        #expect(Merkle.verifyConsistency(from: 0, to: 1, oldRoot: Self.roots[1], newRoot: Self.roots[2], proof: []))
        #expect(!Merkle.verifyConsistency(from: 1, to: 1, oldRoot: Self.roots[1], newRoot: Self.roots[2], proof: []))
        #expect(!Merkle.verifyConsistency(from: 1, to: 1, oldRoot: Self.roots[1], newRoot: Self.roots[1], proof: [Merkle.emptyRoot]))
        #expect(!Merkle.verifyConsistency(from: 2, to: 1, oldRoot: Self.roots[2], newRoot: Self.roots[1], proof: []))
        #expect(!Merkle.verifyConsistency(from: 1, to: 2, oldRoot: Self.roots[1], newRoot: Self.roots[2], proof: []))
    }

    @Test func everyProofUpToSixtyFourLeavesVerifies() throws {
        let data = (0..<64).map { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 * 7)] }
        let t = Self.tree(data)
        for size in Int64(1)...64 {
            let root = try Merkle.root(size: size, node: t.node)
            #expect(try CompactRange(size: size, node: t.node).root == root)
            for leaf in 0..<size {
                let proof = try Merkle.inclusionProof(leaf: leaf, size: size, node: t.node)
                #expect(
                    Merkle.verifyInclusion(leaf: leaf, size: size, leafHash: Merkle.leafHash(data[Int(leaf)]), proof: proof, root: root))
            }
            for from in Int64(1)...size {
                let proof = try Merkle.consistencyProof(from: from, to: size, node: t.node)
                let old = try Merkle.root(size: from, node: t.node)
                #expect(Merkle.verifyConsistency(from: from, to: size, oldRoot: old, newRoot: root, proof: proof), "\(from) → \(size)")
            }
        }
    }
}
