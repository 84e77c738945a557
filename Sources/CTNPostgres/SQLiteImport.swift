import CTNSQL
import Foundation
import GRDB

/// Copies a node's whole SQLite database into an empty PostgreSQL one (`ctn store migrate`): every
/// table, row for row, in one PostgreSQL transaction, so a failed copy leaves the target empty.
/// The identity columns go on after the largest copied value. The SQLite file is only read.
public enum SQLiteImport {
    /// Tables whose rows others refer to come first; the rest follow in name order.
    static let first = ["tenants", "tokens", "equipment", "intensities", "lots", "site_snapshots", "mb_events", "cbam_reports"]
    /// Tables that carry SQLite's implicit row ID as a column of their own on PostgreSQL.
    static let rowidTables: Set<String> = ["equipment", "lots", "pact_footprints"]

    /// What was copied: rows per table.
    public struct Report: Sendable {
        public var rows: [String: Int] = [:]
    }

    /// Why nothing was copied.
    public struct Refused: Error, CustomStringConvertible {
        public let description: String
    }

    /// Copies the database at `path` (already migrated to this build's schema) into `store`'s.
    public static func copy(sqlite path: String, into store: PostgresStore) async throws -> Report {
        var config = Configuration()
        config.readonly = true
        let source = try DatabaseQueue(path: path, configuration: config)
        defer { try? source.close() }
        return try await store.sqlWrite { h in
            let target = h.db
            guard try !PostgresStore.holdsData(target) else {
                throw Refused(description: "the target database already holds a node's data (a migration copies into an empty one)")
            }
            let targetTables = Set(
                try target.fetchValues(
                    String.self, "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'", []))
            let tables = try source.read { db in
                try String.fetchAll(
                    db,
                    sql:
                        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name"
                )
            }
            var report = Report()
            for table in first.filter(tables.contains) + tables.filter({ !first.contains($0) }) {
                guard targetTables.contains(table) else {
                    throw Refused(description: "table \(table) has no place in the PostgreSQL schema")
                }
                report.rows[table] = try copyTable(table, from: source, to: target)
            }
            try resetIdentities(target)
            return report
        }
    }

    /// Streams one table out of SQLite (in row order where it has row IDs, so a row that refers to
    /// an earlier one of its table follows it) into multi-row INSERTs; returns the row count.
    static func copyTable(_ table: String, from source: DatabaseQueue, to target: any SQLConnection) throws -> Int {
        try source.read { db in
            let withoutRowid =
                try Bool.fetchOne(
                    db, sql: "SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table])
                ?? false
            let columns = try db.columns(in: table).map(\.name) + (rowidTables.contains(table) ? ["rowid"] : [])
            let list = columns.map { $0 == "rowid" ? "rowid" : "\"\($0)\"" }.joined(separator: ", ")
            let perPage = max(1, min(500, 60_000 / columns.count))
            let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
            let insert = "INSERT INTO \"\(table)\"(\(columns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES "
            var page: SQLArguments = []
            var pending = 0
            var count = 0
            func flush() throws {
                guard pending > 0 else { return }
                try target.execute(insert + Array(repeating: tuple, count: pending).joined(separator: ","), page)
                count += pending
                page.removeAll(keepingCapacity: true)
                pending = 0
            }
            let rows = try Row.fetchCursor(db, sql: "SELECT \(list) FROM \"\(table)\"" + (withoutRowid ? "" : " ORDER BY rowid"))
            while let row = try rows.next() {
                for i in columns.indices { page.append(row[i] as DatabaseValue) }
                pending += 1
                if pending == perPage { try flush() }
            }
            try flush()
            return count
        }
    }

    /// Moves every identity column's sequence past the largest value copied into it.
    static func resetIdentities(_ db: any SQLConnection) throws {
        let identities = try db.rows(
            "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'"
        )
        for r in identities {
            let table: String = r["t"]
            let column: String = r["c"]
            try db.execute(
                "SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), COALESCE((SELECT MAX(\"\(column)\") FROM \"\(table)\"), 0) + 1, false)",
                [])
        }
    }
}
