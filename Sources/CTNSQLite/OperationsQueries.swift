import CTNModel
import CTNSQL
import CTNStore
import Foundation
import GRDB

/// Tenant limits, health, backup and restore of the SQLite database.
extension SQLiteStore {
    public func health() async throws -> StoreHealth {
        let migrator = Self.migrator
        let (migrated, schema) = try await dbWriter.read { db in
            (try migrator.hasCompletedMigrations(db), try migrator.appliedMigrations(db).last ?? "")
        }
        let (waiting, busy) = committer.load
        return StoreHealth(
            migrated: migrated, schema: schema, readersInUse: readsInFlight.load(ordering: .relaxed), readers: readerCount,
            writesWaiting: waiting, writerBusy: busy)
    }

    /// Closes the database: SQLite checkpoints the WAL into the file as its last connection
    /// closes. The store is unusable afterwards.
    public func closeDatabase() throws {
        try pointReaders?.close()
        try dbWriter.close()
    }

    /// Copies the database at `source` to a new file `target` (mode 0600) with SQLite's online
    /// backup: a consistent snapshot, taken while a node may be serving and writing the source.
    /// Returns the copy's ledger length.
    @discardableResult
    public static func backup(databaseAt source: String, to target: String) throws -> Int64 {
        guard FileManager.default.fileExists(atPath: source) else { throw Problem.notFound("database \(source)") }
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw Problem(
                status: 409, code: "backup_target", title: "Cannot write the backup",
                detail: "\(target): \(String(cString: strerror(errno))) (a backup never overwrites a file)")
        }
        close(fd)
        do {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(10)
            let from = try DatabasePool(path: source, configuration: config)
            let to = try DatabaseQueue(path: target)
            try from.backup(to: to)
            let size = try to.writeWithoutTransaction { db in
                // The copy stands alone: no WAL beside it.
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
                return try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM ledger") ?? 0
            }
            try to.close()
            try from.close()
            return size
        } catch {
            try? FileManager.default.removeItem(atPath: target)
            throw error
        }
    }
}
