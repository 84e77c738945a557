import CTNSQL
import GRDB

/// SQLite's side of the shared SQL layer: every statement prepared once per connection and kept
/// (GRDB's statement cache), records decoded straight from the statement.
extension Database: SQLConnection {
    package func rows(_ sql: String, _ args: SQLArguments) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: StatementArguments(args))
    }

    package func fetchAll<R: FetchableRecord>(_ type: R.Type, _ sql: String, _ args: SQLArguments) throws -> [R] {
        try R.fetchAll(cachedStatement(sql: sql), arguments: StatementArguments(args))
    }

    package func fetchOne<R: FetchableRecord>(_ type: R.Type, _ sql: String, _ args: SQLArguments) throws -> R? {
        try R.fetchOne(cachedStatement(sql: sql), arguments: StatementArguments(args))
    }

    package func fetchValues<V: DatabaseValueConvertible>(_ type: V.Type, _ sql: String, _ args: SQLArguments) throws -> [V] {
        try V.fetchAll(cachedStatement(sql: sql), arguments: StatementArguments(args))
    }

    package func fetchValue<V: DatabaseValueConvertible>(_ type: V.Type, _ sql: String, _ args: SQLArguments) throws -> V? {
        try V.fetchOne(cachedStatement(sql: sql), arguments: StatementArguments(args))
    }

    @discardableResult
    package func execute(_ sql: String, _ args: SQLArguments) throws -> Int {
        try cachedStatement(sql: sql).execute(arguments: StatementArguments(args))
        return changesCount
    }

    package func savepoint(_ body: () throws -> Void) throws {
        try inSavepoint {
            try body()
            return .commit
        }
    }
}
