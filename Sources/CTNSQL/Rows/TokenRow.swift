import CTNLedger
import CTNModel
import CTNStore
import GRDB

package struct TokenRow: RecordRow {
    package let record: TokenRecord
    package init(row: Row) {
        record = TokenRecord(
            tokenId: row["token_id"], tenantId: row["tenant_id"], createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }
}
