import CTNLedger
import CTNModel
import CTNStore
import GRDB

package struct LotRow: RecordRow {
    package var record: LotRecord
    package init(row: Row) {
        record = LotRecord(
            lotId: row["lot_id"], tenantId: row["tenant_id"], declaredUnit: row["declared_unit"],
            status: LotStatus(rawValue: row["status"]) ?? .open,
            createdAt: row["created_at"], materialCO2: row["material_co2"], processCO2: row["process_co2"],
            completed: row["completed"], defects: row["defects"], totalCO2: row["total_co2"], co2PerUnit: row["co2_per_unit"],
            completedAt: row["completed_at"], completedSeq: row["completed_seq"], completedHash: row["completed_hash"],
            shipped: row["shipped"], version: row["version"], statement: row["statement"], secondaryCO2: row["secondary_co2"],
            certificateCount: row["certificate_count"])
        record.uncertainty = row["uncertainty"]
        record.unquantifiedShare = row["unquantified_share"]
        record.evidence = row["evidence"]
        record.certified = row["certified"]
        record.logLeaf = row["log_leaf"]
    }
}
