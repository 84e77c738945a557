import CTNLedger
import CTNModel
import Dispatch
import Foundation
import GRDB

/// The embedded backend: SQLite in WAL mode with `synchronous = FULL` (every commit is on disk
/// before the caller hears of it), one writer, and group commit: writes that arrive while a
/// transaction is being committed are batched into the next one, each in its own savepoint, so a
/// refused call never disturbs its neighbours and the fsync cost is shared.
public final class SQLiteStore: Store, @unchecked Sendable {
    public let pool: DatabasePool
    private let keys: NodeKeys
    private let writerQueue = DispatchQueue(label: "ctn.store.writer", qos: .userInitiated)
    private let lock = NSLock()
    private var pending: [WriteJob] = []
    private var draining = false
    /// Ledger head, touched only on the writer queue.
    private var headSeq: Int64 = 0
    private var headHash = LedgerHashing.genesis
    public static let maxBatch = 512
    /// Lots touched by the batch being committed (writer queue only).
    fileprivate var touchedLots: [String] = []
    /// Rows the writer has read or written, as committed (writer queue only).
    fileprivate let writerCache = WriterCache()
    private let cache = LotCache()

    public init(path: String, keys: NodeKeys) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        config.maximumReaderCount = 8
        pool = try DatabasePool(path: path, configuration: config)
        self.keys = keys
        try Self.migrator.migrate(pool)
        try pool.read { db in
            if let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1") {
                headSeq = row[0]
                headHash = row[1]
            }
        }
    }

    // MARK: Schema

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-contracts-and-ledger") { db in
            try db.execute(sql: """
            CREATE TABLE tenants(tenant_id TEXT PRIMARY KEY, business_id TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
            CREATE TABLE tokens(token_id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE,
                tenant_id TEXT NOT NULL REFERENCES tenants(tenant_id), created_at INTEGER NOT NULL, revoked_at INTEGER);
            CREATE TABLE equipment(equipment_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, activity_unit TEXT NOT NULL,
                created_at INTEGER NOT NULL);
            CREATE INDEX equipment_tenant ON equipment(tenant_id);
            CREATE TABLE intensities(equipment_id TEXT NOT NULL REFERENCES equipment(equipment_id), version INTEGER NOT NULL,
                value REAL NOT NULL, unit TEXT NOT NULL, per_activity REAL NOT NULL, valid_from INTEGER NOT NULL,
                registered_at INTEGER NOT NULL, report_id TEXT, PRIMARY KEY(equipment_id, version));
            CREATE INDEX intensities_valid ON intensities(equipment_id, valid_from, version);
            CREATE TABLE lots(lot_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, declared_unit TEXT NOT NULL, status TEXT NOT NULL,
                created_at INTEGER NOT NULL, material_co2 REAL NOT NULL, process_co2 REAL NOT NULL, completed REAL, defects REAL,
                total_co2 REAL, co2_per_unit REAL, completed_at INTEGER, completed_seq INTEGER,
                shipped REAL NOT NULL);
            CREATE TABLE material_uses(use_id TEXT PRIMARY KEY, lot_id TEXT NOT NULL REFERENCES lots(lot_id), material_lot_id TEXT,
                category TEXT, quantity REAL NOT NULL, unit TEXT NOT NULL, per_unit REAL NOT NULL, per_unit_of TEXT NOT NULL,
                base_quantity REAL NOT NULL, co2 REAL NOT NULL, source_time INTEGER NOT NULL, seq INTEGER NOT NULL);
            CREATE INDEX material_uses_lot ON material_uses(lot_id, seq);
            CREATE INDEX material_uses_material ON material_uses(material_lot_id);
            CREATE TABLE equipment_uses(use_id TEXT PRIMARY KEY, lot_id TEXT NOT NULL REFERENCES lots(lot_id),
                equipment_id TEXT NOT NULL REFERENCES equipment(equipment_id), activity REAL NOT NULL, unit TEXT NOT NULL,
                intensity REAL NOT NULL, intensity_version INTEGER NOT NULL, co2 REAL NOT NULL, source_time INTEGER NOT NULL,
                seq INTEGER NOT NULL);
            CREATE INDEX equipment_uses_lot ON equipment_uses(lot_id, seq);
            CREATE TABLE shipments(shipment_id TEXT PRIMARY KEY, lot_id TEXT NOT NULL REFERENCES lots(lot_id),
                consignee TEXT NOT NULL, quantity REAL NOT NULL, source_time INTEGER NOT NULL, seq INTEGER NOT NULL);
            CREATE INDEX shipments_lot ON shipments(lot_id, consignee);
            CREATE TABLE energy_reports(report_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, period_start INTEGER NOT NULL,
                period_end INTEGER NOT NULL, payload TEXT NOT NULL, seq INTEGER NOT NULL);
            CREATE TABLE ledger(seq INTEGER PRIMARY KEY, ledger_time INTEGER NOT NULL, source_time INTEGER NOT NULL,
                tenant_id TEXT NOT NULL, contract TEXT NOT NULL, event TEXT NOT NULL, payload TEXT NOT NULL,
                payload_hash TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
            CREATE TABLE ledger_head(id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL,
                signature TEXT NOT NULL);
            CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
            CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
            """)
        }
        m.registerMigration("v2-lot-completion-hash") { db in
            try db.execute(sql: "ALTER TABLE lots ADD COLUMN completed_hash TEXT")
        }
        m.registerMigration("v3-federation") { db in
            try db.execute(sql: """
            ALTER TABLE lots ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
            UPDATE lots SET version = 1 WHERE status = 'completed';
            ALTER TABLE material_uses ADD COLUMN material_node TEXT;
            ALTER TABLE material_uses ADD COLUMN statement_version INTEGER;
            CREATE TABLE remote_statements(node_id TEXT NOT NULL, lot_id TEXT NOT NULL, version INTEGER NOT NULL, jws TEXT NOT NULL,
                co2_per_unit REAL NOT NULL, declared_unit TEXT NOT NULL, fetched_at INTEGER NOT NULL,
                PRIMARY KEY(node_id, lot_id, version));
            CREATE TRIGGER remote_statements_no_update BEFORE UPDATE ON remote_statements BEGIN SELECT RAISE(ABORT, 'statements are kept as received'); END;
            """)
        }
        m.registerMigration("v4-agreements") { db in
            try db.execute(sql: """
            CREATE TABLE agreements(agreement_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, grantee TEXT NOT NULL, scope TEXT NOT NULL,
                lot_id TEXT, contracts TEXT NOT NULL, purpose TEXT NOT NULL, expires_at INTEGER, created_at INTEGER NOT NULL,
                revoked_at INTEGER, seq INTEGER NOT NULL);
            CREATE INDEX agreements_owner_grantee ON agreements(tenant_id, grantee);
            CREATE INDEX agreements_grantee ON agreements(grantee);
            """)
        }
        m.registerMigration("v5-stored-statements") { db in
            try db.execute(sql: "ALTER TABLE lots ADD COLUMN statement TEXT")
        }
        m.registerMigration("v6-usage-log") { db in
            try db.execute(sql: """
            CREATE TABLE usage_log(id INTEGER PRIMARY KEY, owner_tenant TEXT NOT NULL, reader TEXT NOT NULL, contract TEXT NOT NULL,
                lot_id TEXT NOT NULL, basis TEXT NOT NULL, at INTEGER NOT NULL);
            CREATE INDEX usage_log_owner ON usage_log(owner_tenant, id);
            CREATE TRIGGER usage_log_no_update BEFORE UPDATE ON usage_log BEGIN SELECT RAISE(ABORT, 'the usage log is append-only'); END;
            """)
        }
        m.registerMigration("v7-transitive-agreements") { db in
            try db.execute(sql: "ALTER TABLE agreements ADD COLUMN transitive INTEGER NOT NULL DEFAULT 0")
        }
        m.registerMigration("v8-category-contributions") { db in
            try db.execute(sql: """
            CREATE TABLE contributions(lot_id TEXT PRIMARY KEY REFERENCES lots(lot_id), tenant_id TEXT NOT NULL, category TEXT NOT NULL,
                factor REAL NOT NULL, contributed_at INTEGER NOT NULL, seq INTEGER NOT NULL);
            CREATE INDEX contributions_category ON contributions(category);
            """)
        }
        m.registerMigration("v9-primary-data-share") { db in
            try db.execute(sql: """
            ALTER TABLE lots ADD COLUMN secondary_co2 REAL NOT NULL DEFAULT 0;
            UPDATE lots SET secondary_co2 = (SELECT COALESCE(SUM(co2), 0) FROM material_uses u WHERE u.lot_id = lots.lot_id AND u.category IS NOT NULL);
            ALTER TABLE material_uses ADD COLUMN intensity_source TEXT;
            """)
        }
        m.registerMigration("v10-certificates") { db in
            try db.execute(sql: """
            CREATE TABLE certificates(lot_id TEXT NOT NULL REFERENCES lots(lot_id), jws TEXT NOT NULL, certifier TEXT NOT NULL,
                version INTEGER NOT NULL, attached_at INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY(lot_id, jws));
            ALTER TABLE lots ADD COLUMN certificate_count INTEGER NOT NULL DEFAULT 0;
            """)
        }
        m.registerMigration("v11-held-data-and-deletions") { db in
            try db.execute(sql: """
            CREATE TABLE held(id INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL, node TEXT NOT NULL, lot_id TEXT NOT NULL, kind TEXT NOT NULL,
                content TEXT NOT NULL, obtained_at INTEGER NOT NULL);
            CREATE INDEX held_lot ON held(node, lot_id);
            CREATE TABLE deleted_facts(id INTEGER PRIMARY KEY, node TEXT NOT NULL, lot_id TEXT NOT NULL, kind TEXT NOT NULL, sha256 TEXT NOT NULL,
                deleted_at INTEGER NOT NULL);
            CREATE TABLE deletion_receipts(id INTEGER PRIMARY KEY, owner_tenant TEXT NOT NULL, node TEXT NOT NULL, jws TEXT NOT NULL,
                received_at INTEGER NOT NULL, seq INTEGER NOT NULL);
            """)
        }
        return m
    }

    // MARK: Reads

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReading) throws -> T) async throws -> T {
        try await pool.read { db in try body(SQLiteTx(db: db, store: nil)) }
    }

    // MARK: Group-commit writes

    final class WriteJob: @unchecked Sendable {
        let run: (SQLiteTx) throws -> Void
        var failure: Error?
        let finish: (Error?) -> Void
        init(run: @escaping (SQLiteTx) throws -> Void, finish: @escaping (Error?) -> Void) {
            self.run = run
            self.finish = finish
        }
    }

    final class Box<T>: @unchecked Sendable { var value: T? }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriting) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (cont: CheckedContinuation<T, Error>) in
            let box = Box<T>()
            let job = WriteJob(run: { tx in box.value = try body(tx) }, finish: { error in
                if let error { cont.resume(throwing: error) } else { cont.resume(returning: box.value!) }
            })
            lock.lock()
            pending.append(job)
            let start = !draining
            if start { draining = true }
            lock.unlock()
            if start { writerQueue.async { self.drain() } }
        }
    }

    private func drain() {
        while true {
            lock.lock()
            if pending.isEmpty {
                draining = false
                lock.unlock()
                return
            }
            let batch = Array(pending.prefix(Self.maxBatch))
            pending.removeFirst(batch.count)
            lock.unlock()
            commit(batch)
        }
    }

    private func commit(_ batch: [WriteJob]) {
        let startSeq = headSeq, startHash = headHash
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let tx = SQLiteTx(db: db, store: self)
                    for job in batch {
                        let seq = headSeq, hash = headHash
                        do {
                            try db.inSavepoint {
                                try job.run(tx)
                                return .commit
                            }
                        } catch {
                            job.failure = error
                            writerCache.clear()  // it may hold rows of the rolled-back savepoint
                            headSeq = seq
                            headHash = hash
                        }
                    }
                    if headSeq != startSeq {
                        let head = keys.signHead(seq: headSeq, hash: headHash)
                        try db.cachedStatement(sql: "INSERT INTO ledger_head(id, seq, hash, signature) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, signature = excluded.signature")
                            .execute(arguments: [head.seq, head.hash, head.signature])
                    }
                    return .commit
                }
            }
        } catch {
            headSeq = startSeq
            headHash = startHash
            for job in batch where job.failure == nil { job.failure = error }
            writerCache.clear()
        }
        // Before anyone hears of the commit, drop what it changed from the read cache.
        cache.invalidate(touchedLots)
        touchedLots.removeAll(keepingCapacity: true)
        for job in batch { job.finish(job.failure) }
    }

    public func lotSnapshot(_ lotId: String) async throws -> LotRecord? {
        if let hit = cache.get(lotId) { return hit }
        let generation = cache.generation
        let lot = try await read { tx in try tx.lot(lotId) }
        if let lot { cache.put(lot, ifGeneration: generation) }
        return lot
    }

    fileprivate func append(db: Database, tenantId: String, contract: String, event: String, sourceTime: Int64, payload: JSONValue) throws -> LedgerEvent {
        let e = LedgerHashing.next(after: headSeq, prevHash: headHash, ledgerTime: Timestamp.nowMillis(), sourceTime: sourceTime,
                                   tenantId: tenantId, contract: contract, event: event, payload: payload)
        try db.cachedStatement(sql: "INSERT INTO ledger(seq, ledger_time, source_time, tenant_id, contract, event, payload, payload_hash, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)")
            .execute(arguments: [e.seq, e.ledgerTime, e.sourceTime, e.tenantId, e.contract, e.event, e.payload, e.payloadHash, e.prevHash, e.hash])
        headSeq = e.seq
        headHash = e.hash
        return e
    }

    fileprivate var nextSeq: Int64 { headSeq + 1 }

    // MARK: Administration

    public func createTenant(businessId: String, tenantId: String, tokenId: String, tokenHash: String, at: Int64) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO tenants(tenant_id, business_id, created_at) VALUES (?,?,?)", arguments: [tenantId, businessId, at])
            try db.execute(sql: "INSERT INTO tokens(token_id, token_hash, tenant_id, created_at) VALUES (?,?,?,?)",
                           arguments: [tokenId, tokenHash, tenantId, at])
        }
    }

    public func addToken(tenantId: String, tokenId: String, tokenHash: String, at: Int64) throws {
        try pool.write { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM tenants WHERE tenant_id = ?", arguments: [tenantId]) != nil else {
                throw Problem.notFound("tenant \(tenantId)")
            }
            try db.execute(sql: "INSERT INTO tokens(token_id, token_hash, tenant_id, created_at) VALUES (?,?,?,?)",
                           arguments: [tokenId, tokenHash, tenantId, at])
        }
    }

    public func revokeToken(tokenId: String, at: Int64) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "UPDATE tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL", arguments: [at, tokenId])
            return db.changesCount == 1
        }
    }

    public func tenants() throws -> [(TenantRecord, [TokenRecord])] {
        try pool.read { db in
            let ts = try Row.fetchAll(db, sql: "SELECT tenant_id, business_id, created_at FROM tenants ORDER BY created_at, tenant_id")
                .map { TenantRecord(tenantId: $0[0], businessId: $0[1], createdAt: $0[2]) }
            return try ts.map { t in
                let tokens = try Row.fetchAll(db, sql: "SELECT token_id, created_at, revoked_at FROM tokens WHERE tenant_id = ? ORDER BY created_at",
                                              arguments: [t.tenantId])
                    .map { TokenRecord(tokenId: $0[0], tenantId: t.tenantId, createdAt: $0[1], revokedAt: $0[2]) }
                return (t, tokens)
            }
        }
    }

    // MARK: Ledger

    public func forEachLedgerEvent(_ body: (LedgerEvent) throws -> Bool) throws {
        try pool.read { db in
            // Stored order (rowid), not sorted by the claimed sequence: a reordering must show.
            let cursor = try Row.fetchCursor(db, sql: "SELECT seq, ledger_time, source_time, tenant_id, contract, event, payload, payload_hash, prev_hash, hash FROM ledger ORDER BY rowid")
            while let r = try cursor.next() {
                let e = LedgerEvent(seq: r[0], ledgerTime: r[1], sourceTime: r[2], tenantId: r[3], contract: r[4], event: r[5],
                                    payload: r[6], payloadHash: r[7], prevHash: r[8], hash: r[9])
                if try !body(e) { break }
            }
        }
    }

    public func signedHead() throws -> SignedHead? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT seq, hash, signature FROM ledger_head WHERE id = 1").map {
                SignedHead(seq: $0[0], hash: $0[1], signature: $0[2])
            }
        }
    }
}

