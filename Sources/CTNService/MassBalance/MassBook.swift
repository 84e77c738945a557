import CTNEngine
import CTNLedger
import CTNMassBalance
import CTNModel
import CTNStore

/// What every mass-balance write does the same way: masses in grams, pools replayed with the new
/// movements (a movement no pool can cover at its time is refused), the hour slices before this one
/// sealed, and the event kept with its ledger event and movements, all in one transaction.
struct MassBook {
    let tenant: TenantRecord
    let units: UnitConverter
    let now: Int64

    /// A movement about to be booked, with the field and problem code a shortfall names.
    struct Move {
        var key: PoolKey
        var grams: Int64
        var expiresAt: Int64? = nil
        var batchId: String? = nil
        var field: String
        var code = "insufficient_balance"
    }

    /// A mass in whole grams; a unit that is not one of mass is refused.
    func grams(_ m: StatedQuantity) throws(Problem) -> Int64 {
        let kg = try StatedUnits(units: units).convert(m, to: "kg", kind: "a mass (t, kg, g)")
        guard let g = Grams.of(kilograms: kg) else { throw Problem.invalidValue("\(m.field).value", "is beyond the masses a pool holds") }
        return g
    }

    /// A positive mass of at least a gram.
    func positiveGrams(_ m: StatedQuantity) throws(Problem) -> Int64 {
        let g = try grams(m)
        guard g > 0 else { throw Problem.invalidValue("\(m.field).value", "is less than a gram") }
        return g
    }

    /// Replays every pool the moves touch, with them (booked at `time`, as event `seq`); a
    /// shortfall is refused with the first move's field and code. Answers each pool's state.
    func check(_ tx: any StoreReading, _ moves: [Move], time: Int64, seq: Int64) throws -> [String: PoolLedger.State] {
        var states: [String: PoolLedger.State] = [:]
        let keys = Array(Set(moves.map(\.key))).sorted()
        for key in keys {
            let stored = try movements(tx, key).map {
                PoolMovement(grams: $0.grams, time: $0.time, seq: $0.seq, index: $0.index, expiresAt: $0.expiresAt)
            }
            let new = moves.enumerated().filter { $0.element.key == key }.map {
                PoolMovement(grams: $0.element.grams, time: time, seq: seq, index: $0.offset, expiresAt: $0.element.expiresAt)
            }
            do {
                let state = try PoolLedger.replay(stored + new)
                if state.peak > Grams.poolLimit, let move = moves.first(where: { $0.key == key && $0.grams > 0 }) {
                    throw Problem.invalidValue(move.field, "\(Self.describe(key)) would hold more than 9 × 10⁹ t")
                }
                states[key.text] = state
            } catch let error as PoolLedger.Shortfall {
                let move = moves.first { $0.key == key && $0.grams < 0 } ?? moves[0]
                throw Problem.conflict(
                    move.code,
                    "\(Self.describe(key)) can cover only \(Grams.kilograms(error.available)) kg at \(Timestamp.format(millis: error.time)), "
                        + "\(Grams.kilograms(error.needed)) kg asked",
                    field: move.field)
            }
        }
        return states
    }

    func movements(_ tx: any StoreReading, _ key: PoolKey) throws -> [PoolMovementRecord] {
        try tx.poolMovements(
            tenantId: tenant.tenantId, site: key.site, material: key.material, pool: key.kind.rawValue, scheme: key.scheme, claim: key.claim
        )
    }

    /// Keeps the event (its payload with ID, kind and time of receipt) and its movements, with its ledger event.
    func record(
        _ tx: any StoreWriting, kind: String, id: String, batchId: String?, sourceTime: Int64, payload: JSONObject, moves: [Move],
        contract: ContractID, event: String
    ) throws -> LedgerEvent {
        let received = try receivedAt(tx)
        var p = payload
        p["eventId"] = .string(id)
        p["kind"] = .string(kind)
        p["receivedAt"] = .string(Timestamp.format(millis: received))
        let appended = try tx.appendLedger(
            tenantId: tenant.tenantId, contract: contract.rawValue, event: event, sourceTime: sourceTime, payload: .object(p))
        let record = MassBalanceEventRecord(
            eventId: id, tenantId: tenant.tenantId, kind: kind, batchId: batchId, sourceTime: sourceTime, receivedAt: received,
            seq: appended.seq, ledgerHash: appended.hash, payload: CanonicalJSON.encode(.object(p)))
        let rows = moves.enumerated().map { i, m in
            PoolMovementRecord(
                tenantId: tenant.tenantId, site: m.key.site, material: m.key.material, pool: m.key.kind.rawValue, scheme: m.key.scheme,
                claim: m.key.claim, grams: m.grams, time: sourceTime, expiresAt: m.expiresAt, eventId: id, batchId: m.batchId,
                seq: appended.seq, index: i)
        }
        try tx.insertMassBalanceEvent(record, movements: rows)
        return appended
    }

    /// When the node takes an event: now, or the end of the last sealed slice if the clock went back.
    func receivedAt(_ tx: any StoreReading) throws -> Int64 {
        max(now, try tx.lastSlice(tenantId: tenant.tenantId)?.end ?? now)
    }

    /// Seals every slice before the current hour that holds events and is not sealed yet.
    func seal(_ tx: any StoreWriting) throws {
        let current = SliceChain.start(of: now)
        // Only the events since the last sealed slice are read: a write does not grow with the tenant's history.
        let last = try tx.lastSlice(tenantId: tenant.tenantId)
        let pending = try tx.massBalanceEvents(tenantId: tenant.tenantId, receivedFrom: last?.end ?? Int64.min).filter {
            $0.receivedAt < current
        }
        guard !pending.isEmpty else { return }
        var prev = last.map(Self.head)
        for (start, group) in Dictionary(grouping: pending, by: { SliceChain.start(of: $0.receivedAt) }).sorted(by: { $0.key < $1.key }) {
            let head = SliceChain.seal(tenant: tenant.tenantId, start: start, events: group.map(\.ledgerHash), after: prev)
            let appended = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: "mass-balance-slice", event: "mass-balance.slice-sealed", sourceTime: head.end,
                payload: [
                    "start": .string(Timestamp.format(millis: head.start)), "end": .string(Timestamp.format(millis: head.end)),
                    "events": .number(Double(head.events.count)), "prevHash": .string(head.prevHash), "hash": .string(head.hash),
                ])
            try tx.insertSlice(
                SliceRecord(
                    tenantId: tenant.tenantId, start: head.start, end: head.end, events: head.events.joined(separator: "\n"),
                    prevHash: head.prevHash, hash: head.hash, seq: appended.seq))
            prev = head
        }
    }

    static func head(_ s: SliceRecord) -> SliceChain.Head {
        SliceChain.Head(
            start: s.start, end: s.end, events: s.events.isEmpty ? [] : s.events.split(separator: "\n").map(String.init),
            prevHash: s.prevHash,
            hash: s.hash)
    }

    static func describe(_ key: PoolKey) -> String {
        let scheme = key.kind == .certified ? " (\(key.scheme)\(key.claim.isEmpty ? "" : ", \(key.claim)"))" : ""
        return "the \(key.kind.rawValue)\(scheme) pool of \(key.material)\(key.site.isEmpty ? "" : " at site \(key.site)")"
    }

    static func mass(_ grams: Int64) -> JSONValue { ["value": .number(Grams.kilograms(grams)), "unit": "kg"] }
}
