import CTNCarbon
import CTNLedger
import CTNModel
import CTNStore

/// What a lock keeps: the document as given, the result with its findings, the override and
/// the allocation, and the intensities registered from it, as one canonical JSON whose SHA-256
/// is the snapshot's content hash.
struct PeriodSnapshot {
    var snapshotId: String
    var document: CalculationDocument
    var body: JSONObject
    var result: Calculation.Result
    var findings: [Finding]
    var override: ReadinessOverride?
    var allocation: PeriodAllocation
    var intensities: [(record: IntensityRecord, activityUnit: String)]
    var validFrom: Int64
    var lockedAt: Int64
    var version: Int64
    var parentId: String?
    var reason: String?

    var payload: JSONValue {
        [
            "snapshotId": .string(snapshotId), "site": .string(document.site),
            "period": [
                "start": .string(Timestamp.format(millis: document.periodStart)),
                "end": .string(Timestamp.format(millis: document.periodEnd)),
            ],
            "version": .number(Double(version)), "parentSnapshotId": .optional(parentId), "reason": .optional(reason),
            "lockedAt": .string(Timestamp.format(millis: lockedAt)), "validFrom": .string(Timestamp.format(millis: validFrom)),
            "calculation": .object(body), "result": CalculationView.json(document, result, findings: findings),
            "findings": .array(findings.map(CalculationView.finding)), "override": override?.json ?? .null,
            "allocation": allocation.json,
            "intensities": .array(intensities.map { Views.intensity($0.record, activityUnit: $0.activityUnit) }),
        ]
    }

    /// The ledger event: the snapshot's identity, its content hash and what it registered.
    func ledgerPayload(contentHash: String) -> JSONValue {
        [
            "snapshotId": .string(snapshotId), "site": .string(document.site),
            "periodStart": .string(Timestamp.format(millis: document.periodStart)),
            "periodEnd": .string(Timestamp.format(millis: document.periodEnd)), "version": .number(Double(version)),
            "parentSnapshotId": .optional(parentId), "reason": .optional(reason), "contentHash": .string(contentHash),
            "total": .number(result.total.value), "totalUnit": "t-CO2e", "override": override?.json ?? .null,
            "intensities": .array(
                intensities.map { ["equipmentId": .string($0.record.equipmentId), "version": .number(Double($0.record.version))] }),
        ]
    }

    /// A kept snapshot read back: what a restatement and a diff need of it.
    struct Stored {
        var record: SnapshotRecord
        var json: JSONValue
        var allocation: PeriodAllocation
        var validFrom: Int64
        /// (equipment, intensity version) registered from the snapshot.
        var intensities: [(equipmentId: String, version: Int64)]

        init(_ record: SnapshotRecord) {
            self.record = record
            json = (try? JSONParser.parse(Array(record.payload.utf8))) ?? .null
            allocation = PeriodAllocation(
                items: (json["allocation"]?.arrayValue ?? []).compactMap { i in
                    guard let id = i["equipmentId"]?.stringValue, let a = i["activity"]?.numberValue, let u = i["unit"]?.stringValue else {
                        return nil
                    }
                    return PeriodAllocation.Item(
                        equipmentId: id, activity: a, unit: u, performance: i["performance"]?.numberValue ?? 1,
                        share: i["share"]?.numberValue)
                })
            validFrom = json["validFrom"]?.stringValue.flatMap(Timestamp.parseMillis) ?? record.periodStart
            intensities = (json["intensities"]?.arrayValue ?? []).compactMap { i in
                guard let id = i["equipmentId"]?.stringValue, let v = i["version"]?.numberValue.flatMap({ Int64(exactly: $0) }) else {
                    return nil
                }
                return (id, v)
            }
        }
    }

    /// The snapshot as answered: as locked, with its hash checked again, and the period's history.
    static func view(_ s: SnapshotRecord, history: [SnapshotRecord]) -> JSONValue {
        var o = (try? JSONParser.parse(Array(s.payload.utf8)))?.objectValue ?? JSONObject()
        o["contentHash"] = .string(s.contentHash)
        o["contentHashVerified"] = .bool(LedgerHashing.sha256Hex(s.payload) == s.contentHash)
        o["ledgerSeq"] = .number(Double(s.seq))
        if !history.isEmpty {
            o["supersededBy"] = .optional(history.first { $0.version == s.version + 1 }?.snapshotId)
            o["history"] = .array(
                history.map { h in
                    [
                        "snapshotId": .string(h.snapshotId), "version": .number(Double(h.version)),
                        "parentSnapshotId": .optional(h.parentId),
                        "contentHash": .string(h.contentHash), "lockedAt": .string(Timestamp.format(millis: h.lockedAt)),
                    ]
                })
        }
        return .object(o)
    }
}
