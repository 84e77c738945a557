import CTNLedger
import CTNMassBalance
import CTNModel
import CTNStore

/// Corrections (explicit pool adjustments and restated figures), SCADA and edge attestations
/// (confirm or raise, never move a pool) and utility attestations (attached to batches or the period).
extension ContractService {
    func massBalanceCorrection(_ input: MassBalanceCorrectionInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let time = try Self.sourceTime(input.time, now: now)
        let book = MassBook(tenant: tenant, units: engine.units, now: now)
        var adjust: [(line: PoolLine, grams: Int64)] = []
        for a in input.adjustments { adjust.append((a, try book.grams(a.mass))) }
        var restated: [BatchHistory.Line]?
        if let inputs = input.inputs {
            var lines: [BatchHistory.Line] = []
            for l in inputs {
                lines.append(
                    BatchHistory.Line(l, grams: try book.positiveGrams(l.mass)))
            }
            restated = lines
        }
        var made: [(material: String, grams: Int64)]?
        if let outputs = input.outputs {
            var list: [(material: String, grams: Int64)] = []
            for o in outputs { list.append((o.material, try book.positiveGrams(o.mass))) }
            made = list
        }
        let losses = try input.losses.map { m throws(Problem) in try book.grams(m) }
        let (adjustments, inputs, outputs) = (adjust, restated, made)
        let correctionId = minter.mint(tenant: tenant.tenantId, kind: "mb-correction").hex
        let event = try event(.massBalanceCorrection)
        return try await store.write { tx in
            var batch = try BatchHistory.load(tx, input.batchId, tenant: tenant)
            try book.seal(tx)
            if let inputs { batch.inputs = inputs }
            if let outputs { batch.outputs = outputs }
            if let losses { batch.losses = losses }
            let exceptions = Reconciliation.check(batch.figures)
            let outputMaterials = Set(batch.outputs.map(\.material))
            let moves = adjustments.enumerated().map { i, a in
                MassBook.Move(
                    key: PoolKey(
                        site: batch.site, material: a.line.material, kind: a.line.pool == "certified" ? .certified : .conventional,
                        scheme: a.line.scheme, claim: a.line.claim),
                    grams: a.grams, batchId: outputMaterials.contains(a.line.material) ? input.batchId : nil,
                    field: "adjustments[\(i)].mass")
            }
            _ = try book.check(tx, moves, time: time, seq: tx.nextSeq)
            let payload = JSONObject([
                "batchId": .string(input.batchId), "reason": .string(input.reason),
                "adjustments": .array(adjustments.map { BatchHistory.Line($0.line, grams: $0.grams).json }),
                "inputs": inputs.map { .array($0.map(\.json)) } ?? .null,
                "outputs": outputs.map { BatchHistory.json(outputs: $0) }
                    ?? .null,
                "lossesGrams": .optional(losses.map { Double($0) }), "time": .string(Timestamp.format(millis: time)),
                "exceptions": BatchHistory.json(exceptions),
            ])
            let appended = try book.record(
                tx, kind: "correction", id: correctionId, batchId: input.batchId, sourceTime: time, payload: payload, moves: moves,
                contract: .massBalanceCorrection, event: event)
            let status = BatchStatus.derive(batch.steps + [.corrected(exceptions)])
            return [
                "correctionId": .string(correctionId), "batchId": .string(input.batchId), "status": .string(status.status.rawValue),
                "exceptions": BatchHistory.json(exceptions), "ledgerSeq": .number(Double(appended.seq)),
            ]
        }
    }

    /// How far a source's clock may be off the node's before an attestation raises `time_drift`.
    static let maxDriftMillis: Int64 = 5 * 60 * 1000

