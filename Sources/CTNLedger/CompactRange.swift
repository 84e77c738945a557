/// The right edge of a growing Merkle tree: the perfect subtrees that cover leaves [0, size), one
/// per set bit of `size`, largest first. Appending a leaf merges equal subtrees (each merge is a
/// node to store) and the root is the edge folded from the right.
public struct CompactRange: Sendable, Equatable {
    public private(set) var size: Int64 = 0
    /// (level, hash), largest subtree first.
    public private(set) var nodes: [(level: Int, hash: Merkle.Hash)] = []

    public init() {}

    /// The edge of a stored tree of `size` leaves.
    public init(size: Int64, node: Merkle.Node) throws {
        self.size = size
        var start: Int64 = 0
        for level in stride(from: 62, through: 0, by: -1) where size & (Int64(1) << level) != 0 {
            nodes.append((level, try node(level, start >> level)))
            start += Int64(1) << level
        }
    }

    public static func == (a: CompactRange, b: CompactRange) -> Bool {
        a.size == b.size && a.nodes.map(\.level) == b.nodes.map(\.level) && a.nodes.map(\.hash) == b.nodes.map(\.hash)
    }

    /// Appends a leaf hash; returns every node it completes, (level, index, hash), the leaf first.
    @discardableResult
    public mutating func append(_ leafHash: Merkle.Hash) -> [(level: Int, index: Int64, hash: Merkle.Hash)] {
        var made = [(level: 0, index: size, hash: leafHash)]
        var level = 0
        var hash = leafHash
        while let last = nodes.last, last.level == level {
            nodes.removeLast()
            hash = Merkle.nodeHash(last.hash, hash)
            level += 1
            made.append((level, size >> level, hash))
        }
        nodes.append((level, hash))
        size += 1
        return made
    }

    public var root: Merkle.Hash {
        guard var r = nodes.last?.hash else { return Merkle.emptyRoot }
        for n in nodes.dropLast().reversed() { r = Merkle.nodeHash(n.hash, r) }
        return r
    }
}
