import CTNLedger
import CTNModel
import CTNStore
import GRDB

/// One transaction's view of the database. `session` is set for writes: the writer's caches and
/// ledger head for the batch in progress.
package struct SQLTransaction: StoreWriting {
    let db: any SQLConnection
    let session: BatchSession?
    /// The store's cache of log nodes, for read transactions (nil in writes).
    var logNodes: LogNodeCache? = nil

    package init(db: any SQLConnection, session: BatchSession?, logNodes: LogNodeCache? = nil) {
        self.db = db
        self.session = session
        self.logNodes = logNodes
    }

    func one<R: RecordRow>(_ type: R.Type, _ sql: String, _ args: SQLArguments) throws -> R.Record? {
        try db.fetchOne(R.self, sql, args)?.record
    }

    func all<R: RecordRow>(_ type: R.Type, _ sql: String, _ args: SQLArguments) throws -> [R.Record] {
        try db.fetchAll(R.self, sql, args).map(\.record)
    }

    func value<V: DatabaseValueConvertible>(_ type: V.Type, _ sql: String, _ args: SQLArguments) throws -> V? {
        try db.fetchValue(V.self, sql, args)
    }

    func values<V: DatabaseValueConvertible>(_ type: V.Type, _ sql: String, _ args: SQLArguments) throws -> [V] {
        try db.fetchValues(V.self, sql, args)
    }

    func exec(_ sql: String, _ args: SQLArguments) throws {
        try db.execute(sql, args)
    }

    package func logProofs(nodeId: String, leaves: [Int64]) throws -> (TreeHead, [LogProof])? {
        try LogTree.proofs(db, nodeId: nodeId, leaves: leaves, cache: logNodes)
    }

    // MARK: Tenants

    package func tenant(tokenHash: String) throws -> TenantRecord? {
        try one(
            TenantRow.self,
            "SELECT t.tenant_id, t.business_id, t.created_at, t.rate_limit, t.rate_burst, t.heavy_limit FROM tokens k JOIN tenants t ON t.tenant_id = k.tenant_id WHERE k.token_hash = ? AND k.revoked_at IS NULL",
            [tokenHash])
    }

    package func tenant(tenantId: String) throws -> TenantRecord? {
        try one(TenantRow.self, "SELECT \(Columns.tenant) FROM tenants WHERE tenant_id = ?", [tenantId])
    }

    package func tenant(businessId: String) throws -> TenantRecord? {
        try one(TenantRow.self, "SELECT \(Columns.tenant) FROM tenants WHERE business_id = ?", [businessId])
    }

    // MARK: Lots and equipment (cached by the writer)

    package func lot(_ lotId: String) throws -> LotRecord? {
        guard let session else { return try readLot(lotId) }
        if let hit = session.cache.lots[lotId] { return hit }
        let l = try readLot(lotId)
        if let l { session.cache.put(lot: l) }
        return l
    }

    private func readLot(_ lotId: String) throws -> LotRecord? {
        try one(LotRow.self, "SELECT \(Columns.lot) FROM lots WHERE lot_id = ?", [lotId])
    }

    package func equipment(_ equipmentId: String) throws -> EquipmentRecord? {
        guard let session else { return try readEquipment(equipmentId) }
        if let hit = session.cache.equipment[equipmentId] { return hit }
        let e = try readEquipment(equipmentId)
        if let e { session.cache.put(equipment: e) }
        return e
    }

    private func readEquipment(_ equipmentId: String) throws -> EquipmentRecord? {
        try one(EquipmentRow.self, "SELECT \(Columns.equipment) FROM equipment WHERE equipment_id = ?", [equipmentId])
    }

    package func equipmentList(tenantId: String) throws -> [EquipmentRecord] {
        try all(EquipmentRow.self, "SELECT \(Columns.equipment) FROM equipment WHERE tenant_id = ? ORDER BY created_at, rowid", [tenantId])
    }

    package func intensity(equipmentId: String, at time: Int64) throws -> IntensityRecord? {
        if let session {
            let versions: [IntensityRecord]
            if let hit = session.cache.intensities[equipmentId] {
                versions = hit
            } else {
                versions = try all(
                    IntensityRow.self, "SELECT \(Columns.intensity) FROM intensities WHERE equipment_id = ? ORDER BY valid_from, version",
                    [equipmentId])
                session.cache.put(intensities: versions, for: equipmentId)
            }
            // Same choice as the query below: latest valid_from not after `time`, then highest version.
            return versions.last { $0.validFrom <= time }
        }
        return try one(
            IntensityRow.self,
            "SELECT \(Columns.intensity) FROM intensities WHERE equipment_id = ? AND valid_from <= ? ORDER BY valid_from DESC, version DESC LIMIT 1",
            [equipmentId, time])
    }

    package func intensity(equipmentId: String, version: Int64) throws -> IntensityRecord? {
        try one(
            IntensityRow.self, "SELECT \(Columns.intensity) FROM intensities WHERE equipment_id = ? AND version = ?",
            [equipmentId, version])
    }

    package func latestIntensityVersion(equipmentId: String) throws -> Int64 {
        try value(Int64.self, "SELECT COALESCE(MAX(version), 0) FROM intensities WHERE equipment_id = ?", [equipmentId]) ?? 0
    }

    package func certificates(lotId: String) throws -> [String] {
        try values(String.self, "SELECT jws FROM certificates WHERE lot_id = ? ORDER BY seq", [lotId])
    }

    // MARK: Uses and shipments

    package func materialUses(lotId: String) throws -> [MaterialUseRecord] {
        try all(MaterialUseRow.self, "SELECT \(Columns.materialUse) FROM material_uses WHERE lot_id = ? ORDER BY seq", [lotId])
    }

    package func equipmentUses(equipmentId: String, intensityVersion: Int64) throws -> [EquipmentUseRecord] {
        try all(
            EquipmentUseRow.self,
            "SELECT \(Columns.equipmentUse) FROM equipment_uses WHERE equipment_id = ? AND intensity_version = ? ORDER BY seq",
            [equipmentId, intensityVersion])
    }

    package func snapshot(_ snapshotId: String) throws -> SnapshotRecord? {
        try one(SnapshotRow.self, "SELECT \(Columns.snapshot) FROM site_snapshots WHERE snapshot_id = ?", [snapshotId])
    }

    package func snapshots(tenantId: String, site: String, periodStart: Int64, periodEnd: Int64) throws -> [SnapshotRecord] {
        try all(
            SnapshotRow.self,
            "SELECT \(Columns.snapshot) FROM site_snapshots WHERE tenant_id = ? AND site = ? AND period_start = ? AND period_end = ? ORDER BY version",
            [tenantId, site, periodStart, periodEnd])
    }

    package func equipmentUses(lotId: String) throws -> [EquipmentUseRecord] {
        try all(EquipmentUseRow.self, "SELECT \(Columns.equipmentUse) FROM equipment_uses WHERE lot_id = ? ORDER BY seq", [lotId])
    }

    package func shipments(lotId: String) throws -> [ShipmentRecord] {
        try all(ShipmentRow.self, "SELECT \(Columns.shipment) FROM shipments WHERE lot_id = ? ORDER BY seq", [lotId])
    }

    package func shippedQuantity(lotId: String, consignee: String) throws -> Double {
        try value(Double.self, "SELECT COALESCE(SUM(quantity), 0) FROM shipments WHERE lot_id = ? AND consignee = ?", [lotId, consignee])
            ?? 0
    }

    package func usedQuantity(materialLotId: String, byTenant tenantId: String) throws -> Double {
        // base_quantity is already in the material lot's declared unit.
        try value(
            Double.self,
            "SELECT COALESCE(SUM(u.base_quantity), 0) FROM material_uses u JOIN lots l ON l.lot_id = u.lot_id WHERE u.material_lot_id = ? AND l.tenant_id = ?",
            [materialLotId, tenantId]) ?? 0
    }

    package func materialUses(ofRemoteLot lotId: String, node: String) throws -> [MaterialUseRecord] {
        try all(
            RemoteMaterialUseRow.self,
            "SELECT \(RemoteMaterialUseRow.columns) FROM material_uses WHERE material_lot_id = ? AND material_node = ? ORDER BY seq",
            [lotId, node])
    }

    package func lotIds(tenantId: String) throws -> [String] {
        try values(String.self, "SELECT lot_id FROM lots WHERE tenant_id = ? ORDER BY created_at, rowid", [tenantId])
    }

    // MARK: Reports, statements, agreements

    package func energyReport(_ reportId: String) throws -> EnergyReportRecord? {
        try one(EnergyReportRow.self, "SELECT \(Columns.energyReport) FROM energy_reports WHERE report_id = ?", [reportId])
    }

    package func remoteStatement(nodeId: String, lotId: String, version: Int64?) throws -> RemoteStatementRecord? {
        let sql = "SELECT \(Columns.remoteStatement) FROM remote_statements WHERE node_id = ? AND lot_id = ?"
        if let version { return try one(RemoteStatementRow.self, sql + " AND version = ?", [nodeId, lotId, version]) }
        return try one(RemoteStatementRow.self, sql + " ORDER BY version DESC LIMIT 1", [nodeId, lotId])
    }

    package func agreement(_ agreementId: String) throws -> AgreementRecord? {
        try one(AgreementRow.self, "SELECT \(Columns.agreement) FROM agreements WHERE agreement_id = ?", [agreementId])
    }

    package func agreements(ownerTenant tenantId: String) throws -> [AgreementRecord] {
        try all(AgreementRow.self, "SELECT \(Columns.agreement) FROM agreements WHERE tenant_id = ? ORDER BY seq DESC", [tenantId])
    }

    package func agreements(grantee: String) throws -> [AgreementRecord] {
        try all(AgreementRow.self, "SELECT \(Columns.agreement) FROM agreements WHERE grantee = ? ORDER BY seq DESC", [grantee])
    }

    package func agreements(ownerTenant tenantId: String, grantee: String) throws -> [AgreementRecord] {
        try all(
            AgreementRow.self,
            "SELECT \(Columns.agreement) FROM agreements WHERE tenant_id = ? AND grantee = ? AND revoked_at IS NULL ORDER BY seq",
            [tenantId, grantee])
    }

    // MARK: Statistics, held data, usage

    package func contribution(lotId: String) throws -> ContributionRecord? {
        try one(ContributionRow.self, "SELECT \(Columns.contribution) FROM contributions WHERE lot_id = ?", [lotId])
    }

    package func contributions(category: String) throws -> [ContributedValue] {
        try all(
            ContributedValueRow.self,
            "SELECT c.tenant_id AS tenant_id, l.co2_per_unit / c.factor AS value, l.completed_at AS completed_at, c.seq AS seq FROM contributions c JOIN lots l ON l.lot_id = c.lot_id WHERE c.category = ? AND l.co2_per_unit IS NOT NULL ORDER BY c.seq",
            [category])
    }

    package func held(node: String?, tenantId: String?) throws -> [HeldRecord] {
        try all(
            HeldRow.self,
            "SELECT \(Columns.held) FROM held WHERE (CAST(? AS TEXT) IS NULL OR node = ?) AND (CAST(? AS TEXT) IS NULL OR tenant_id = ?) ORDER BY id",
            [node, node, tenantId, tenantId])
    }

    package func deletionReceipts(ownerTenant tenantId: String) throws -> [String] {
        try values(String.self, "SELECT jws FROM deletion_receipts WHERE owner_tenant = ? ORDER BY id DESC", [tenantId])
    }

    package func usage(ownerTenant tenantId: String, limit: Int) throws -> [UsageRecord] {
        try all(UsageRow.self, "SELECT \(Columns.usage) FROM usage_log WHERE owner_tenant = ? ORDER BY id DESC LIMIT ?", [tenantId, limit])
    }
}
