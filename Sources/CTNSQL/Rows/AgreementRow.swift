import CTNLedger
import CTNModel
import CTNStore
import GRDB

package struct AgreementRow: RecordRow {
    package let record: AgreementRecord
    package init(row: Row) {
        let contracts: String = row["contracts"]
        let cn: String? = row["cn_codes"]
        var record = AgreementRecord(
            agreementId: row["agreement_id"], tenantId: row["tenant_id"], grantee: row["grantee"],
            scope: AgreementScope(rawValue: row["scope"]) ?? .lot,
            lotId: row["lot_id"], contracts: contracts.split(separator: ",").map(String.init), purpose: row["purpose"],
            expiresAt: row["expires_at"], createdAt: row["created_at"], revokedAt: row["revoked_at"], seq: row["seq"],
            transitive: row["transitive"])
        record.cnCodes = (cn ?? "").split(separator: ",").map(String.init)
        self.record = record
    }
}
