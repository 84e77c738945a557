import CTNCarbon
import CTNEngine
import CTNLedger
import CTNModel
import CTNStore

/// Site Calculation, Period Lock, Period Restatement, Period Snapshot Enquiry and Period Diff: the
/// site carbon engine's results made to count. A lock keeps the period as an immutable snapshot
/// (its content hash in the ledger) and feeds its total to equipment intensities; a restatement
/// adds a snapshot pointing at its parent and corrects every lot that used the parent's intensities.
extension ContractService {
    func calculate(_ input: CalculationInput, caller: Caller) async throws -> JSONValue {
        _ = try caller.requireTenant()
        return try CalculationDocument(input.document).calculate()
    }

    func lockPeriod(_ input: PeriodLockInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let (document, report, result) = try Self.ready(input.calculation, override: input.override)
        let now = clock.nowMillis()
        let snapshotId = minter.mint(tenant: tenant.tenantId, kind: "site-snapshot").hex
        let validFrom = input.validFrom ?? document.periodStart
        let allocator = PeriodAllocator(units: engine.units, tenant: tenant, snapshotId: snapshotId, validFrom: validFrom, now: now)
        let event = try event(.periodLock)
        let intensityEvent = try self.event(.equipmentIntensityRegistration)
        return try await store.write { tx in
            guard
                try tx.snapshots(
                    tenantId: tenant.tenantId, site: document.site, periodStart: document.periodStart, periodEnd: document.periodEnd
                )
                .isEmpty
            else {
                throw Problem.conflict(
                    "period_locked", "site \(document.site) is already locked for this period: restate its latest snapshot instead",
                    field: "calculation.period")
            }
            let intensities = try allocator.intensities(
                tx, input.allocation, total: result.total, shares: Self.shares(result), field: "allocation")
            let snapshot = PeriodSnapshot(
                snapshotId: snapshotId, document: document, body: input.calculation.body, result: result, findings: report.findings,
                override: input.override, allocation: input.allocation, intensities: intensities, validFrom: validFrom, lockedAt: now,
                version: 1, parentId: nil, reason: nil)
            return try Self.keep(snapshot, tx, tenant: tenant, event: event, intensityEvent: intensityEvent, contract: .periodLock)
        }
    }

    func restatePeriod(_ input: PeriodRestatementInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let (document, report, result) = try Self.ready(input.calculation, override: input.override)
        let now = clock.nowMillis()
        let snapshotId = minter.mint(tenant: tenant.tenantId, kind: "site-snapshot").hex
        let (units, engine, nodeId, signer) = (engine.units, self.engine, self.nodeId, statements)
        let event = try event(.periodRestatement)
        let intensityEvent = try self.event(.equipmentIntensityRegistration)
        let correctionEvent = try self.event(.lotCorrection)
        let pactEvent = try self.event(.pactPublication)
        return try await store.write { tx in
            guard let parent = try tx.snapshot(input.snapshotId), parent.tenantId == tenant.tenantId else {
                throw Problem.notFound("snapshot \(input.snapshotId)", field: "snapshotId")
            }
            guard document.site == parent.site else {
                throw Problem.invalidValue("calculation.site", "is not the snapshot's site \(parent.site)")
            }
            guard document.periodStart == parent.periodStart, document.periodEnd == parent.periodEnd else {
                throw Problem.invalidValue("calculation.period", "is not the snapshot's period")
            }
            let history = try tx.snapshots(
                tenantId: tenant.tenantId, site: parent.site, periodStart: parent.periodStart, periodEnd: parent.periodEnd)
            if let latest = history.last, latest.snapshotId != parent.snapshotId {
                throw Problem.conflict(
                    "snapshot_superseded", "snapshot \(parent.snapshotId) was restated as \(latest.snapshotId): restate that one",
                    field: "snapshotId")
            }
            let old = PeriodSnapshot.Stored(parent)
            let allocation = input.allocation ?? old.allocation
            let allocator = PeriodAllocator(units: units, tenant: tenant, snapshotId: snapshotId, validFrom: old.validFrom, now: now)
            let intensities = try allocator.intensities(
                tx, allocation, total: result.total, shares: Self.shares(result),
                field: input.allocation == nil ? "snapshotId" : "allocation")
            let snapshot = PeriodSnapshot(
                snapshotId: snapshotId, document: document, body: input.calculation.body, result: result, findings: report.findings,
                override: input.override, allocation: allocation, intensities: intensities, validFrom: old.validFrom, lockedAt: now,
                version: parent.version + 1, parentId: parent.snapshotId, reason: input.reason)
            var answer = try Self.keep(
                snapshot, tx, tenant: tenant, event: event, intensityEvent: intensityEvent, contract: .periodRestatement)
            let corrector = PeriodCorrector(
                engine: engine, nodeId: nodeId, signer: signer, tenant: tenant, event: correctionEvent, pactEvent: pactEvent, now: now,
                reason: "restatement of site period snapshot \(parent.snapshotId) as \(snapshotId): \(input.reason)")
            let corrected = try corrector.correct(tx, old: old.intensities, new: intensities.map(\.record))
            if case .object(var o) = answer {
                o["correctedLots"] = .array(corrected)
                answer = .object(o)
            }
            return answer
        }
    }

