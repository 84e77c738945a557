// Transaction bodies are synchronous on purpose: a transaction never suspends while it holds a
// connection (or the single writer), so it cannot stall other work behind an `await` or
// interleave with another task's writes. Everything around a transaction is async: `read` and
// `write` suspend the caller until its body ran and committed. An async backend (PostgreSQL over
// postgres-nio) fits by running the bodies on threads of its own against a blocking connection,
// and by implementing the administration and ledger methods below, which are `async`, directly.
import CTNLedger
import CTNModel

/// What a contract may read inside a transaction.
public protocol StoreReading {
    func tenant(tokenHash: String) throws -> TenantRecord?
    func tenant(businessId: String) throws -> TenantRecord?
    func tenant(tenantId: String) throws -> TenantRecord?
    func lot(_ lotId: String) throws -> LotRecord?
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
}

/// What a contract may write. Every write happens inside `Store.write`, together with exactly the
/// ledger events appended there: all of it commits, or none of it.
public protocol StoreWriting: StoreReading {
    func insertLot(_ lot: LotRecord) throws
    func updateLot(_ lot: LotRecord) throws
    func insertEquipment(_ e: EquipmentRecord) throws
    func insertIntensity(_ i: IntensityRecord) throws
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
    /// Appends an event to the hash chain; returns it (with its sequence number).
    func appendLedger(tenantId: String, contract: String, event: String, sourceTime: Int64, payload: JSONValue) throws -> LedgerEvent
    /// The sequence number the next appended event will get.
    var nextSeq: Int64 { get }
}

/// The storage interface: the only thing handlers and services know of the database.
public protocol Store: Sendable {
    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReading) throws -> T) async throws -> T
    /// Runs `body` atomically: its effects and ledger events commit together, durably, or not at all.
    func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriting) throws -> T) async throws -> T
    /// A lot as last committed; may be served from memory (the hot path of Lot Enquiry).
    func lotSnapshot(_ lotId: String) async throws -> LotRecord?

    // Administration (not contracts: no ledger events).
    func createTenant(businessId: String, tenantId: String, tokenId: String, tokenHash: String, at: Int64) async throws
    /// Throws `Problem.notFound` for an unknown tenant.
    func addToken(tenantId: String, tokenId: String, tokenHash: String, at: Int64) async throws
    /// Whether an active token was revoked.
    func revokeToken(tokenId: String, at: Int64) async throws -> Bool
    /// Every tenant with its tokens, oldest first.
    func tenants() async throws -> [(TenantRecord, [TokenRecord])]

    // The ledger, for verification and export.
    /// Up to `limit` events with a sequence number above `seq`, in sequence (and stored) order;
    /// page on with the last one's `seq`. An empty page is the end.
    func ledgerEvents(after seq: Int64, limit: Int) async throws -> [LedgerEvent]
    func signedHead() async throws -> SignedHead?
}

extension Store {
    /// Recomputes the whole chain, page by page, and checks the signed head with the node's public key.
    public func verifyLedger(nodeId: String, publicKey: CTNLedger.PublicSigningKey, pageSize: Int = 1000) async throws -> VerificationReport {
        var verifier = LedgerVerifier()
        var after = Int64.min  // from the very first stored row, whatever its claimed sequence
        pages: while true {
            let page = try await ledgerEvents(after: after, limit: pageSize)
            guard let last = page.last else { break }
            for e in page {
                if !verifier.feed(e) { break pages }
            }
            after = last.seq
        }
        return verifier.finish(head: try await signedHead(), nodeId: nodeId, publicKey: publicKey)
    }
}
