import CTNModel
import CTNLedger
import CTNStore
import GRDB

/// A database row decoded, by column name, into one of the store's records. The records belong to
/// the interface module, so the SQLite decoding lives in these small wrappers instead of in
/// conformances of the records themselves.
protocol RecordRow: FetchableRecord {
    associatedtype Record
    var record: Record { get }
}

enum Columns {
    static let tenant = "tenant_id, business_id, created_at"
    static let token = "token_id, tenant_id, created_at, revoked_at"
    static let lot = "lot_id, tenant_id, declared_unit, status, created_at, material_co2, process_co2, completed, defects, total_co2, co2_per_unit, completed_at, completed_seq, shipped, completed_hash, version, statement, secondary_co2, certificate_count"
    static let equipment = "equipment_id, tenant_id, activity_unit, created_at"
    static let intensity = "equipment_id, version, value, unit, per_activity, valid_from, registered_at, report_id"
    static let materialUse = "use_id, lot_id, material_lot_id, category, quantity, unit, per_unit, per_unit_of, base_quantity, co2, source_time, seq, material_node, statement_version, intensity_source"
    static let equipmentUse = "use_id, lot_id, equipment_id, activity, unit, intensity, intensity_version, co2, source_time, seq"
    static let shipment = "shipment_id, lot_id, consignee, quantity, source_time, seq"
    static let energyReport = "report_id, tenant_id, period_start, period_end, payload, seq"
    static let remoteStatement = "node_id, lot_id, version, jws, co2_per_unit, declared_unit, fetched_at"
    static let agreement = "agreement_id, tenant_id, grantee, scope, lot_id, contracts, purpose, expires_at, created_at, revoked_at, seq, transitive"
    static let contribution = "lot_id, tenant_id, category, factor, contributed_at, seq"
    static let held = "tenant_id, node, lot_id, kind, content, obtained_at"
    static let usage = "owner_tenant, reader, contract, lot_id, basis, at"
    static let ledger = "seq, ledger_time, source_time, tenant_id, contract, event, payload, payload_hash, prev_hash, hash"
}

struct TenantRow: RecordRow {
    let record: TenantRecord
    init(row: Row) {
        record = TenantRecord(tenantId: row["tenant_id"], businessId: row["business_id"], createdAt: row["created_at"])
    }
}

