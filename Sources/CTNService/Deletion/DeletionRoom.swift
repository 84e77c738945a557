import CTNFederation
import CTNLedger
import CTNModel
import CTNStore
import CurlHTTP

/// Deletion Request (the owner's side), its receipts, and the Held Data Enquiry.
extension ContractService {
    /// Asks another node to delete what it holds of the owner's lots, verifies its signed receipt, keeps it.
    func requestDeletion(_ input: DeletionRequestInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let target = input.node
        guard target != nodeId, let peer = peers.peer(target) else {
            throw Problem(
                status: 422, code: "unknown_node", title: "Unknown node", detail: "node \(target) is not a peer of this node", field: "node"
            )
        }
        let own = try await store.read { tx in try tx.lotIds(tenantId: tenant.tenantId) }
        if let given = input.lotIds {
            let mine = Set(own)
            for (index, id) in given.enumerated() where !mine.contains(id) {
                throw Problem.notFound("lot \(id)", field: "lotIds[\(index)]")
            }
        }
        let lots = input.lotIds ?? own
        let request = CanonicalJSON.bytes(.object(JSONObject(["lots": .array(lots.map { JSONValue.string($0) })])))
        let answer: HTTPResult
        do {
            answer = try await peers.send(
                node: target, method: "POST", path: "/v1/federation/deletions", body: request, actingBusiness: acting(tenant),
                idempotent: true)
        } catch let error as PeerError {
            throw Problem(status: 502, code: "peer_unreachable", title: "Node did not answer", detail: error.description, field: "node")
        }
        guard let jws = (try? JSONParser.parse(answer.body))?["receipt"]?.stringValue,
            let payload = try? DeletionReceipt.verify(jws, publicKey: peer.publicKey),
            payload["requester"]?.stringValue == acting(tenant)
        else {
            throw Problem(
                status: 502, code: "bad_receipt", title: "Receipt refused",
                detail: "node \(target) sent no receipt that verifies with its key",
                field: "node")
        }
        let now = clock.nowMillis()
        let event = try event(.deletionRequest)
        return try await store.write { tx in
            let json: JSONValue = [
                "node": .string(target), "receipt": .string(jws), "deleted": payload["deleted"] ?? [], "kept": payload["kept"] ?? [],
                "at": payload["at"] ?? .null, "ledgerSeq": .number(Double(tx.nextSeq)),
            ]
            try tx.insertDeletionReceipt(ownerTenant: tenant.tenantId, node: target, jws: jws, at: now, seq: tx.nextSeq)
            _ = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: DeletionRequestInput.contract.rawValue, event: event, sourceTime: now, payload: json)
            return json
        }
    }

    /// A peer node's request, for one of its businesses, to delete what this node holds of its lots.
    /// Data a lot of this node rests on (a supplier statement behind a material use) is kept, and
    /// the receipt says so.
    public func honourDeletion(requester: String, node requesterNode: String, lotIds: [String]) async throws -> String {
        let now = clock.nowMillis()
        let keys = self.keys
        let receipt = try await store.write { tx in
            let removed = try tx.deleteHeld(node: requesterNode, lotIds: lotIds, at: now)
            var kept: [JSONValue] = []
            for lot in lotIds {
                for use in try tx.materialUses(ofRemoteLot: lot, node: requesterNode) {
                    kept.append([
                        "lotId": .string(lot), "kind": "statement",
                        "reason": .string(
                            "the CO2 of lot \(use.lotId) on this node rests on it (material use, ledger seq \(use.seq)); removing it would break that lot's record"
                        ),
                    ])
                }
            }
            let deleted: [JSONValue] = removed.map {
                ["lotId": .string($0.lotId), "kind": .string($0.kind), "sha256": .string(LedgerHashing.sha256Hex($0.content))]
            }
            let receipt = try DeletionReceipt.sign(
                requester: requester, deleted: deleted, kept: kept, lots: lotIds.count, keys: keys, now: now)
            _ = try tx.appendLedger(
                tenantId: "", contract: DeletionRequestInput.contract.rawValue, event: "held-data.deleted", sourceTime: now,
                payload: ["requester": .string(requester), "deleted": .array(deleted), "kept": .array(kept)])
            return receipt
        }
        verifiedStatements.removeAll(node: requesterNode)
        recentBatches.removeAll(node: requesterNode)
        return receipt
    }

    func heldEnquiry(_ input: HeldDataEnquiryInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let rows = try await store.read { tx in try tx.held(node: nil, tenantId: tenant.tenantId) }
        return ["held": .array(rows.map(Views.held))]
    }

    func receiptEnquiry(_ input: DeletionReceiptEnquiryInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let all = try await store.read { tx in try tx.deletionReceipts(ownerTenant: tenant.tenantId) }
        return ["receipts": .array(all.map { .string($0) })]
    }
}
