import Crypto

/// The Merkle tree of RFC 9162 §2.1 (as RFC 6962): leaf hashes SHA-256(0x00 ‖ data), interior
/// nodes SHA-256(0x01 ‖ left ‖ right), the tree of n leaves split at the largest power of two
/// below n. Roots and proofs are computed from the tree's perfect subtrees, given by `node(level,
/// index)` (the subtree of leaves [index·2^level, (index+1)·2^level)), so a stored tree answers
/// any size and any proof in O(log n) lookups.
public enum Merkle {
    public typealias Hash = [UInt8]
    public typealias Node = (Int, Int64) throws -> Hash

    public static let emptyRoot: Hash = Array(SHA256.hash(data: [UInt8]()))

    public static func leafHash(_ data: some Collection<UInt8>) -> Hash {
        var h = SHA256()
        h.update(data: [0])
        h.update(data: Array(data))
        return Array(h.finalize())
    }

    public static func nodeHash(_ left: Hash, _ right: Hash) -> Hash {
        var h = SHA256()
        h.update(data: [1])
        h.update(data: left)
        h.update(data: right)
        return Array(h.finalize())
    }

    /// The largest power of two below `n` (n ≥ 2).
    static func split(_ n: Int64) -> Int64 {
        var k: Int64 = 1
        while k << 1 < n { k <<= 1 }
        return k
    }

    /// MTH of leaves [a, b): a perfect, aligned range is one stored node; otherwise split.
    static func hash(_ a: Int64, _ b: Int64, _ node: Node) throws -> Hash {
        let n = b - a
        if n == 0 { return emptyRoot }
        if n & (n - 1) == 0, a % n == 0 { return try node(n.trailingZeroBitCount, a / n) }
        let k = split(n)
        return nodeHash(try hash(a, a + k, node), try hash(a + k, b, node))
    }

    /// The root of the tree of the first `size` leaves.
    public static func root(size: Int64, node: Node) throws -> Hash { try hash(0, size, node) }

    /// PATH(m, D[a:b]) of RFC 9162 §2.1.3.1, leaf side first.
    static func path(_ m: Int64, _ a: Int64, _ b: Int64, _ node: Node) throws -> [Hash] {
        let n = b - a
        if n <= 1 { return [] }
        let k = split(n)
        if m < k { return try path(m, a, a + k, node) + [try hash(a + k, b, node)] }
        return try path(m - k, a + k, b, node) + [try hash(a, a + k, node)]
    }

    /// The inclusion proof of leaf `leaf` (0-based) in the tree of `size` leaves.
    public static func inclusionProof(leaf: Int64, size: Int64, node: Node) throws -> [Hash] {
        guard leaf >= 0, leaf < size else { return [] }
        return try path(leaf, 0, size, node)
    }

    /// SUBPROOF(m, D[a:b], complete) of RFC 9162 §2.1.4.1.
    static func subproof(_ m: Int64, _ a: Int64, _ b: Int64, _ complete: Bool, _ node: Node) throws -> [Hash] {
        let n = b - a
        if m == n { return complete ? [] : [try hash(a, b, node)] }
        let k = split(n)
        if m <= k { return try subproof(m, a, a + k, complete, node) + [try hash(a + k, b, node)] }
        return try subproof(m - k, a + k, b, false, node) + [try hash(a, a + k, node)]
    }

    /// The consistency proof between the trees of `from` and `to` leaves (0 < from ≤ to; empty otherwise).
    public static func consistencyProof(from: Int64, to: Int64, node: Node) throws -> [Hash] {
        guard from > 0, from < to else { return [] }
        return try subproof(from, 0, to, true, node)
    }
}
