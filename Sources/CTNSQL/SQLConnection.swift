import GRDB

/// Arguments of a statement, in the order of its `?` placeholders.
package typealias SQLArguments = [(any DatabaseValueConvertible)?]

/// One connection inside a transaction, as the shared SQL layer sees it: statements written once
/// with `?` placeholders in the SQL both databases accept, rows decoded by column name into GRDB
/// `Row` values. SQLite's `Database` is one (its statements cached); PostgreSQL's is a blocking
/// wrapper around a postgres-nio connection, used from threads of its own.
package protocol SQLConnection {
    func rows(_ sql: String, _ args: SQLArguments) throws -> [Row]
    func fetchAll<R: FetchableRecord>(_ type: R.Type, _ sql: String, _ args: SQLArguments) throws -> [R]
    func fetchOne<R: FetchableRecord>(_ type: R.Type, _ sql: String, _ args: SQLArguments) throws -> R?
    func fetchValues<V: DatabaseValueConvertible>(_ type: V.Type, _ sql: String, _ args: SQLArguments) throws -> [V]
    func fetchValue<V: DatabaseValueConvertible>(_ type: V.Type, _ sql: String, _ args: SQLArguments) throws -> V?
    /// Runs a statement; returns the number of rows it changed.
    @discardableResult func execute(_ sql: String, _ args: SQLArguments) throws -> Int
    /// Runs `body` in a savepoint: released when it returns, rolled back (and rethrown) when it throws.
    func savepoint(_ body: () throws -> Void) throws
}

extension SQLConnection {
    package func fetchAll<R: FetchableRecord>(_ type: R.Type, _ sql: String, _ args: SQLArguments) throws -> [R] {
        try rows(sql, args).map { try R(row: $0) }
    }

    package func fetchOne<R: FetchableRecord>(_ type: R.Type, _ sql: String, _ args: SQLArguments) throws -> R? {
        try rows(sql, args).first.map { try R(row: $0) }
    }

    package func fetchValues<V: DatabaseValueConvertible>(_ type: V.Type, _ sql: String, _ args: SQLArguments) throws -> [V] {
        try rows(sql, args).compactMap { row in row.count > 0 ? V.fromDatabaseValue(row[0] as DatabaseValue) : nil }
    }

    package func fetchValue<V: DatabaseValueConvertible>(_ type: V.Type, _ sql: String, _ args: SQLArguments) throws -> V? {
        try rows(sql, args).first.flatMap { row in row.count > 0 ? V.fromDatabaseValue(row[0] as DatabaseValue) : nil }
    }
}

extension SQLConnection {
    package func rows(_ sql: String) throws -> [Row] { try rows(sql, []) }

    package func row(_ sql: String, _ args: SQLArguments = []) throws -> Row? { try rows(sql, args).first }
}
