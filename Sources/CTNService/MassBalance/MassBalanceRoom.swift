import CTNLedger
import CTNMassBalance
import CTNModel
import CTNStore

/// Mass Balance Receipt and Batch Reconciliation: certified and conventional feedstock into its
/// pools, and batches that move inputs out and outputs in, the certified inputs times the
/// conversion factor becoming certified output. Pools move only by these events (and by
/// corrections, dispatches and booked declarations); balances are sums of the movements.
extension ContractService {
    func massBalanceReceipt(_ input: MassBalanceReceiptInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let time = try Self.sourceTime(input.time, now: now)
        let book = MassBook(tenant: tenant, units: engine.units, now: now)
        let grams = try book.positiveGrams(input.mass)
        if let e = input.expiresAt, e <= time { throw Problem.invalidValue("expiresAt", "must be after the receipt") }
        let certified = input.pool == "certified"
        let key = PoolKey(
            site: input.site, material: input.material, kind: certified ? .certified : .conventional, scheme: input.scheme,
            claim: input.claim)
        let eventId = minter.mint(tenant: tenant.tenantId, kind: "mb-receipt").hex
        let supplier = input.supplier.map(storedBusiness)
        let event = try event(.massBalanceReceipt)
        return try await store.write { tx in
            try book.seal(tx)
            let move = MassBook.Move(key: key, grams: grams, expiresAt: input.expiresAt, field: "mass")
            let booked = try book.check(tx, [move], time: time, seq: tx.nextSeq)[key.text]?.booked ?? grams
            let payload = JSONObject([
                "material": .string(input.material), "pool": .string(input.pool), "scheme": .optional(certified ? input.scheme : nil),
                "claim": .optional(input.claim.isEmpty ? nil : input.claim), "site": .optional(input.site.isEmpty ? nil : input.site),
                "grams": .number(Double(grams)), "supplier": .optional(supplier),
                "supplierDeclaration": .optional(input.supplierDeclaration),
                "expiresAt": .optional(input.expiresAt.map { Timestamp.format(millis: $0) }),
                "time": .string(Timestamp.format(millis: time)),
            ])
            let appended = try book.record(
                tx, kind: "receipt", id: eventId, batchId: nil, sourceTime: time, payload: payload, moves: [move],
                contract: .massBalanceReceipt, event: event)
            return [
                "eventId": .string(eventId), "material": .string(input.material), "pool": .string(input.pool),
                "scheme": .optional(certified ? input.scheme : nil), "mass": MassBook.mass(grams), "balance": MassBook.mass(booked),
                "ledgerSeq": .number(Double(appended.seq)),
            ]
        }
    }

