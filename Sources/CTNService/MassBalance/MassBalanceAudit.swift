import CTNLedger
import CTNMassBalance
import CTNModel
import CTNStore

/// The audit pack of a period: the events with their ledger positions, the exceptions and how they
/// were closed, the declarations, the balances at both ends, the ledger verified and the time
/// slices re-hashed from the events they hold.
extension ContractService {
    func massBalanceAudit(_ input: MassBalanceAuditInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let to = input.to ?? clock.nowMillis()
        let from = input.from
        var pack = try await store.read { tx in try Self.auditPack(tx, tenant: tenant, from: from, to: to) }
        // The whole chain recomputed, and each event of the pack found in it under the same hash.
        let report = try await store.verifyLedger(nodeId: nodeId, publicKey: keys.signingKey.publicKey)
        let hashes = (pack["events"]?.arrayValue ?? []).compactMap { e in
            e["ledgerSeq"]?.numberValue.map { (Grams.clamped($0), e["ledgerHash"]?.stringValue ?? "") }
        }
        var matched = true
        if let first = hashes.map(\.0).min(), let last = hashes.map(\.0).max() {
            var found: [Int64: String] = [:]
            var after = first - 1
            while after < last {
                let page = try await store.ledgerEvents(after: after, limit: 1000)
                guard let end = page.last else { break }
                for e in page where e.seq <= last { found[e.seq] = e.hash }
                after = end.seq
            }
            matched = hashes.allSatisfy { found[$0.0] == $0.1 }
        }
        pack["ledger"] = [
            "firstSeq": .optional(hashes.map(\.0).min().map(Double.init)), "lastSeq": .optional(hashes.map(\.0).max().map(Double.init)),
            "events": .number(Double(hashes.count)), "eventsInLedger": .bool(matched), "verified": .bool(report.ok && matched),
            "headSeq": .number(Double(report.headSeq)), "headHash": .string(report.headHash),
            "failure": .optional(report.failure.map { "event \($0.seq): \($0.reason)" }),
        ]
        return .object(pack)
    }

    static func auditPack(_ tx: any StoreReading, tenant: TenantRecord, from: Int64?, to: Int64) throws -> JSONObject {
        let all = try tx.massBalanceEvents(tenantId: tenant.tenantId, batchId: nil)
        let inPeriod = all.filter { e in e.sourceTime <= to && e.sourceTime >= (from ?? Int64.min) }
        let events: [JSONValue] = inPeriod.map { e in
            let payload: JSONValue = (try? JSONParser.parse(Array(e.payload.utf8))) ?? .null
            return [
                "eventId": .string(e.eventId), "kind": .string(e.kind), "batchId": .optional(e.batchId),
                "time": .string(Timestamp.format(millis: e.sourceTime)), "receivedAt": .string(Timestamp.format(millis: e.receivedAt)),
                "ledgerSeq": .number(Double(e.seq)), "ledgerHash": .string(e.ledgerHash),
                "payload": payload,
            ]
        }
        var exceptions: [JSONValue] = []
        let batchIds = Set(inPeriod.compactMap { (e: MassBalanceEventRecord) -> String? in e.batchId })
        for batchId in batchIds.sorted() {
            let batch = BatchHistory(batchId: batchId, events: all.filter { $0.batchId == batchId })
            for r in batch.status.exceptions {
                guard case .object(var o) = exceptionJSON(r, batch.stepPayloads) else { continue }
                o["batchId"] = .string(batchId)
                exceptions.append(.object(o))
            }
        }
        let kept = try tx.declarations(tenantId: tenant.tenantId).filter { d in d.at <= to && d.at >= (from ?? Int64.min) }
        let declarations: [JSONValue] = kept.map { d in
            let p = LotStatement.payload(d.jws) ?? .null
            return [
                "declarationId": .string(d.declarationId), "direction": .string(d.direction), "issuer": .string(d.issuer),
                "lotId": .optional(d.lotId), "ledgerSeq": .number(Double(d.seq)), "sha256": .string(LedgerHashing.sha256Hex(d.jws)),
                "mass": p["mass"] ?? .null, "certifiedMass": p["certifiedMass"] ?? .null, "scheme": p["scheme"] ?? .null,
                "consignee": p["consignee"] ?? .null, "declaration": .string(d.jws),
            ]
        }
        var pack = JSONObject([
            "period": ["from": .optional(from.map { Timestamp.format(millis: $0) }), "to": .string(Timestamp.format(millis: to))],
            "events": .array(events), "exceptions": .array(exceptions), "declarations": .array(declarations),
            "opening": .array(try from.map { try balances(tx, tenant: tenant, at: $0 - 1) } ?? []),
            "closing": .array(try balances(tx, tenant: tenant, at: to)),
        ])
        pack["slices"] = try slicesJSON(tx, tenant: tenant, events: all)
        return pack
    }

    /// The sealed slices, each re-hashed and compared with the events the node holds for its hour,
    /// and the slice still open.
    static func slicesJSON(_ tx: any StoreReading, tenant: TenantRecord, events: [MassBalanceEventRecord]) throws -> JSONValue {
        let heads = try tx.slices(tenantId: tenant.tenantId).map(MassBook.head)
        var problems = SliceChain.verify(tenant: tenant.tenantId, heads)
        let byStart = Dictionary(grouping: events, by: { SliceChain.start(of: $0.receivedAt) })
        for h in heads where (byStart[h.start] ?? []).map(\.ledgerHash) != h.events {
            problems.append("slice \(Timestamp.format(millis: h.start)): the events held for its hour are not those it sealed")
        }
        let sealedEnd = heads.last?.end ?? Int64.min
        let open = events.filter { $0.receivedAt >= sealedEnd }
        return [
            "sealed": .array(
                heads.map { h in
                    [
                        "start": .string(Timestamp.format(millis: h.start)), "end": .string(Timestamp.format(millis: h.end)),
                        "events": .array(h.events.map { .string($0) }), "prevHash": .string(h.prevHash), "hash": .string(h.hash),
                    ]
                }),
            "open": ["events": .array(open.map { .string($0.ledgerHash) })], "verified": .bool(problems.isEmpty),
            "problems": .array(problems.map { .string($0) }), "tenant": .string(tenant.tenantId),
        ]
    }
}
