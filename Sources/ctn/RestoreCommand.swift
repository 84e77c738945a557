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
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staged + suffix) }
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
            try? FileManager.default.removeItem(atPath: staged)
            fail("the backup is not a database of this node: \(error)")
        }
        guard ledger.ok, log.ok else {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: staged + suffix) }
            fail("the backup does not verify with this node's key: \(ledger.failure?.reason ?? log.failure ?? "")")
        }
        let fm = FileManager.default
        // The database replaced, and any WAL of it (even without it: SQLite would replay a stale WAL
        // over the restored file), are kept aside.
        let aside = target + ".replaced-\(Timestamp.nowMillis())"
        for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: target + suffix) {
            try fm.moveItem(atPath: target + suffix, toPath: aside + suffix)
        }
        try fm.moveItem(atPath: staged, toPath: target)
        // A WAL left beside the copy (none after a clean close) goes with it: it holds pages of it.
        for suffix in ["-wal", "-shm"] where fm.fileExists(atPath: staged + suffix) {
            try fm.moveItem(atPath: staged + suffix, toPath: target + suffix)
        }
        print(
            CanonicalJSON.encodeOrdered([
                "restored": .string(from), "events": .number(Double(ledger.events)), "headSeq": .number(Double(ledger.headSeq)),
                "headHash": .string(ledger.headHash), "logRoot": .string(log.root),
            ]))
    }
}