    func snapshotEnquiry(_ input: PeriodSnapshotEnquiryInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        return try await store.read { tx in
            guard let s = try tx.snapshot(input.snapshotId), s.tenantId == tenant.tenantId else {
                throw Problem.notFound("snapshot \(input.snapshotId)", field: "snapshotId")
            }
            let history = try tx.snapshots(tenantId: tenant.tenantId, site: s.site, periodStart: s.periodStart, periodEnd: s.periodEnd)
            return PeriodSnapshot.view(s, history: history)
        }
    }

    func periodDiff(_ input: PeriodDiffInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        return try await store.read { tx in
            guard let s = try tx.snapshot(input.snapshotId), s.tenantId == tenant.tenantId else {
                throw Problem.notFound("snapshot \(input.snapshotId)", field: "snapshotId")
            }
            guard let parentId = s.parentId, let parent = try tx.snapshot(parentId) else {
                throw Problem.conflict(
                    "no_parent", "snapshot \(s.snapshotId) is the period's first lock: it has no parent", field: "snapshotId")
            }
            return PeriodDiff.json(PeriodSnapshot.Stored(parent), PeriodSnapshot.Stored(s))
        }
    }

    /// The document read, calculated and through the readiness gate.
    static func ready(
        _ calculation: ValidatedRequest, override: ReadinessOverride?
    ) throws(Problem) -> (CalculationDocument, Readiness.Report, Calculation.Result) {
        let document = try CalculationDocument(calculation)
        let report = try document.readiness()
        try PeriodGate.check(report, override: override)
        guard let result = report.result else { throw Problem.invalidValue("calculation", "gives no result") }
        return (document, report, result)
    }

    /// The evidence shares of a result, by tier name.
    static func shares(_ result: Calculation.Result) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: result.evidenceBreakdown.map { ($0.key.rawValue, $0.value) })
    }

    /// Stores a snapshot with its ledger events (the lock or restatement, then each intensity).
    static func keep(
        _ snapshot: PeriodSnapshot, _ tx: any StoreWriting, tenant: TenantRecord, event: String, intensityEvent: String,
        contract: ContractID
    ) throws -> JSONValue {
        let payload = snapshot.payload
        let text = CanonicalJSON.encode(payload)
        let hash = LedgerHashing.sha256Hex(text)
        let appended = try tx.appendLedger(
            tenantId: tenant.tenantId, contract: contract.rawValue, event: event, sourceTime: snapshot.document.periodEnd,
            payload: snapshot.ledgerPayload(contentHash: hash))
        let record = SnapshotRecord(
            snapshotId: snapshot.snapshotId, tenantId: tenant.tenantId, site: snapshot.document.site,
            periodStart: snapshot.document.periodStart, periodEnd: snapshot.document.periodEnd, version: snapshot.version,
            parentId: snapshot.parentId, contentHash: hash, payload: text, seq: appended.seq, lockedAt: snapshot.lockedAt)
        try tx.insertSnapshot(record)
        for (intensity, activityUnit) in snapshot.intensities {
            _ = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: ContractID.equipmentIntensityRegistration.rawValue, event: intensityEvent,
                sourceTime: snapshot.lockedAt, payload: Views.intensity(intensity, activityUnit: activityUnit))
        }
        return PeriodSnapshot.view(record, history: [])
    }
}
