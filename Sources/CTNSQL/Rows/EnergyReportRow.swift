import CTNLedger
import CTNModel
import CTNStore
import GRDB

package struct EnergyReportRow: RecordRow {
    package let record: EnergyReportRecord
    package init(row: Row) {
        record = EnergyReportRecord(
            reportId: row["report_id"], tenantId: row["tenant_id"], periodStart: row["period_start"],
            periodEnd: row["period_end"], payload: row["payload"], seq: row["seq"])
    }
}