    func massBalanceBatch(_ input: MassBalanceBatchInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let time = try Self.sourceTime(input.time ?? input.window?.end, now: now)
        let book = MassBook(tenant: tenant, units: engine.units, now: now)
        var read: [BatchHistory.Line] = []
        for l in input.inputs {
            read.append(
                BatchHistory.Line(l, grams: try book.positiveGrams(l.mass)))
        }
        var made: [(material: String, grams: Int64)] = []
        for o in input.outputs { made.append((o.material, try book.positiveGrams(o.mass))) }
        let (lines, outputs) = (read, made)
        let losses = try input.losses.map { m throws(Problem) in try book.grams(m) }
        let figures = Reconciliation.Figures(
            inputs: lines.reduce(0) { $0 + $1.grams }, outputs: outputs.reduce(0) { $0 + $1.grams }, losses: losses,
            factor: input.conversionFactor, tolerance: input.tolerance)
        let exceptions = Reconciliation.check(figures)
        let batchId = minter.mint(tenant: tenant.tenantId, kind: "mb-batch").hex
        let event = try event(.massBalanceBatch)
        return try await store.write { tx in
            try book.seal(tx)
            let seq = tx.nextSeq
            let debits = lines.enumerated().map { i, l in
                MassBook.Move(key: l.key(site: input.site), grams: -l.grams, field: "inputs[\(i)].mass")
            }
            let states = try book.check(tx, debits, time: time, seq: seq)
            // The certified inputs per scheme and claim, and the earliest expiry of what they took.
            var certified: [CertifiedSplit.Share] = []
            var expiry: [String: Int64] = [:]
            for (i, l) in lines.enumerated() where l.pool == "certified" {
                let tag = "\(l.scheme)\u{1F}\(l.claim)"
                if let j = certified.firstIndex(where: { $0.scheme == l.scheme && $0.claim == l.claim }) {
                    certified[j].grams += l.grams
                } else {
                    certified.append(CertifiedSplit.Share(scheme: l.scheme, claim: l.claim, grams: l.grams))
                }
                if let e = states[debits[i].key.text]?.debitExpiry[PoolLedger.Key(seq: seq, index: i)] {
                    expiry[tag] = min(expiry[tag] ?? e, e)
                }
            }
            let split = CertifiedSplit.split(certified: certified, factor: input.conversionFactor, outputs: outputs)
            var credits: [MassBook.Move] = []
            for (j, o) in split.enumerated() {
                for c in o.certified {
                    credits.append(
                        MassBook.Move(
                            key: PoolKey(site: input.site, material: o.material, kind: .certified, scheme: c.scheme, claim: c.claim),
                            grams: c.grams, expiresAt: expiry["\(c.scheme)\u{1F}\(c.claim)"], batchId: batchId, field: "outputs[\(j)]"))
                }
                if o.conventional > 0 {
                    credits.append(
                        MassBook.Move(
                            key: PoolKey(site: input.site, material: o.material, kind: .conventional), grams: o.conventional,
                            batchId: batchId,
                            field: "outputs[\(j)]"))
                }
            }
            // The whole batch replayed once more: no output pool beyond its limit.
            _ = try book.check(tx, debits + credits, time: time, seq: seq)
            let certifiedOutput = credits.filter { $0.key.kind == .certified }.map(Self.creditJSON)
            let payload = JSONObject([
                "inputs": .array(lines.map(\.json)),
                "outputs": BatchHistory.json(outputs: outputs),
                "lossesGrams": .optional(losses.map { Double($0) }), "conversionFactor": .number(input.conversionFactor),
                "tolerance": .number(input.tolerance), "window": input.window?.json ?? .null,
                "site": .optional(input.site.isEmpty ? nil : input.site), "time": .string(Timestamp.format(millis: time)),
                "expectedGrams": .number(Double(figures.expected)), "exceptions": BatchHistory.json(exceptions),
                "credits": .array(certifiedOutput),
            ])
            let appended = try book.record(
                tx, kind: "batch", id: batchId, batchId: batchId, sourceTime: time, payload: payload, moves: debits + credits,
                contract: .massBalanceBatch, event: event)
            return [
                "batchId": .string(batchId), "status": .string(exceptions.isEmpty ? "reconciled" : "exception"),
                "exceptions": BatchHistory.json(exceptions), "certifiedOutput": .array(certifiedOutput),
                "outputs": .array(
                    split.map { o in
                        [
                            "material": .string(o.material), "certified": MassBook.mass(o.certified.reduce(0) { $0 + $1.grams }),
                            "conventional": MassBook.mass(o.conventional),
                        ]
                    }),
                "expected": MassBook.mass(figures.expected), "ledgerSeq": .number(Double(appended.seq)),
            ]
        }
    }

    /// A certified credit as answers and payloads show it.
    static func creditJSON(_ m: MassBook.Move) -> JSONValue {
        [
            "material": .string(m.key.material), "scheme": .string(m.key.scheme),
            "claim": m.key.claim.isEmpty ? .null : .string(m.key.claim),
            "mass": MassBook.mass(m.grams), "expiresAt": .optional(m.expiresAt.map { Timestamp.format(millis: $0) }),
        ]
    }
}