/// One transaction's view of the database. `store` is set for writes.
struct SQLiteTx: StoreWriting {
    let db: Database
    let store: SQLiteStore?

    private func one(_ sql: String, _ args: StatementArguments) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: sql), arguments: args)
    }

    private func all(_ sql: String, _ args: StatementArguments) throws -> [Row] {
        try Row.fetchAll(db.cachedStatement(sql: sql), arguments: args)
    }

    private func exec(_ sql: String, _ args: StatementArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: args)
    }

    func tenant(tokenHash: String) throws -> TenantRecord? {
        try one("SELECT t.tenant_id, t.business_id, t.created_at FROM tokens k JOIN tenants t ON t.tenant_id = k.tenant_id WHERE k.token_hash = ? AND k.revoked_at IS NULL", [tokenHash])
            .map { TenantRecord(tenantId: $0[0], businessId: $0[1], createdAt: $0[2]) }
    }

    func tenant(tenantId: String) throws -> TenantRecord? {
        try one("SELECT tenant_id, business_id, created_at FROM tenants WHERE tenant_id = ?", [tenantId])
            .map { TenantRecord(tenantId: $0[0], businessId: $0[1], createdAt: $0[2]) }
    }

    func tenant(businessId: String) throws -> TenantRecord? {
        try one("SELECT tenant_id, business_id, created_at FROM tenants WHERE business_id = ?", [businessId])
            .map { TenantRecord(tenantId: $0[0], businessId: $0[1], createdAt: $0[2]) }
    }

    static let lotColumns = "lot_id, tenant_id, declared_unit, status, created_at, material_co2, process_co2, completed, defects, total_co2, co2_per_unit, completed_at, completed_seq, shipped, completed_hash, version, statement, secondary_co2, certificate_count"

    func lot(_ lotId: String) throws -> LotRecord? {
        if let c = store?.writerCache {
            if let hit = c.lots[lotId] { return hit }
            let l = try readLot(lotId)
            if let l { c.put(lot: l) }
            return l
        }
        return try readLot(lotId)
    }

    private func readLot(_ lotId: String) throws -> LotRecord? {
        try one("SELECT \(Self.lotColumns) FROM lots WHERE lot_id = ?", [lotId]).map { r in
            LotRecord(lotId: r[0], tenantId: r[1], declaredUnit: r[2], status: r[3], createdAt: r[4], materialCO2: r[5],
                      processCO2: r[6], completed: r[7], defects: r[8], totalCO2: r[9], co2PerUnit: r[10], completedAt: r[11],
                      completedSeq: r[12], completedHash: r[14], shipped: r[13], version: r[15], statement: r[16], secondaryCO2: r[17], certificateCount: r[18])
        }
    }

    func equipment(_ equipmentId: String) throws -> EquipmentRecord? {
        if let c = store?.writerCache {
            if let hit = c.equipment[equipmentId] { return hit }
            let e = try readEquipment(equipmentId)
            if let e { c.put(equipment: e) }
            return e
        }
        return try readEquipment(equipmentId)
    }

    private func readEquipment(_ equipmentId: String) throws -> EquipmentRecord? {
        try one("SELECT equipment_id, tenant_id, activity_unit, created_at FROM equipment WHERE equipment_id = ?", [equipmentId])
            .map { EquipmentRecord(equipmentId: $0[0], tenantId: $0[1], activityUnit: $0[2], createdAt: $0[3]) }
    }

    func equipmentList(tenantId: String) throws -> [EquipmentRecord] {
        try all("SELECT equipment_id, tenant_id, activity_unit, created_at FROM equipment WHERE tenant_id = ? ORDER BY created_at, rowid", [tenantId])
            .map { EquipmentRecord(equipmentId: $0[0], tenantId: $0[1], activityUnit: $0[2], createdAt: $0[3]) }
    }

    private func intensityRecord(_ r: Row) -> IntensityRecord {
        IntensityRecord(equipmentId: r[0], version: r[1], value: r[2], unit: r[3], perActivity: r[4], validFrom: r[5],
                        registeredAt: r[6], reportId: r[7])
    }

    func intensity(equipmentId: String, at time: Int64) throws -> IntensityRecord? {
        if let c = store?.writerCache {
            let versions: [IntensityRecord]
            if let hit = c.intensities[equipmentId] {
                versions = hit
            } else {
                versions = try all("SELECT equipment_id, version, value, unit, per_activity, valid_from, registered_at, report_id FROM intensities WHERE equipment_id = ? ORDER BY valid_from, version", [equipmentId])
                    .map(intensityRecord)
                c.put(intensities: versions, for: equipmentId)
            }
            // Same choice as the query below: latest valid_from not after `time`, then highest version.
            return versions.last { $0.validFrom <= time }
        }
        return try one("SELECT equipment_id, version, value, unit, per_activity, valid_from, registered_at, report_id FROM intensities WHERE equipment_id = ? AND valid_from <= ? ORDER BY valid_from DESC, version DESC LIMIT 1", [equipmentId, time])
            .map(intensityRecord)
    }

    func intensity(equipmentId: String, version: Int64) throws -> IntensityRecord? {
        try one("SELECT equipment_id, version, value, unit, per_activity, valid_from, registered_at, report_id FROM intensities WHERE equipment_id = ? AND version = ?", [equipmentId, version])
            .map(intensityRecord)
    }

    func certificates(lotId: String) throws -> [String] {
        try all("SELECT jws FROM certificates WHERE lot_id = ? ORDER BY seq", [lotId]).map { $0[0] }
    }

    func latestIntensityVersion(equipmentId: String) throws -> Int64 {
        try one("SELECT COALESCE(MAX(version), 0) FROM intensities WHERE equipment_id = ?", [equipmentId])?[0] ?? 0
    }

    func materialUses(lotId: String) throws -> [MaterialUseRecord] {
        try all("SELECT use_id, lot_id, material_lot_id, category, quantity, unit, per_unit, per_unit_of, base_quantity, co2, source_time, seq, material_node, statement_version, intensity_source FROM material_uses WHERE lot_id = ? ORDER BY seq", [lotId])
            .map { MaterialUseRecord(useId: $0[0], lotId: $0[1], materialLotId: $0[2], category: $0[3], quantity: $0[4], unit: $0[5],
                                     perUnit: $0[6], perUnitOf: $0[7], baseQuantity: $0[8], co2: $0[9], sourceTime: $0[10], seq: $0[11],
                                     materialNode: $0[12], statementVersion: $0[13], intensitySource: $0[14]) }
    }

    func equipmentUses(lotId: String) throws -> [EquipmentUseRecord] {
        try all("SELECT use_id, lot_id, equipment_id, activity, unit, intensity, intensity_version, co2, source_time, seq FROM equipment_uses WHERE lot_id = ? ORDER BY seq", [lotId])
            .map { EquipmentUseRecord(useId: $0[0], lotId: $0[1], equipmentId: $0[2], activity: $0[3], unit: $0[4], intensity: $0[5],
                                      intensityVersion: $0[6], co2: $0[7], sourceTime: $0[8], seq: $0[9]) }
    }

    func shipments(lotId: String) throws -> [ShipmentRecord] {
        try all("SELECT shipment_id, lot_id, consignee, quantity, source_time, seq FROM shipments WHERE lot_id = ? ORDER BY seq", [lotId])
            .map { ShipmentRecord(shipmentId: $0[0], lotId: $0[1], consignee: $0[2], quantity: $0[3], sourceTime: $0[4], seq: $0[5]) }
    }

    func shippedQuantity(lotId: String, consignee: String) throws -> Double {
        try one("SELECT COALESCE(SUM(quantity), 0) FROM shipments WHERE lot_id = ? AND consignee = ?", [lotId, consignee])?[0] ?? 0
    }

    func usedQuantity(materialLotId: String, byTenant tenantId: String) throws -> Double {
        // base_quantity is already in the material lot's declared unit.
        try one("SELECT COALESCE(SUM(u.base_quantity), 0) FROM material_uses u JOIN lots l ON l.lot_id = u.lot_id WHERE u.material_lot_id = ? AND l.tenant_id = ?", [materialLotId, tenantId])?[0] ?? 0
    }

    func energyReport(_ reportId: String) throws -> EnergyReportRecord? {
        try one("SELECT report_id, tenant_id, period_start, period_end, payload, seq FROM energy_reports WHERE report_id = ?", [reportId])
            .map { EnergyReportRecord(reportId: $0[0], tenantId: $0[1], periodStart: $0[2], periodEnd: $0[3], payload: $0[4], seq: $0[5]) }
    }

    func remoteStatement(nodeId: String, lotId: String, version: Int64?) throws -> RemoteStatementRecord? {
        let sql = "SELECT node_id, lot_id, version, jws, co2_per_unit, declared_unit, fetched_at FROM remote_statements WHERE node_id = ? AND lot_id = ?"
        let row = try version.map { try one(sql + " AND version = ?", [nodeId, lotId, $0]) } ?? one(sql + " ORDER BY version DESC LIMIT 1", [nodeId, lotId])
        return row.map { RemoteStatementRecord(nodeId: $0[0], lotId: $0[1], version: $0[2], jws: $0[3], co2PerUnit: $0[4], declaredUnit: $0[5], fetchedAt: $0[6]) }
    }

    static let agreementColumns = "agreement_id, tenant_id, grantee, scope, lot_id, contracts, purpose, expires_at, created_at, revoked_at, seq, transitive"

    private func agreementRecord(_ r: Row) -> AgreementRecord {
        AgreementRecord(agreementId: r[0], tenantId: r[1], grantee: r[2], scope: r[3], lotId: r[4],
                        contracts: (r[5] as String).split(separator: ",").map(String.init), purpose: r[6], expiresAt: r[7],
                        createdAt: r[8], revokedAt: r[9], seq: r[10], transitive: r[11])
    }

    func agreement(_ agreementId: String) throws -> AgreementRecord? {
        try one("SELECT \(Self.agreementColumns) FROM agreements WHERE agreement_id = ?", [agreementId]).map(agreementRecord)
    }

    func agreements(ownerTenant tenantId: String) throws -> [AgreementRecord] {
        try all("SELECT \(Self.agreementColumns) FROM agreements WHERE tenant_id = ? ORDER BY seq DESC", [tenantId]).map(agreementRecord)
    }

    func agreements(grantee: String) throws -> [AgreementRecord] {
        try all("SELECT \(Self.agreementColumns) FROM agreements WHERE grantee = ? ORDER BY seq DESC", [grantee]).map(agreementRecord)
    }

    func agreements(ownerTenant tenantId: String, grantee: String) throws -> [AgreementRecord] {
        try all("SELECT \(Self.agreementColumns) FROM agreements WHERE tenant_id = ? AND grantee = ? AND revoked_at IS NULL ORDER BY seq",
                [tenantId, grantee]).map(agreementRecord)
    }

    func contribution(lotId: String) throws -> ContributionRecord? {
        try one("SELECT lot_id, tenant_id, category, factor, contributed_at, seq FROM contributions WHERE lot_id = ?", [lotId])
            .map { ContributionRecord(lotId: $0[0], tenantId: $0[1], category: $0[2], factor: $0[3], contributedAt: $0[4], seq: $0[5]) }
    }

    func contributions(category: String) throws -> [ContributedValue] {
        try all("SELECT c.tenant_id, l.co2_per_unit / c.factor, l.completed_at FROM contributions c JOIN lots l ON l.lot_id = c.lot_id WHERE c.category = ? AND l.co2_per_unit IS NOT NULL ORDER BY c.seq", [category])
            .map { ContributedValue(tenantId: $0[0], value: $0[1], completedAt: $0[2]) }
    }

    func held(node: String?, tenantId: String?) throws -> [HeldRecord] {
        try all("SELECT tenant_id, node, lot_id, kind, content, obtained_at FROM held WHERE (? IS NULL OR node = ?) AND (? IS NULL OR tenant_id = ?) ORDER BY id",
                [node, node, tenantId, tenantId])
            .map { HeldRecord(tenantId: $0[0], node: $0[1], lotId: $0[2], kind: $0[3], content: $0[4], obtainedAt: $0[5]) }
    }

    func materialUses(ofRemoteLot lotId: String, node: String) throws -> [MaterialUseRecord] {
        try all("SELECT use_id, lot_id, seq FROM material_uses WHERE material_lot_id = ? AND material_node = ? ORDER BY seq", [lotId, node])
            .map { MaterialUseRecord(useId: $0[0], lotId: $0[1], materialLotId: lotId, category: nil, quantity: 0, unit: "", perUnit: 0, perUnitOf: "",
                                     baseQuantity: 0, co2: 0, sourceTime: 0, seq: $0[2], materialNode: node) }
    }

    func lotIds(tenantId: String) throws -> [String] {
        try all("SELECT lot_id FROM lots WHERE tenant_id = ? ORDER BY created_at, rowid", [tenantId]).map { $0[0] }
    }

    func deletionReceipts(ownerTenant tenantId: String) throws -> [String] {
        try all("SELECT jws FROM deletion_receipts WHERE owner_tenant = ? ORDER BY id DESC", [tenantId]).map { $0[0] }
    }

    func usage(ownerTenant tenantId: String, limit: Int) throws -> [UsageRecord] {
        try all("SELECT owner_tenant, reader, contract, lot_id, basis, at FROM usage_log WHERE owner_tenant = ? ORDER BY id DESC LIMIT ?", [tenantId, limit])
            .map { UsageRecord(ownerTenant: $0[0], reader: $0[1], contract: $0[2], lotId: $0[3], basis: $0[4], at: $0[5]) }
    }

    // MARK: Writes

    func insertCertificate(lotId: String, jws: String, certifier: String, version: Int64, at: Int64, seq: Int64) throws {
        try exec("INSERT INTO certificates(lot_id, jws, certifier, version, attached_at, seq) VALUES (?,?,?,?,?,?)", [lotId, jws, certifier, version, at, seq])
    }

    func insertHeld(_ h: HeldRecord) throws {
        try exec("INSERT INTO held(tenant_id, node, lot_id, kind, content, obtained_at) VALUES (?,?,?,?,?,?)",
                 [h.tenantId, h.node, h.lotId, h.kind, h.content, h.obtainedAt])
    }

    func deleteHeld(node: String, lotIds: [String], at: Int64) throws -> [HeldRecord] {
        var removed: [HeldRecord] = []
        for lot in lotIds {
            let rows = try all("SELECT tenant_id, node, lot_id, kind, content, obtained_at FROM held WHERE node = ? AND lot_id = ?", [node, lot])
                .map { HeldRecord(tenantId: $0[0], node: $0[1], lotId: $0[2], kind: $0[3], content: $0[4], obtainedAt: $0[5]) }
            for r in rows {
                try exec("INSERT INTO deleted_facts(node, lot_id, kind, sha256, deleted_at) VALUES (?,?,?,?,?)",
                         [node, lot, r.kind, LedgerHashing.sha256Hex(r.content), at])
            }
            try exec("DELETE FROM held WHERE node = ? AND lot_id = ?", [node, lot])
            removed += rows
        }
        return removed
    }

    func insertDeletionReceipt(ownerTenant: String, node: String, jws: String, at: Int64, seq: Int64) throws {
        try exec("INSERT INTO deletion_receipts(owner_tenant, node, jws, received_at, seq) VALUES (?,?,?,?,?)", [ownerTenant, node, jws, at, seq])
    }

    func insertContribution(_ c: ContributionRecord) throws {
        try exec("INSERT INTO contributions(lot_id, tenant_id, category, factor, contributed_at, seq) VALUES (?,?,?,?,?,?)",
                 [c.lotId, c.tenantId, c.category, c.factor, c.contributedAt, c.seq])
    }

    func insertUsage(_ entries: [UsageRecord]) throws {
        for u in entries {
            try exec("INSERT INTO usage_log(owner_tenant, reader, contract, lot_id, basis, at) VALUES (?,?,?,?,?,?)",
                     [u.ownerTenant, u.reader, u.contract, u.lotId, u.basis, u.at])
        }
    }

    func insertAgreement(_ a: AgreementRecord) throws {
        try exec("INSERT INTO agreements(\(Self.agreementColumns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                 [a.agreementId, a.tenantId, a.grantee, a.scope, a.lotId, a.contracts.joined(separator: ","), a.purpose, a.expiresAt,
                  a.createdAt, a.revokedAt, a.seq, a.transitive])
    }

    func revokeAgreement(_ agreementId: String, at: Int64) throws {
        try exec("UPDATE agreements SET revoked_at = ? WHERE agreement_id = ? AND revoked_at IS NULL", [at, agreementId])
    }

    func insertRemoteStatement(_ r: RemoteStatementRecord) throws {
        try exec("INSERT INTO remote_statements(node_id, lot_id, version, jws, co2_per_unit, declared_unit, fetched_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                 [r.nodeId, r.lotId, r.version, r.jws, r.co2PerUnit, r.declaredUnit, r.fetchedAt])
    }

    func insertLot(_ l: LotRecord) throws {
        store?.touchedLots.append(l.lotId)
        store?.writerCache.put(lot: l)
        try exec("INSERT INTO lots(\(Self.lotColumns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                 [l.lotId, l.tenantId, l.declaredUnit, l.status, l.createdAt, l.materialCO2, l.processCO2, l.completed, l.defects,
                  l.totalCO2, l.co2PerUnit, l.completedAt, l.completedSeq, l.shipped, l.completedHash, l.version, l.statement, l.secondaryCO2,
                  l.certificateCount])
    }

    func updateLot(_ l: LotRecord) throws {
        store?.touchedLots.append(l.lotId)
        store?.writerCache.put(lot: l)
        try exec("UPDATE lots SET status = ?, material_co2 = ?, process_co2 = ?, completed = ?, defects = ?, total_co2 = ?, co2_per_unit = ?, completed_at = ?, completed_seq = ?, shipped = ?, completed_hash = ?, version = ?, statement = ?, secondary_co2 = ?, certificate_count = ? WHERE lot_id = ?",
                 [l.status, l.materialCO2, l.processCO2, l.completed, l.defects, l.totalCO2, l.co2PerUnit, l.completedAt, l.completedSeq,
                  l.shipped, l.completedHash, l.version, l.statement, l.secondaryCO2, l.certificateCount, l.lotId])
    }

    func insertEquipment(_ e: EquipmentRecord) throws {
        try exec("INSERT INTO equipment(equipment_id, tenant_id, activity_unit, created_at) VALUES (?,?,?,?)",
                 [e.equipmentId, e.tenantId, e.activityUnit, e.createdAt])
    }

    func insertIntensity(_ i: IntensityRecord) throws {
        store?.writerCache.intensities[i.equipmentId] = nil
        try exec("INSERT INTO intensities(equipment_id, version, value, unit, per_activity, valid_from, registered_at, report_id) VALUES (?,?,?,?,?,?,?,?)",
                 [i.equipmentId, i.version, i.value, i.unit, i.perActivity, i.validFrom, i.registeredAt, i.reportId])
    }

    func insertMaterialUse(_ u: MaterialUseRecord) throws {
        try exec("INSERT INTO material_uses(use_id, lot_id, material_lot_id, category, quantity, unit, per_unit, per_unit_of, base_quantity, co2, source_time, seq, material_node, statement_version, intensity_source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                 [u.useId, u.lotId, u.materialLotId, u.category, u.quantity, u.unit, u.perUnit, u.perUnitOf, u.baseQuantity, u.co2, u.sourceTime, u.seq,
                  u.materialNode, u.statementVersion, u.intensitySource])
    }

    func insertEquipmentUse(_ u: EquipmentUseRecord) throws {
        try exec("INSERT INTO equipment_uses(use_id, lot_id, equipment_id, activity, unit, intensity, intensity_version, co2, source_time, seq) VALUES (?,?,?,?,?,?,?,?,?,?)",
                 [u.useId, u.lotId, u.equipmentId, u.activity, u.unit, u.intensity, u.intensityVersion, u.co2, u.sourceTime, u.seq])
    }

    func insertShipment(_ s: ShipmentRecord) throws {
        try exec("INSERT INTO shipments(shipment_id, lot_id, consignee, quantity, source_time, seq) VALUES (?,?,?,?,?,?)",
                 [s.shipmentId, s.lotId, s.consignee, s.quantity, s.sourceTime, s.seq])
    }

    func insertEnergyReport(_ r: EnergyReportRecord) throws {
        try exec("INSERT INTO energy_reports(report_id, tenant_id, period_start, period_end, payload, seq) VALUES (?,?,?,?,?,?)",
                 [r.reportId, r.tenantId, r.periodStart, r.periodEnd, r.payload, r.seq])
    }

    func appendLedger(tenantId: String, contract: String, event: String, sourceTime: Int64, payload: JSONValue) throws -> LedgerEvent {
        guard let store else { fatalError("appendLedger outside a write transaction") }
        return try store.append(db: db, tenantId: tenantId, contract: contract, event: event, sourceTime: sourceTime, payload: payload)
    }

    var nextSeq: Int64 { store?.nextSeq ?? 0 }
}

