import ArgumentParser
import CTNLedger
import CTNModel
import CTNNode
import CTNPostgres
import CTNSQLite
import CTNStore
import Foundation

/// The node's database as a whole: moving it from the folder's SQLite file to PostgreSQL.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Move a node's data between databases.", subcommands: [Migrate.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Copy a node's whole SQLite database into an empty PostgreSQL one, verify its ledger and log there with the same head, and point the folder at it (the SQLite file is kept)."
        )
        @Option(help: "The node's data folder (its data in the folder's SQLite file).") var data: String
        @Option(help: "The empty PostgreSQL database (postgresql://user:password@host:port/name; or CTN_DATABASE_URL).")
        var to: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            umask(0o077)
            let dir = URL(fileURLWithPath: data)
            if let recorded = NodeDatabase.recorded(dir) { fail("\(data) keeps its data in PostgreSQL already (\(recorded))") }
            guard let to = NodeDatabase.given(to) else { fail("--to or CTN_DATABASE_URL names the PostgreSQL database") }
            let url: PostgresURL
            do { url = try PostgresURL(to) } catch { fail("--to: \(error)") }
            let keys: NodeKeys
            do { keys = try NodeKeys.read(from: dir) } catch { fail("\(error)") }
            // No server may write the SQLite file while it is copied.
            guard ServeLock.acquire(dir) != nil else { fail("a ctn serve is running on \(data); stop it first") }
            let path = dir.appendingPathComponent(Node.databaseFile).path
            guard FileManager.default.fileExists(atPath: path) else { fail("no database at \(path)") }
            let sqlite = try SQLiteStore(path: path, keys: keys)  // applies the migrations this build has
            let before = try await sqlite.verifyLedger(nodeId: keys.nodeId, publicKey: keys.signingKey.publicKey)
            guard before.ok else { fail("the SQLite ledger does not verify (\(before.failure?.reason ?? "")); nothing was copied") }
            try sqlite.closeDatabase()

            let target = try await PostgresStore.open(url, keys: keys)
            let report: SQLiteImport.Report
            do { report = try await SQLiteImport.copy(sqlite: path, into: target) } catch {
                target.close()
                fail("\(error)")
            }
            target.close()
            // Opened again, as a node would: the ledger and log verify there, with the same head.
            let reopened = try await PostgresStore.open(url, keys: keys)
            defer { reopened.close() }
            let after = try await reopened.verifyLedger(nodeId: keys.nodeId, publicKey: keys.signingKey.publicKey)
            let log = try await reopened.verifyLog(publicKey: keys.signingKey.publicKey)
            guard after.ok, log.ok, after.headSeq == before.headSeq, after.headHash == before.headHash else {
                fail(
                    "the copy does not verify with the same head (\(after.failure?.reason ?? log.failure ?? "head differs")); the folder still uses SQLite"
                )
            }
            try NodeDatabase.record(dir, url)
            let rows = report.rows.values.reduce(0, +)
            Output.print(
                [
                    "database": .string(url.description), "tables": .number(Double(report.rows.count)), "rows": .number(Double(rows)),
                    "events": .number(Double(after.events)), "headSeq": .number(Double(after.headSeq)), "headHash": .string(after.headHash),
                    "logSize": .number(Double(log.size)), "verified": true,
                ], json: json)
        }
    }
}
