import CTNLedger
import CTNModel

/// What a contract may read inside a transaction.
public protocol StoreReading {
    func tenant(tokenHash: String) throws -> TenantRecord?
    func tenant(businessId: String) throws -> TenantRecord?
    func tenant(tenantId: String) throws -> TenantRecord?
    func lot(_ lotId: String) throws -> LotRecord?
    /// The node's latest signed tree head (`nodeId` is the node's) and the inclusion proofs of
    /// `leaves` in it, as of this transaction; nil before the log has a head.
    func logProofs(nodeId: String, leaves: [Int64]) throws -> (TreeHead, [LogProof])?
    func equipment(_ equipmentId: String) throws -> EquipmentRecord?
    func equipmentList(tenantId: String) throws -> [EquipmentRecord]
    /// The intensity in force at `time`: the highest version among those with the latest `validFrom <= time`.
    func intensity(equipmentId: String, at time: Int64) throws -> IntensityRecord?
    func latestIntensityVersion(equipmentId: String) throws -> Int64
    func intensity(equipmentId: String, version: Int64) throws -> IntensityRecord?
    /// Certificates attached to a lot, oldest first (JWS).
    func certificates(lotId: String) throws -> [String]
    func materialUses(lotId: String) throws -> [MaterialUseRecord]
    func equipmentUses(lotId: String) throws -> [EquipmentUseRecord]
    /// Equipment uses of any lot that took this intensity version.
    func equipmentUses(equipmentId: String, intensityVersion: Int64) throws -> [EquipmentUseRecord]
    func snapshot(_ snapshotId: String) throws -> SnapshotRecord?
    func pactProfile(tenantId: String) throws -> PACTProfileRecord?
    func pactSupplier(_ supplierId: String) throws -> PACTSupplierRecord?
    func pactFootprint(_ footprintId: String) throws -> PACTFootprintRecord?
    /// A tenant's published footprints (active and deprecated), oldest first.
    func pactFootprints(tenantId: String) throws -> [PACTFootprintRecord]
    /// The footprints published of one lot, oldest first.
    func pactFootprints(lotId: String) throws -> [PACTFootprintRecord]
    /// The snapshots of one site period of a tenant, first lock first.
    func snapshots(tenantId: String, site: String, periodStart: Int64, periodEnd: Int64) throws -> [SnapshotRecord]
    func shipments(lotId: String) throws -> [ShipmentRecord]
    /// Declared units of `lotId` shipped to `consignee`.
    func shippedQuantity(lotId: String, consignee: String) throws -> Double
    /// Quantity of `materialLotId` (in its declared unit) already used by lots of `tenantId`.
    func usedQuantity(materialLotId: String, byTenant tenantId: String) throws -> Double
    func energyReport(_ reportId: String) throws -> EnergyReportRecord?
    /// The stored statement of a lot on another node: the given version, or the latest one held.
    func remoteStatement(nodeId: String, lotId: String, version: Int64?) throws -> RemoteStatementRecord?
    func agreement(_ agreementId: String) throws -> AgreementRecord?
    /// Agreements the tenant granted, and those granted to `grantee` (its business ID), newest first.
    func agreements(ownerTenant tenantId: String) throws -> [AgreementRecord]
    func agreements(grantee: String) throws -> [AgreementRecord]
    /// Agreements of `ownerTenant` for `grantee` that are not revoked (expiry is checked by the caller).
    func agreements(ownerTenant tenantId: String, grantee: String) throws -> [AgreementRecord]
    func contribution(lotId: String) throws -> ContributionRecord?
    /// Every contribution to `category`, with the lot's current CFP per category unit.
    func contributions(category: String) throws -> [ContributedValue]
    /// Data of lots on `node` held here (all tenants), for deletion requests and listings.
    func held(node: String?, tenantId: String?) throws -> [HeldRecord]
    /// Material uses of this node that rest on `lotId` of `node`.
    func materialUses(ofRemoteLot lotId: String, node: String) throws -> [MaterialUseRecord]
    func deletionReceipts(ownerTenant tenantId: String) throws -> [String]
    func lotIds(tenantId: String) throws -> [String]
    /// The owner's usage log, newest first.
    func usage(ownerTenant tenantId: String, limit: Int) throws -> [UsageRecord]
    /// A mass-balance event by its ID (a batch's own event has the batch's ID).
    func massBalanceEvent(_ eventId: String) throws -> MassBalanceEventRecord?
    /// A tenant's mass-balance events (of one batch, or all), in ledger order.
    func massBalanceEvents(tenantId: String, batchId: String?) throws -> [MassBalanceEventRecord]
    /// The movements of one pool, in ledger order.
    func poolMovements(
        tenantId: String, site: String, material: String, pool: String, scheme: String, claim: String
    ) throws
        -> [PoolMovementRecord]
    /// Every movement of a tenant's pools, in ledger order.
    func poolMovements(tenantId: String) throws -> [PoolMovementRecord]
    /// The movements that credit a batch's output or claim it.
    func poolMovements(batchId: String) throws -> [PoolMovementRecord]
    func declaration(issuer: String, declarationId: String, direction: String) throws -> DeclarationRecord?
    /// A tenant's declarations, issued and booked, in ledger order.
    func declarations(tenantId: String) throws -> [DeclarationRecord]
    /// The declarations issued with a lot, in ledger order.
    func declarations(lotId: String) throws -> [DeclarationRecord]
    /// A tenant's sealed mass-balance slices, oldest first.
    func slices(tenantId: String) throws -> [SliceRecord]
    /// A tenant's latest sealed slice.
    func lastSlice(tenantId: String) throws -> SliceRecord?
    /// A tenant's mass-balance events the node took at or after `receivedFrom`, in ledger order.
    func massBalanceEvents(tenantId: String, receivedFrom: Int64) throws -> [MassBalanceEventRecord]
    func cbamInstallation(_ installationId: String) throws -> CBAMInstallationRecord?
    /// A tenant's installations, oldest first.
    func cbamInstallations(tenantId: String) throws -> [CBAMInstallationRecord]
    func cbamReport(_ reportId: String) throws -> CBAMReportRecord?
    /// The verification statements attached to a report (JWS), oldest first.
    func cbamVerifications(reportId: String) throws -> [String]
    /// The carbon price paid stated for a report (canonical JSON), if any.
    func cbamCarbonPrice(reportId: String) throws -> String?
    /// The latest summary of a supplier's report an importer booked.
    func cbamSummary(tenantId: String, node: String, reportId: String) throws -> CBAMSummaryRecord?
    /// An importer's recorded imports, oldest first.
    func cbamImports(tenantId: String) throws -> [CBAMImportRecord]
}