extension Store {
    /// Recomputes the whole chain and checks the signed head with the node's public key.
    public func verifyLedger(nodeId: String, publicKey: CTNLedger.PublicSigningKey) throws -> VerificationReport {
        var verifier = LedgerVerifier()
        try forEachLedgerEvent { verifier.feed($0) }
        return verifier.finish(head: try signedHead(), nodeId: nodeId, publicKey: publicKey)
    }
}

/// Lots as last committed, for reads that need no transaction. Entries are dropped when a commit
/// touches them; a reader only fills the cache if no commit happened while it read the database.
final class LotCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: LotRecord] = [:]
    private var gen: UInt64 = 0
    static let capacity = 200_000

    var generation: UInt64 { lock.withLock { gen } }

    func get(_ id: String) -> LotRecord? {
        lock.withLock { entries[id] }
    }

    func put(_ lot: LotRecord, ifGeneration g: UInt64) {
        lock.withLock {
            guard g == gen else { return }
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[lot.lotId] = lot
        }
    }

    func invalidate(_ ids: [String]) {
        guard !ids.isEmpty else { return }
        lock.withLock {
            gen &+= 1
            for id in ids { entries[id] = nil }
        }
    }
}

/// What the single writer has already read or written, so that a hot lot, its equipment and the
/// intensity versions are not fetched again for every call. Only the writer queue touches it, and
/// it is cleared whenever a savepoint or a commit fails, so it only ever holds committed rows or
/// rows of the transaction in progress.
final class WriterCache {
    private(set) var lots: [String: LotRecord] = [:]
    private(set) var equipment: [String: EquipmentRecord] = [:]
    var intensities: [String: [IntensityRecord]] = [:]
    static let capacity = 100_000

    func put(lot: LotRecord) {
        if lots.count >= Self.capacity { lots.removeAll(keepingCapacity: true) }
        lots[lot.lotId] = lot
    }

    func put(equipment e: EquipmentRecord) {
        if equipment.count >= Self.capacity { equipment.removeAll(keepingCapacity: true) }
        equipment[e.equipmentId] = e
    }

    func put(intensities versions: [IntensityRecord], for id: String) {
        if intensities.count >= Self.capacity { intensities.removeAll(keepingCapacity: true) }
        intensities[id] = versions
    }

    func clear() {
        lots.removeAll()
        equipment.removeAll()
        intensities.removeAll()
    }
}
