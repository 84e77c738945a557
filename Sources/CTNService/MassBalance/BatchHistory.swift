import CTNMassBalance
import CTNModel
import CTNStore

/// A batch as its events tell it: the declaration, then each correction and attestation in
/// ledger order. Its current figures are the declaration's, as the latest correction restated them.
struct BatchHistory {
    /// An input line as stored: a pool and grams.
    struct Line: Equatable {
        var material: String
        var pool: String
        var scheme: String
        var claim: String
        var grams: Int64

        func key(site: String) -> PoolKey {
            PoolKey(site: site, material: material, kind: pool == "certified" ? .certified : .conventional, scheme: scheme, claim: claim)
        }
        var json: JSONValue {
            [
                "material": .string(material), "pool": .string(pool), "scheme": scheme.isEmpty ? .null : .string(scheme),
                "claim": claim.isEmpty ? .null : .string(claim), "grams": .number(Double(grams)),
            ]
        }
        init(material: String, pool: String, scheme: String, claim: String, grams: Int64) {
            (self.material, self.pool, self.scheme, self.claim, self.grams) = (material, pool, scheme, claim, grams)
        }
        /// A stated line in grams.
        init(_ line: PoolLine, grams: Int64) {
            self.init(material: line.material, pool: line.pool, scheme: line.scheme, claim: line.claim, grams: grams)
        }
        init(_ v: JSONValue) {
            self.init(
                material: v["material"]?.stringValue ?? "", pool: v["pool"]?.stringValue ?? "conventional",
                scheme: v["scheme"]?.stringValue ?? "", claim: v["claim"]?.stringValue ?? "",
                grams: Grams.clamped(v["grams"]?.numberValue ?? 0))
        }
    }

    let batchId: String
    let events: [MassBalanceEventRecord]
    let payloads: [JSONValue]
    var site: String
    var inputs: [Line]
    var outputs: [(material: String, grams: Int64)]
    var losses: Int64?
    var factor: Double
    var tolerance: Double
    var window: TimeWindow?
    var time: Int64

    /// The tenant's batch, or 404 exactly as if it did not exist.
    static func load(_ tx: any StoreReading, _ batchId: String, tenant: TenantRecord, field: String = "batchId") throws -> BatchHistory {
        guard let batch = try tx.massBalanceEvent(batchId), batch.kind == "batch", batch.tenantId == tenant.tenantId else {
            throw Problem.notFound("batch \(batchId)", field: field)
        }
        let events = try tx.massBalanceEvents(tenantId: tenant.tenantId, batchId: batchId)
        return BatchHistory(batchId: batchId, events: events)
    }

    init(batchId: String, events: [MassBalanceEventRecord]) {
        self.batchId = batchId
        self.events = events
        payloads = events.map { (try? JSONParser.parse(Array($0.payload.utf8))) ?? .null }
        let first = payloads.first ?? .null
        site = first["site"]?.stringValue ?? ""
        factor = first["conversionFactor"]?.numberValue ?? 1
        tolerance = first["tolerance"]?.numberValue ?? 0
        time = events.first?.sourceTime ?? 0
        window = first["window"].flatMap { w in
            guard let s = w["start"]?.stringValue.flatMap(Timestamp.parseMillis),
                let e = w["end"]?.stringValue.flatMap(Timestamp.parseMillis)
            else { return nil }
            return TimeWindow(start: s, end: e)
        }
        inputs = []
        outputs = []
        for p in payloads where p["kind"] == "batch" || p["kind"] == "correction" {
            if let i = p["inputs"]?.arrayValue { inputs = i.map(Line.init) }
            if let o = p["outputs"]?.arrayValue {
                outputs = o.map { ($0["material"]?.stringValue ?? "", Grams.clamped($0["grams"]?.numberValue ?? 0)) }
            }
            if let l = p["lossesGrams"]?.numberValue { losses = Grams.clamped(l) }
        }
    }

    /// The batch's steps and the exceptions each raised.
    var steps: [BatchStatus.Step] {
        payloads.compactMap { p in
            let raised = Self.exceptions(p["exceptions"])
            switch p["kind"]?.stringValue {
            case "batch": return .declared(raised)
            case "correction": return .corrected(raised)
            case "attestation": return .attested(raised)
            default: return nil
            }
        }
    }

    /// The batch's steps as kept (utility attestations name batches but are not steps of them).
    var stepPayloads: [JSONValue] { payloads.filter { ["batch", "correction", "attestation"].contains($0["kind"]?.stringValue ?? "") } }

    var status: (status: BatchStatus, exceptions: [BatchStatus.Record]) { BatchStatus.derive(steps) }

    /// The current figures, reconciled.
    var figures: Reconciliation.Figures {
        Reconciliation.Figures(
            inputs: inputs.reduce(0) { $0 + $1.grams }, outputs: outputs.reduce(0) { $0 + $1.grams }, losses: losses, factor: factor,
            tolerance: tolerance)
    }

    /// When the batch ran: its window, or the instant its pools moved.
    var span: TimeWindow { window ?? TimeWindow(start: time, end: time) }

    static func exceptions(_ v: JSONValue?) -> [BatchException] {
        (v?.arrayValue ?? []).compactMap { e in
            e["code"]?.stringValue.flatMap(BatchException.Code.init(rawValue:)).map { BatchException($0, e["detail"]?.stringValue ?? "") }
        }
    }

    /// Outputs as payloads keep them.
    static func json(outputs: [(material: String, grams: Int64)]) -> JSONValue {
        .array(outputs.map { ["material": .string($0.material), "grams": .number(Double($0.grams))] })
    }

    static func json(_ exceptions: [BatchException]) -> JSONValue {
        .array(exceptions.map { ["code": .string($0.code.rawValue), "detail": .string($0.detail)] })
    }
}
