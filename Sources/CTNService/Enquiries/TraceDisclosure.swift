import CTNLedger
import CTNModel
import CTNStore
import CTNTrace

extension ContractService {
    /// What a trace needs of each of `lotIds`, as far as the caller may see it: the signed statement
    /// of every lot found, and its material inputs where the owner discloses them to the caller.
    /// Answered to this node's own trace walks and to peers' (`POST /v1/federation/lots`). Each
    /// statement that is a leaf of the node's log comes with its inclusion proof, all to the
    /// node's signed tree head of the answer.
    ///
    /// `known`: the tag of the answer the caller holds for this same request. When it is this
    /// node's last answer to it, the log has not grown since and no agreement the answer rests on
    /// has run out, the answer is `unchanged` (the reads are logged again).
    public func traceView(of lotIds: [String], for caller: Caller, known: String? = nil) async throws -> TraceBatch {
        let key = TraceAnswerMemo.Key(reader: caller.memoReader, lots: lotIds, onward: caller.onward.map(\.jws))
        if let known, let kept = traceAnswers.get(key), kept.tag == known {
            let now = clock.nowMillis()
            if now < kept.validUntil, let head = try await store.treeHead(), head.size == kept.size {
                try await logUsage(
                    kept.reads.map {
                        var r = $0
                        r.at = now
                        return r
                    })
                return TraceBatch(lots: [], treeHead: head, unchanged: true)
            }
        }
        let policy = disclosurePolicy
        let nodeId = self.nodeId
        let (found, proven, validUntil) = try await store.read { tx in
            var agreements: [String: [AgreementRecord]] = [:]
            let found = try lotIds.map { id -> (String, LotRecord?, [MaterialUseRecord]?, DisclosureBasis?) in
                guard let lot = try tx.lot(id) else { return (id, nil, nil, nil) }
                let basis = try policy.basis(tx, lot, to: caller, contract: .materialUseEnquiry, agreements: &agreements)
                return (id, lot, basis != nil ? try tx.materialUses(lotId: id) : nil, basis)
            }
            let leaves = found.compactMap { $0.1?.statement != nil ? $0.1?.logLeaf : nil }
            // The answer holds until the first of the agreements it looked at runs out.
            let expiries = agreements.values.joined().compactMap { a in a.expiresAt.flatMap { $0 > policy.now ? $0 : nil } }
            return (
                found, leaves.isEmpty ? nil : try tx.logProofs(nodeId: nodeId, leaves: leaves),
                expiries.min() ?? Int64.max
            )
        }
        var proofs: [Int64: LogProof] = [:]
        for p in proven?.1 ?? [] { proofs[p.leaf] = p }
        let head = proven?.0
        var certificates: [String: JSONValue] = [:]
        for case (let id, let lot?, _, _) in found where lot.certificateCount > 0 { certificates[id] = try await certificatesJSON(lot) }
        let now = clock.nowMillis()
        let reads = found.compactMap { id, lot, _, basis -> UsageRecord? in
            guard let lot, let basis, basis != .owner else { return nil }
            return UsageRecord(
                ownerTenant: lot.tenantId, reader: caller.readerName, contract: ContractID.materialUseEnquiry.rawValue, lotId: id,
                basis: basis.description, at: now)
        }
        // The reads are logged durably before the answer leaves; the write (a commit, with its
        // fsync) runs while the answer is built.
        async let logged: Void = logUsage(reads)
        let lots = try found.map { id, lot, uses, basis -> JSONValue in
            guard let lot else { return ["lotId": .string(id), "found": false] }
            var o = Views.lot(lot, nodeId: nodeId, full: false)
            o["found"] = true
            o["statement"] = .optional(try statements.statement(for: lot))
            if let leaf = lot.logLeaf, let proof = proofs[leaf] { o["logProof"] = proof.json }
            if let certificate = certificates[id] { o["certificates"] = certificate }
            if let uses {
                o["materialCO2"] = .number(lot.materialCO2)
                o["processCO2"] = .number(lot.processCO2)
                o["materialUses"] = .array(uses.map { .object(Views.materialUse($0, lotMaterialCO2: nil)) })
                o["disclosedAs"] = .optional(basis?.description)
            } else {
                o["materialUses"] = "undisclosed"
            }
            return .object(o)
        }
        try await logged
        guard let head else { return TraceBatch(lots: lots, treeHead: nil) }
        let tag = TraceAnswerMemo.tag(size: head.size)
        traceAnswers.put(key, TraceAnswerMemo.Entry(size: head.size, validUntil: validUntil, tag: tag, reads: reads))
        return TraceBatch(lots: lots, treeHead: head, tag: tag)
    }

    /// Onward grants for a reader who may read lots of this node (`via`) that used lots of other
    /// nodes: signed by this node for the owner of `via` (the holder of any transitive agreement
    /// upstream). Asked by traces only for upstream lots that came back undisclosed.
    public func onwardGrants(_ asked: [OnwardAsk], caller: Caller) async throws -> [JSONValue] {
        let nodeId = self.nodeId
        let reader = caller.tenant.map { "\($0.businessId)@\(nodeId)" } ?? caller.remoteBusiness ?? ""
        let policy = disclosurePolicy
        let approved = try await store.read { tx in
            try asked.map { ask -> String? in
                guard let via = try tx.lot(ask.via), let basis = try policy.basis(tx, via, to: caller, contract: .materialUseEnquiry),
                    basis != .owner,
                    try tx.materialUses(lotId: ask.via).contains(where: {
                        $0.materialLotId == ask.lot && ($0.materialNode ?? nodeId) == ask.node
                    }),
                    let holder = try tx.tenant(tenantId: via.tenantId)?.businessId
                else { return nil }
                return holder
            }
        }
        return try zip(asked, approved).map { ask, holder in
            var o = JSONObject(["via": .string(ask.via), "lot": .string(ask.lot), "node": .string(ask.node)])
            if let holder {
                o["grant"] = .string(
                    try onwardGrants.grant(holder: "\(holder)@\(nodeId)", to: reader, lot: ask.lot, node: ask.node, via: ask.via))
            }
            return .object(o)
        }
    }
}
