import CTNLedger
import CTNMassBalance
import CTNModel
import CTNStore

/// The carry-forward figures at a cut-off, a batch's history, and the audit pack of a period.
extension ContractService {
    func massBalanceBalances(_ input: MassBalanceBalancesInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let at = input.at ?? clock.nowMillis()
        let balances = try await store.read { tx in try Self.balances(tx, tenant: tenant, at: at) }
        return ["at": .string(Timestamp.format(millis: at)), "balances": .array(balances)]
    }

    /// Every pool of the tenant with a movement up to `at`: booked, claimable, expired, and the
    /// credits that expire after the cut-off (earliest first, ten at most).
    static func balances(_ tx: any StoreReading, tenant: TenantRecord, at: Int64) throws -> [JSONValue] {
        var pools: [PoolKey: [PoolMovement]] = [:]
        for m in try tx.poolMovements(tenantId: tenant.tenantId) where m.time <= at {
            let key = PoolKey(
                site: m.site, material: m.material, kind: m.pool == "certified" ? .certified : .conventional, scheme: m.scheme,
                claim: m.claim)
            pools[key, default: []].append(PoolMovement(grams: m.grams, time: m.time, seq: m.seq, index: m.index, expiresAt: m.expiresAt))
        }
        return try pools.keys.sorted().map { key in
            let state: PoolLedger.State
            do throws(PoolLedger.Shortfall) { state = try PoolLedger.replay(pools[key] ?? [], until: at) } catch {
                throw Problem(
                    status: 500, code: "internal", title: "Internal error",
                    detail:
                        "\(MassBook.describe(key)) does not replay: \(Grams.kilograms(error.needed)) kg out at \(error.time) not covered")
            }
            let expiring = state.layers.compactMap { l in
                l.expiresAt.map {
                    JSONValue.object(JSONObject(["mass": MassBook.mass(l.grams), "expiresAt": .string(Timestamp.format(millis: $0))]))
                }
            }
            return [
                "material": .string(key.material), "pool": .string(key.kind.rawValue),
                "scheme": key.kind == .certified ? .string(key.scheme) : .null,
                "claim": key.claim.isEmpty ? .null : .string(key.claim), "site": key.site.isEmpty ? .null : .string(key.site),
                "mass": MassBook.mass(state.booked), "claimable": MassBook.mass(state.claimable), "expired": MassBook.mass(state.expired),
                "expiring": .array(Array(expiring.prefix(10))),
            ]
        }
    }

    func massBalanceBatchEnquiry(_ input: MassBalanceBatchEnquiryInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        return try await store.read { tx in
            let batch = try BatchHistory.load(tx, input.batchId, tenant: tenant)
            return try Self.batchView(tx, batch)
        }
    }

    static func batchView(_ tx: any StoreReading, _ batch: BatchHistory) throws -> JSONValue {
        let (status, records) = batch.status
        let steps = batch.stepPayloads
        var output: [String: (credited: Int64, claimed: Int64, scheme: String, claim: String, material: String)] = [:]
        // Credits are the batch's own movements and its corrections' adjustments; the rest are dispatches' claims.
        let credits = Set(batch.events.filter { $0.kind == "batch" || $0.kind == "correction" }.map(\.eventId))
        for m in try tx.poolMovements(batchId: batch.batchId) where m.pool == "certified" {
            let tag = "\(m.material)\u{1F}\(m.scheme)\u{1F}\(m.claim)"
            var entry = output[tag] ?? (0, 0, m.scheme, m.claim, m.material)
            if credits.contains(m.eventId) {
                entry.credited += m.grams
            } else {
                entry.claimed -= m.grams
            }
            output[tag] = entry
        }
        return [
            "batchId": .string(batch.batchId), "status": .string(status.rawValue), "steps": .array(steps),
            "exceptions": .array(records.map { r in exceptionJSON(r, steps) }),
            "certifiedOutput": .array(
                output.keys.sorted().compactMap { output[$0] }.map { o in
                    [
                        "material": .string(o.material), "scheme": .string(o.scheme), "claim": o.claim.isEmpty ? .null : .string(o.claim),
                        "credited": MassBook.mass(o.credited), "claimed": MassBook.mass(o.claimed),
                        "unclaimed": MassBook.mass(o.credited - o.claimed),
                    ]
                }),
        ]
    }

    /// An exception with the events that raised and closed it.
    static func exceptionJSON(_ r: BatchStatus.Record, _ steps: [JSONValue]) -> JSONValue {
        func ref(_ i: Int?) -> JSONValue {
            guard let i, i < steps.count else { return .null }
            return [
                "eventId": steps[i]["eventId"] ?? .null, "kind": steps[i]["kind"] ?? .null, "receivedAt": steps[i]["receivedAt"] ?? .null,
            ]
        }
        return [
            "code": .string(r.exception.code.rawValue), "detail": .string(r.exception.detail), "raisedBy": ref(r.raisedBy),
            "correctedBy": ref(r.correctedBy), "closedBy": ref(r.closedBy), "open": .bool(r.closedBy == nil),
        ]
    }
}