struct TokenRow: RecordRow {
    let record: TokenRecord
    init(row: Row) {
        record = TokenRecord(tokenId: row["token_id"], tenantId: row["tenant_id"], createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }
}

struct LotRow: RecordRow {
    let record: LotRecord
    init(row: Row) {
        record = LotRecord(lotId: row["lot_id"], tenantId: row["tenant_id"], declaredUnit: row["declared_unit"], status: LotStatus(rawValue: row["status"]) ?? .open,
                           createdAt: row["created_at"], materialCO2: row["material_co2"], processCO2: row["process_co2"],
                           completed: row["completed"], defects: row["defects"], totalCO2: row["total_co2"], co2PerUnit: row["co2_per_unit"],
                           completedAt: row["completed_at"], completedSeq: row["completed_seq"], completedHash: row["completed_hash"],
                           shipped: row["shipped"], version: row["version"], statement: row["statement"], secondaryCO2: row["secondary_co2"],
                           certificateCount: row["certificate_count"])
    }
}

struct EquipmentRow: RecordRow {
    let record: EquipmentRecord
    init(row: Row) {
        record = EquipmentRecord(equipmentId: row["equipment_id"], tenantId: row["tenant_id"], activityUnit: row["activity_unit"],
                                 createdAt: row["created_at"])
    }
}

struct IntensityRow: RecordRow {
    let record: IntensityRecord
    init(row: Row) {
        record = IntensityRecord(equipmentId: row["equipment_id"], version: row["version"], value: row["value"], unit: row["unit"],
                                 perActivity: row["per_activity"], validFrom: row["valid_from"], registeredAt: row["registered_at"],
                                 reportId: row["report_id"])
    }
}

struct MaterialUseRow: RecordRow {
    let record: MaterialUseRecord
    init(row: Row) {
        record = MaterialUseRecord(useId: row["use_id"], lotId: row["lot_id"], materialLotId: row["material_lot_id"], category: row["category"],
                                   quantity: row["quantity"], unit: row["unit"], perUnit: row["per_unit"], perUnitOf: row["per_unit_of"],
                                   baseQuantity: row["base_quantity"], co2: row["co2"], sourceTime: row["source_time"], seq: row["seq"],
                                   materialNode: row["material_node"], statementVersion: row["statement_version"],
                                   intensitySource: row["intensity_source"])
    }
}

/// A material use resting on another node's lot: only which use, of which lot, and when.
struct RemoteMaterialUseRow: RecordRow {
    static let columns = "use_id, lot_id, material_lot_id, material_node, seq"
    let record: MaterialUseRecord
    init(row: Row) {
        record = MaterialUseRecord(useId: row["use_id"], lotId: row["lot_id"], materialLotId: row["material_lot_id"], category: nil,
                                   quantity: 0, unit: "", perUnit: 0, perUnitOf: "", baseQuantity: 0, co2: 0, sourceTime: 0,
                                   seq: row["seq"], materialNode: row["material_node"])
    }
}

struct EquipmentUseRow: RecordRow {
    let record: EquipmentUseRecord
    init(row: Row) {
        record = EquipmentUseRecord(useId: row["use_id"], lotId: row["lot_id"], equipmentId: row["equipment_id"], activity: row["activity"],
                                    unit: row["unit"], intensity: row["intensity"], intensityVersion: row["intensity_version"], co2: row["co2"],
                                    sourceTime: row["source_time"], seq: row["seq"])
    }
}

struct ShipmentRow: RecordRow {
    let record: ShipmentRecord
    init(row: Row) {
        record = ShipmentRecord(shipmentId: row["shipment_id"], lotId: row["lot_id"], consignee: row["consignee"], quantity: row["quantity"],
                                sourceTime: row["source_time"], seq: row["seq"])
    }
}

struct EnergyReportRow: RecordRow {
    let record: EnergyReportRecord
    init(row: Row) {
        record = EnergyReportRecord(reportId: row["report_id"], tenantId: row["tenant_id"], periodStart: row["period_start"],
                                    periodEnd: row["period_end"], payload: row["payload"], seq: row["seq"])
    }
}

struct RemoteStatementRow: RecordRow {
    let record: RemoteStatementRecord
    init(row: Row) {
        record = RemoteStatementRecord(nodeId: row["node_id"], lotId: row["lot_id"], version: row["version"], jws: row["jws"],
                                       co2PerUnit: row["co2_per_unit"], declaredUnit: row["declared_unit"], fetchedAt: row["fetched_at"])
    }
}

struct AgreementRow: RecordRow {
    let record: AgreementRecord
    init(row: Row) {
        let contracts: String = row["contracts"]
        record = AgreementRecord(agreementId: row["agreement_id"], tenantId: row["tenant_id"], grantee: row["grantee"], scope: AgreementScope(rawValue: row["scope"]) ?? .lot,
                                 lotId: row["lot_id"], contracts: contracts.split(separator: ",").map(String.init), purpose: row["purpose"],
                                 expiresAt: row["expires_at"], createdAt: row["created_at"], revokedAt: row["revoked_at"], seq: row["seq"],
                                 transitive: row["transitive"])
    }
}

struct ContributionRow: RecordRow {
    let record: ContributionRecord
    init(row: Row) {
        record = ContributionRecord(lotId: row["lot_id"], tenantId: row["tenant_id"], category: row["category"], factor: row["factor"],
                                    contributedAt: row["contributed_at"], seq: row["seq"])
    }
}

/// Columns `tenant_id`, `value` and `completed_at` of a contribution joined with its lot.
struct ContributedValueRow: RecordRow {
    let record: ContributedValue
    init(row: Row) {
        record = ContributedValue(tenantId: row["tenant_id"], value: row["value"], completedAt: row["completed_at"])
    }
}

struct HeldRow: RecordRow {
    let record: HeldRecord
    init(row: Row) {
        record = HeldRecord(tenantId: row["tenant_id"], node: row["node"], lotId: row["lot_id"], kind: row["kind"], content: row["content"],
                            obtainedAt: row["obtained_at"])
    }
}

struct UsageRow: RecordRow {
    let record: UsageRecord
    init(row: Row) {
        record = UsageRecord(ownerTenant: row["owner_tenant"], reader: row["reader"], contract: row["contract"], lotId: row["lot_id"],
                             basis: row["basis"], at: row["at"])
    }
}

struct LedgerEventRow: RecordRow {
    let record: LedgerEvent
    init(row: Row) {
        record = LedgerEvent(seq: row["seq"], ledgerTime: row["ledger_time"], sourceTime: row["source_time"], tenantId: row["tenant_id"],
                             contract: row["contract"], event: row["event"], payload: row["payload"], payloadHash: row["payload_hash"],
                             prevHash: row["prev_hash"], hash: row["hash"])
    }
}

struct SignedHeadRow: RecordRow {
    let record: SignedHead
    init(row: Row) {
        record = SignedHead(seq: row["seq"], hash: row["hash"], signature: row["signature"])
    }
}

/// The last event's `seq` and `hash`: where the chain goes on from.
struct LedgerTipRow: FetchableRecord {
    let seq: Int64
    let hash: String
    init(row: Row) {
        seq = row["seq"]
        hash = row["hash"]
    }
}
