/// Checking Merkle proofs as RFC 9162 §2.1.3.2 and §2.1.4.2 say, with nothing but the hashes: a
/// client needs no tree, only the leaf, the proof and a signed root.
extension Merkle {
    /// The root an inclusion proof leads to, or nil when it cannot be a proof for that leaf and size.
    public static func rootFromInclusion(leaf: Int64, size: Int64, leafHash: Hash, proof: [Hash]) -> Hash? {
        guard leaf >= 0, leaf < size, leafHash.count == 32, proof.allSatisfy({ $0.count == 32 }) else { return nil }
        var fn = leaf
        var sn = size - 1
        var r = leafHash
        for p in proof {
            guard sn != 0 else { return nil }
            if fn & 1 == 1 || fn == sn {
                r = nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0, fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 ? r : nil
    }

    public static func verifyInclusion(leaf: Int64, size: Int64, leafHash: Hash, proof: [Hash], root: Hash) -> Bool {
        rootFromInclusion(leaf: leaf, size: size, leafHash: leafHash, proof: proof) == root
    }

    /// Whether the tree of `to` leaves with root `newRoot` extends the tree of `from` leaves with root `oldRoot`.
    public static func verifyConsistency(from: Int64, to: Int64, oldRoot: Hash, newRoot: Hash, proof: [Hash]) -> Bool {
        guard from >= 0, from <= to, proof.allSatisfy({ $0.count == 32 }) else { return false }
        if from == to { return proof.isEmpty && oldRoot == newRoot }
        if from == 0 { return proof.isEmpty }
        guard !proof.isEmpty else { return false }
        var path = proof
        if from & (from - 1) == 0 { path.insert(oldRoot, at: 0) }
        var fn = from - 1
        var sn = to - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for c in path.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0, fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == oldRoot && sr == newRoot && sn == 0
    }
}
