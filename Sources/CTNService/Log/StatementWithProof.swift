import CTNLedger
import CTNModel
import CTNStore

/// A lot's statement with its place in the node's log, for readers who check it offline.
extension ContractService {
    /// The statement of `lotId`, its inclusion proof and the signed tree head the proof leads to,
    /// read together (no proof for statements signed before the log held them).
    public func statementWithProof(lotId: String) async throws -> JSONValue {
        guard ID128(lotId) != nil else { throw Problem.invalidValue("lotId", "must be a 128-bit ID in 32 lowercase hex digits") }
        let nodeId = self.nodeId
        let (lot, logged) = try await store.read { tx -> (LotRecord?, (TreeHead, [LogProof])?) in
            guard let lot = try tx.lot(lotId) else { return (nil, nil) }
            guard lot.statement != nil, let leaf = lot.logLeaf else { return (lot, nil) }
            return (lot, try tx.logProofs(nodeId: nodeId, leaves: [leaf]))
        }
        guard let lot else { throw Problem.notFound("lot \(lotId)", field: "lotId") }
        guard let jws = try statements.statement(for: lot) else {
            throw Problem.conflict("lot_not_completed", "lot \(lotId) is not completed: it has no statement yet", field: "lotId")
        }
        var o = JSONObject(["lotId": .string(lotId), "nodeId": .string(nodeId), "statement": .string(jws)])
        if let (head, proofs) = logged, let proof = proofs.first {
            o["logProof"] = proof.json
            o["treeHead"] = head.json
        }
        return .object(o)
    }
}
