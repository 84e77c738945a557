import ArgumentParser
import CTNLedger
import CTNModel
import CTNNode
import CTNSQLite
import CTNStore
import Foundation

/// `ctn restore`: puts a backup in place of a stopped node's database, after checking it.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the node's database with a backup, once its ledger and log verify with the node's key.",
        discussion:
            "The node must be stopped. The data folder must hold the node's keys (from 'ctn init' of the same node or the original folder). The database it replaces is kept beside it as ctn.sqlite.replaced-<time>."
    )
    @OptionGroup var data: DataOption
    @Option(help: "The backup file (from 'ctn backup').") var from: String

    func run() async throws {
        let dir = data.url
        // Held until the process ends: no server can start on the folder while its database is swapped.
        guard ServeLock.acquire(dir) != nil else { fail("a ctn serve is running on \(data.data): stop it first") }
        let keys: NodeKeys
        do { keys = try NodeKeys.read(from: dir) } catch { fail("\(error)") }
        let target = dir.appendingPathComponent(Node.databaseFile).path
        let staged = target + ".restoring"
        Self.discard(staged)
        do { try SQLiteStore.backup(databaseAt: from, to: staged) } catch { fail("cannot read the backup: \(error)") }
        // The copy is checked as the node will open it: its chain, its signed head, its log.
        let ledger: VerificationReport
        let log: LogVerification
        do {
            let store = try SQLiteStore(path: staged, keys: keys)
            ledger = try await store.verifyLedger(nodeId: keys.nodeId, publicKey: keys.signingKey.publicKey)
            log = try await store.verifyLog(publicKey: keys.signingKey.publicKey)
            // Opening it may have migrated an older backup: close it, so that every page is in the
            // file itself (SQLite checkpoints the WAL when its last connection closes).
            try store.closeDatabase()
        } catch {
            Self.discard(staged)
            fail("the backup is not a database of this node: \(error)")
        }
        guard ledger.ok, log.ok else {
            Self.discard(staged)
            fail("the backup does not verify with this node's key: \(ledger.failure?.reason ?? log.failure ?? "")")
        }
        // The database replaced, and any WAL of it (even without it: SQLite would replay a stale WAL
        // over the restored file), are kept aside; a WAL left beside the copy (none after a clean
        // close) goes with it, since it holds pages of it.
        try Self.move(target, to: target + ".replaced-\(Timestamp.nowMillis())")
        try Self.move(staged, to: target)
        print(
            CanonicalJSON.encodeOrdered([
                "restored": .string(from), "events": .number(Double(ledger.events)), "headSeq": .number(Double(ledger.headSeq)),
                "headHash": .string(ledger.headHash), "logRoot": .string(log.root),
            ]))
    }

    /// A database file and its `-wal` and `-shm`, each where it exists.
    static let parts = ["", "-wal", "-shm"]

    static func discard(_ path: String) { for p in parts { try? FileManager.default.removeItem(atPath: path + p) } }

    static func move(_ path: String, to target: String) throws {
        for p in parts where FileManager.default.fileExists(atPath: path + p) {
            try FileManager.default.moveItem(atPath: path + p, toPath: target + p)
        }
    }
}
