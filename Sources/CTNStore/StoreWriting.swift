import CTNLedger
import CTNModel

/// What a contract may write. Every write happens inside `Store.write`, together with exactly the
/// ledger events appended there: all of it commits, or none of it.
public protocol StoreWriting: StoreReading {
    func insertLot(_ lot: LotRecord) throws
    func updateLot(_ lot: LotRecord) throws
    func insertEquipment(_ e: EquipmentRecord) throws
    func insertIntensity(_ i: IntensityRecord) throws
    func upsertPACTProfile(_ p: PACTProfileRecord) throws
    func insertPACTFootprint(_ f: PACTFootprintRecord) throws
    func setPACTFootprintStatus(_ footprintId: String, status: String) throws
    /// Withdraws a footprint: its row, and with it the names it published, is removed.
    func deletePACTFootprint(_ footprintId: String) throws
    /// Keeps a locked site period; snapshots are never changed or removed.
    func insertSnapshot(_ s: SnapshotRecord) throws
    /// Re-prices an equipment use with a restated intensity version.
    func updateEquipmentUse(_ u: EquipmentUseRecord) throws
    func insertMaterialUse(_ u: MaterialUseRecord) throws
    func insertEquipmentUse(_ u: EquipmentUseRecord) throws
    func insertShipment(_ s: ShipmentRecord) throws
    func insertEnergyReport(_ r: EnergyReportRecord) throws
    /// Keeps a verified statement of another node (a version already held is left as it is).
    func insertRemoteStatement(_ r: RemoteStatementRecord) throws
    func insertAgreement(_ a: AgreementRecord) throws
    func revokeAgreement(_ agreementId: String, at: Int64) throws
    func insertUsage(_ entries: [UsageRecord]) throws
    func insertContribution(_ c: ContributionRecord) throws
    func insertHeld(_ h: HeldRecord) throws
    /// Deletes the held data of these lots of `node`; keeps a SHA-256 of each item removed.
    func deleteHeld(node: String, lotIds: [String], at: Int64) throws -> [HeldRecord]
    func insertDeletionReceipt(ownerTenant: String, node: String, jws: String, at: Int64, seq: Int64) throws
    func insertCertificate(lotId: String, jws: String, certifier: String, version: Int64, at: Int64, seq: Int64) throws
    /// Keeps a mass-balance event with the pool movements it books (never changed or removed).
    func insertMassBalanceEvent(_ e: MassBalanceEventRecord, movements: [PoolMovementRecord]) throws
    func insertDeclaration(_ d: DeclarationRecord) throws
    func insertSlice(_ s: SliceRecord) throws
    func insertCBAMInstallation(_ i: CBAMInstallationRecord) throws
    /// Withdraws an installation: its row, and with it the names it published, is removed.
    func deleteCBAMInstallation(_ installationId: String) throws
    /// Keeps a filed report; reports are never changed or removed.
    func insertCBAMReport(_ r: CBAMReportRecord) throws
    func insertCBAMCarbonPrice(reportId: String, payload: String, at: Int64, seq: Int64) throws
    func insertCBAMSummary(_ s: CBAMSummaryRecord) throws
    func insertCBAMImport(_ i: CBAMImportRecord) throws
    func insertCBAMVerification(reportId: String, verifier: String, jws: String, at: Int64, seq: Int64) throws
    /// Appends an event to the hash chain; returns it (with its sequence number).
    func appendLedger(tenantId: String, contract: String, event: String, sourceTime: Int64, payload: JSONValue) throws -> LedgerEvent
    /// Appends an event whose log leaf is the statement `stating` signs of it (given the event and
    /// its leaf index): the statement names the event, and the log commits to both.
    func appendLedger(
        tenantId: String, contract: String, event: String, sourceTime: Int64, payload: JSONValue,
        stating: (LedgerEvent, Int64) throws -> String
    ) throws -> LedgerEvent
    /// The sequence number the next appended event will get.
    var nextSeq: Int64 { get }
}
