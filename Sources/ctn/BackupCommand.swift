import ArgumentParser
import CTNLedger
import CTNModel
import CTNNode
import CTNSQLite
import CTNStore
import Foundation

/// `ctn backup`: a consistent copy of a node's database, taken while the node serves.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the node's database to a new file (mode 0600) with SQLite's online backup, while the node serves.",
        discussion:
            "The copy holds every tenant's data and the ledger; the node's keys stay in the data folder (keep them apart: they are secrets). Restore with 'ctn restore'."
    )
    @OptionGroup var data: DataOption
    @Option(help: "The backup file to write (it must not exist).") var to: String

    func run() async throws {
        let source = data.url.appendingPathComponent(Node.databaseFile).path
        let events: Int64
        do { events = try SQLiteStore.backup(databaseAt: source, to: to) } catch { fail("backup failed: \(error)") }
        print(CanonicalJSON.encodeOrdered(["backup": .string(to), "events": .number(Double(events))]))
    }
}
