import CTNLedger
import CTNSQL
import CTNStore
import Foundation
import GRDB

extension SQLiteStore {
    /// Makes every stored event a leaf of the log's tree, in sequence order (the tree must be empty):
    /// its hash, or the statement kept as its leaf.
    static func buildLogTree(_ db: Database) throws {
        var tree = CompactRange()
        let insert = try db.makeStatement(sql: "INSERT INTO log_nodes(level, idx, hash) VALUES (?,?,?)")
        let stated = try db.tableExists("log_statements")
        let rows = try Row.fetchCursor(
            db,
            sql: stated
                ? "SELECT l.hash, s.statement FROM ledger l LEFT JOIN log_statements s ON s.seq = l.seq ORDER BY l.seq"
                : "SELECT hash, NULL AS statement FROM ledger ORDER BY seq")
        while let row = try rows.next() {
            for n in tree.append(LogTree.leaf(hash: row["hash"], statement: row["statement"])) {
                try insert.execute(arguments: [n.level, n.index, Data(n.hash)])
            }
        }
    }
}
