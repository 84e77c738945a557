import CTNModel
import CTNStore
import GRDB

/// PACT rows: lists of URNs are kept as JSON arrays of strings.
package enum PACTRows {
    package static func strings(_ text: String) -> [String] {
        (try? JSONParser.parse(Array(text.utf8)))?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    package static func text(_ strings: [String]) -> String { CanonicalJSON.encode(.array(strings.map { .string($0) })) }

    package static let footprintColumns =
        "footprint_id, tenant_id, lot_id, lot_version, product_name, product_description, product_ids, product_category_cpc, created_at, status, preceding_ids, declared_unit, co2_per_unit, primary_data_share, period_start, period_end"

    package static func footprint(_ row: Row) -> PACTFootprintRecord {
        PACTFootprintRecord(
            footprintId: row["footprint_id"], tenantId: row["tenant_id"], lotId: row["lot_id"], lotVersion: row["lot_version"],
            productName: row["product_name"], productDescription: row["product_description"], productIds: strings(row["product_ids"]),
            productCategoryCpc: row["product_category_cpc"], createdAt: row["created_at"], status: row["status"],
            precedingIds: strings(row["preceding_ids"]), declaredUnit: row["declared_unit"], co2PerUnit: row["co2_per_unit"],
            primaryDataShare: row["primary_data_share"], periodStart: row["period_start"], periodEnd: row["period_end"])
    }

    package static func supplier(_ row: Row) -> PACTSupplierRecord {
        PACTSupplierRecord(
            supplierId: row["supplier_id"], tenantId: row["tenant_id"], baseURL: row["base_url"], clientId: row["client_id"],
            clientSecret: row["client_secret"], caFile: row["ca_file"], createdAt: row["created_at"], linkedClient: row["linked_client"])
    }

    package static func client(_ row: Row) -> PACTClientRecord {
        PACTClientRecord(
            clientId: row["client_id"], tenantId: row["tenant_id"], secretHash: row["secret_hash"], label: row["label"],
            createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }
}
