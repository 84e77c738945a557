import CTNLedger
import CTNModel
import CTNStore
import GRDB

package enum Columns {
    package static let tenant = "tenant_id, business_id, created_at, rate_limit, rate_burst, heavy_limit"
    package static let token = "token_id, tenant_id, created_at, revoked_at"
    package static let lot =
        "lot_id, tenant_id, declared_unit, status, created_at, material_co2, process_co2, completed, defects, total_co2, co2_per_unit, completed_at, completed_seq, shipped, completed_hash, version, statement, secondary_co2, certificate_count, uncertainty, unquantified_share, evidence, certified, log_leaf"
    package static let equipment = "equipment_id, tenant_id, activity_unit, created_at"
    package static let intensity =
        "equipment_id, version, value, unit, per_activity, valid_from, registered_at, report_id, u, tier, evidence, snapshot_id"
    package static let snapshot =
        "snapshot_id, tenant_id, site, period_start, period_end, version, parent_id, content_hash, payload, seq, locked_at"
    package static let materialUse =
        "use_id, lot_id, material_lot_id, category, quantity, unit, per_unit, per_unit_of, base_quantity, co2, source_time, seq, material_node, statement_version, intensity_source"
    package static let equipmentUse =
        "use_id, lot_id, equipment_id, activity, unit, intensity, intensity_version, co2, source_time, seq, activity_source"
    package static let shipment = "shipment_id, lot_id, consignee, quantity, source_time, seq"
    package static let energyReport = "report_id, tenant_id, period_start, period_end, payload, seq"
    package static let remoteStatement = "node_id, lot_id, version, jws, co2_per_unit, declared_unit, fetched_at"
    package static let agreement =
        "agreement_id, tenant_id, grantee, scope, lot_id, contracts, purpose, expires_at, created_at, revoked_at, seq, transitive, cn_codes"
    package static let contribution = "lot_id, tenant_id, category, factor, contributed_at, seq"
    package static let held = "tenant_id, node, lot_id, kind, content, obtained_at"
    package static let usage = "owner_tenant, reader, contract, lot_id, basis, at"
    package static let ledger = "seq, ledger_time, source_time, tenant_id, contract, event, payload, payload_hash, prev_hash, hash"
}
