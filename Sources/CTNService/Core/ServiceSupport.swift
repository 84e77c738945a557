import CTNEngine
import CTNModel
import CTNStore

/// Checks every room shares: ownership (404 exactly as if absent), lot states, source times and
/// the translation of engine errors into problems.
extension ContractService {
    /// The owner's lot, or 404 exactly as if it did not exist.
    static func ownLot(_ tx: any StoreReading, _ lotId: String, _ tenant: TenantRecord, field: String = "lotId") throws -> LotRecord {
        guard let lot = try tx.lot(lotId), lot.tenantId == tenant.tenantId else { throw Problem.notFound("lot \(lotId)", field: field) }
        return lot
    }

    /// The owner's equipment, or 404 exactly as if it did not exist.
    static func ownEquipment(_ tx: any StoreReading, _ id: String, _ tenant: TenantRecord, field: String) throws -> EquipmentRecord {
        guard let equipment = try tx.equipment(id), equipment.tenantId == tenant.tenantId else {
            throw Problem.notFound("equipment \(id)", field: field)
        }
        return equipment
    }

    /// Refuses uses of a lot that is no longer open.
    static func requireOpen(_ lot: LotRecord) throws(Problem) {
        guard lot.status == .open else {
            throw Problem.conflict("lot_completed", "lot \(lot.lotId) is completed and closed to further use", field: "lotId")
        }
    }

    /// When a push happened at its source: the time given (at most a few minutes ahead), or now.
    static func sourceTime(_ given: Int64?, now: Int64) throws(Problem) -> Int64 {
        guard let given else { return now }
        if given > now + maxFutureSkewMillis { throw Problem.invalidValue("time", "lies in the future") }
        return given
    }

    /// An engine error as the problem the caller sees, naming the field it came from.
    static func problem(_ error: EngineError, field: String? = nil, title: String = "Cannot compute") -> Problem {
        Problem(status: 422, code: error.code, title: title, detail: error.message, field: field)
    }

    /// Runs an engine computation, turning its errors into problems naming `field`.
    static func computing<T>(field: String?, title: String = "Cannot compute", _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as EngineError {
            throw problem(error, field: field, title: title)
        }
    }

    /// A business reference as stored: bare for a business on this node, `<id>@<node>` otherwise.
    func storedBusiness(_ ref: BusinessRef) -> String {
        ref.nodeId == nil || ref.nodeId == nodeId ? ref.businessId.hex : ref.description
    }

    /// The calling business as other nodes know it: `<businessId>@<this node>`.
    func acting(_ tenant: TenantRecord) -> String { "\(tenant.businessId)@\(nodeId)" }

    /// Logs reads by businesses other than the owner, durably, before the data is handed out.
    func logUsage(_ entries: [UsageRecord]) async throws {
        guard !entries.isEmpty else { return }
        try await store.write { tx in try tx.insertUsage(entries) }
    }
}