    func massBalanceAttestation(_ input: MassBalanceAttestationInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let book = MassBook(tenant: tenant, units: engine.units, now: now)
        var read: [(material: String, grams: Int64)] = []
        for m in input.measured { read.append((m.material, try book.grams(m.mass))) }
        let measured = read
        let attestationId = minter.mint(tenant: tenant.tenantId, kind: "mb-attestation").hex
        let event = try event(.massBalanceAttestation)
        return try await store.write { tx in
            let batch = try BatchHistory.load(tx, input.batchId, tenant: tenant)
            try book.seal(tx)
            var raised: [BatchException] = []
            let drift = input.sourceTime - now
            if abs(drift) > Self.maxDriftMillis {
                raised.append(
                    BatchException(
                        .timeDrift, "the source's time is \(drift / 1000) s off the node's, more than \(Self.maxDriftMillis / 1000) s"))
            }
            let span = batch.span
            if span.start < input.window.start || span.end > input.window.end {
                raised.append(
                    BatchException(
                        .windowMismatch,
                        "the batch ran \(Timestamp.format(millis: span.start)) to \(Timestamp.format(millis: span.end)), outside the attested window"
                    ))
            }
            for d in input.devices {
                if d.validUntil < input.window.end || (d.calibratedAt.map { $0 > input.window.start } ?? false) {
                    raised.append(
                        BatchException(
                            .calibrationInvalid,
                            "device \(d.device): its calibration does not cover the window (valid until \(Timestamp.format(millis: d.validUntil)))"
                        ))
                }
            }
            for (i, m) in measured.enumerated() {
                let taken = batch.inputs.filter { $0.material == m.material }.reduce(Int64(0)) { $0 + $1.grams }
                let made = batch.outputs.filter { $0.material == m.material }.reduce(Int64(0)) { $0 + $1.grams }
                guard taken > 0 || made > 0 else {
                    throw Problem.invalidValue("measured[\(i)].material", "the batch neither takes nor makes \(m.material)")
                }
                if let e = Reconciliation.measured(
                    m.material, measured: m.grams, declared: taken > 0 ? taken : made, tolerance: batch.tolerance)
                {
                    raised.append(e)
                }
            }
            let payload = JSONObject([
                "batchId": .string(input.batchId), "level": .string(input.level), "window": input.window.json,
                "sourceTime": .string(Timestamp.format(millis: input.sourceTime)),
                "measured": .array(measured.map { ["material": .string($0.material), "grams": .number(Double($0.grams))] }),
                "devices": .array(
                    input.devices.map { d in
                        [
                            "device": .string(d.device), "calibratedAt": .optional(d.calibratedAt.map { Timestamp.format(millis: $0) }),
                            "calibrationValidUntil": .string(Timestamp.format(millis: d.validUntil)),
                        ]
                    }),
                "proof": .optional(input.proof), "result": .string(raised.isEmpty ? "confirmed" : "exception"),
                "exceptions": BatchHistory.json(raised),
            ])
            let appended = try book.record(
                tx, kind: "attestation", id: attestationId, batchId: input.batchId, sourceTime: input.sourceTime, payload: payload,
                moves: [],
                contract: .massBalanceAttestation, event: event)
            let status = BatchStatus.derive(batch.steps + [.attested(raised)])
            return [
                "attestationId": .string(attestationId), "batchId": .string(input.batchId),
                "result": .string(raised.isEmpty ? "confirmed" : "exception"), "exceptions": BatchHistory.json(raised),
                "status": .string(status.status.rawValue), "ledgerSeq": .number(Double(appended.seq)),
            ]
        }
    }

    func massBalanceUtility(_ input: MassBalanceUtilityInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let time = try Self.sourceTime(input.sourceTime, now: now)
        guard let method = UtilityAllocation.Method(rawValue: input.method) else { throw Problem.invalidValue("method", "is not a method") }
        guard dictionaries.energyTypes[input.energyType] != nil else {
            throw Problem(
                status: 422, code: "unknown_energy_type", title: "Unknown energy type",
                detail: "\(input.energyType) is not in the energy-type dictionary", field: "energyType")
        }
        guard dictionaries.unit(input.unit) != nil else {
            throw Problem(
                status: 422, code: "unknown_unit", title: "Unknown unit", detail: "\(input.unit) is not in the unit dictionary",
                field: "quantity.unit")
        }
        let book = MassBook(tenant: tenant, units: engine.units, now: now)
        let attestationId = minter.mint(tenant: tenant.tenantId, kind: "mb-utility").hex
        let event = try event(.massBalanceUtility)
        return try await store.write { tx in
            var batches: [UtilityAllocation.Batch] = []
            for (i, id) in input.batchIds.enumerated() {
                let b = try BatchHistory.load(tx, id, tenant: tenant, field: "batchIds[\(i)]")
                if method == .timeWeighted, b.window == nil {
                    throw Problem.invalidValue("batchIds[\(i)]", "batch \(id) has no window to weigh by time")
                }
                batches.append(UtilityAllocation.Batch(outputGrams: b.figures.outputs, start: b.span.start, end: b.span.end))
            }
            var allocations: [JSONValue] = []
            if !batches.isEmpty {
                guard let shares = UtilityAllocation.shares(batches, method: method, window: (input.window.start, input.window.end)) else {
                    throw Problem.invalidValue("method", "\(method.rawValue) finds nothing to weigh the batches by in this window")
                }
                allocations = zip(input.batchIds, shares).map { id, share in
                    [
                        "batchId": .string(id), "share": .number(share),
                        "quantity": ["value": .number(input.value * share), "unit": .string(input.unit)],
                    ]
                }
            }
            try book.seal(tx)
            let quantity: JSONValue = ["value": .number(input.value), "unit": .string(input.unit)]
            let payload = JSONObject([
                "energyType": .string(input.energyType), "quantity": quantity, "window": input.window.json,
                "method": .string(method.rawValue),
                "allocations": .array(allocations), "time": .string(Timestamp.format(millis: time)),
            ])
            let appended = try book.record(
                tx, kind: "utility", id: attestationId, batchId: nil, sourceTime: time, payload: payload, moves: [],
                contract: .massBalanceUtility,
                event: event)
            return [
                "attestationId": .string(attestationId), "energyType": .string(input.energyType), "quantity": quantity,
                "method": .string(method.rawValue), "allocations": .array(allocations), "ledgerSeq": .number(Double(appended.seq)),
            ]
        }
    }
}
