import CTNLedger

/// What `ctn log verify` found: the tree recomputed from the events, against the stored tree and
/// the signed tree head.
public struct LogVerification: Sendable, Equatable {
    public var ok: Bool
    public var size: Int64
    public var root: String
    public var failure: String?
}

extension Store {
    /// Recomputes the Merkle tree of every stored event, page by page, and checks it against the
    /// stored tree's root and the signed tree head (its signature with `publicKey`).
    public func verifyLog(publicKey: PublicSigningKey, pageSize: Int = 1000) async throws -> LogVerification {
        var tree = CompactRange()
        var after = Int64.min
        while true {
            let page = try await ledgerEvents(after: after, limit: pageSize)
            guard let last = page.last else { break }
            let statements = try await logStatements(seq: page[0].seq...last.seq)
            for e in page {
                guard let jws = statements[e.seq] else {
                    tree.append(LedgerHashing.leafHash(eventHash: e.hash))
                    continue
                }
                // A statement leaf must be a statement of this very event, signed by the node, at this leaf.
                let leaf = tree.size
                guard let (_, p) = try? LotStatement.verify(jws, publicKey: publicKey), p["ledgerHash"]?.stringValue == e.hash,
                    p["logLeaf"]?.numberValue == Double(leaf), let hash = LotStatement.leafHash(jws)
                else {
                    return LogVerification(
                        ok: false, size: tree.size, root: LedgerHashing.hex(tree.root),
                        failure:
                            "the statement kept as the leaf of event \(e.seq) is not a statement of that event at leaf \(leaf) signed by the node"
                    )
                }
                tree.append(hash)
            }
            after = last.seq
        }
        let root = LedgerHashing.hex(tree.root)
        func fail(_ why: String) -> LogVerification { LogVerification(ok: false, size: tree.size, root: root, failure: why) }
        guard let head = try await treeHead() else {
            return tree.size == 0 ? LogVerification(ok: true, size: 0, root: root, failure: nil) : fail("no signed tree head")
        }
        guard head.verify(publicKey) else { return fail("the signed tree head does not verify with the node's key") }
        guard head.size == tree.size else { return fail("the signed tree head is of size \(head.size), the log holds \(tree.size) events") }
        guard head.root == root else { return fail("the signed tree head's root \(head.root) is not the events' root \(root)") }
        let stored: [UInt8]
        do { stored = try await logRoot(size: tree.size) } catch { return fail("the stored tree is damaged: \(error)") }
        guard LedgerHashing.hex(stored) == root else { return fail("the stored tree's root is not the events' root") }
        return LogVerification(ok: true, size: tree.size, root: root, failure: nil)
    }
}
