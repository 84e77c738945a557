import CTNSQL
import Foundation
import GRDB
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// A postgres-nio connection used synchronously, as the shared SQL layer needs: each statement is
/// sent and its rows awaited with `EventLoopFuture.wait()`. Only ever used from threads of the
/// store's own (never from an event loop, nor from Swift concurrency's pool), one transaction at a
/// time. `?` placeholders become `$1, $2, …`; cells become GRDB database values by their type.
struct BlockingConnection: SQLConnection {
    let conn: PostgresConnection
    let logger: Logger

    func rows(_ sql: String, _ args: SQLArguments) throws -> [Row] {
        try run(sql, args).rows.map(Self.row)
    }

    /// A PostgreSQL row as a GRDB row, its columns by name.
    static func row(_ pgRow: PostgresRow) throws -> Row {
        var columns: [String: (any DatabaseValueConvertible)?] = [:]
        for cell in pgRow { columns[cell.columnName] = try value(cell) }
        return Row(columns)
    }

    func fetchValues<V: DatabaseValueConvertible>(_ type: V.Type, _ sql: String, _ args: SQLArguments) throws -> [V] {
        try run(sql, args).rows.compactMap { row in try row.first.flatMap { V.fromDatabaseValue(try Self.value($0)) } }
    }

    func fetchValue<V: DatabaseValueConvertible>(_ type: V.Type, _ sql: String, _ args: SQLArguments) throws -> V? {
        try run(sql, args).rows.first.flatMap { row in try row.first.flatMap { V.fromDatabaseValue(try Self.value($0)) } }
    }

    @discardableResult
    func execute(_ sql: String, _ args: SQLArguments) throws -> Int {
        try run(sql, args).metadata.rows ?? 0
    }

    /// Runs `body` between `begin` and a checked COMMIT; rolls back and rethrows when it throws.
    func inTransaction<T>(_ begin: String, _ body: (BlockingConnection) throws -> T) throws -> T {
        try execute(begin, [])
        do {
            let value = try body(self)
            try commit()
            return value
        } catch {
            _ = try? execute("ROLLBACK", [])
            throw error
        }
    }

    /// Commits, or throws if the server did not (it answers COMMIT in a failed transaction with a
    /// ROLLBACK, not an error).
    func commit() throws {
        let tag = try run("COMMIT", []).metadata.command
        guard tag == "COMMIT" else { throw PostgresPool.Failure(description: "the transaction was rolled back (\(tag))") }
    }

    func savepoint(_ body: () throws -> Void) throws {
        try execute("SAVEPOINT ctn_job", [])
        do {
            try body()
        } catch {
            try execute("ROLLBACK TO SAVEPOINT ctn_job", [])
            throw error
        }
        try execute("RELEASE SAVEPOINT ctn_job", [])
    }

    /// Sends one statement and waits for all of its rows.
    func run(_ sql: String, _ args: SQLArguments) throws -> PostgresQueryResult {
        do {
            return try conn.query(try Self.query(sql, args), logger: logger).wait()
        } catch let e as PSQLError {
            throw PostgresPool.Failure(description: "a statement failed: \(e.serverInfo?[.message] ?? "\(e.code)")")
        }
    }

    /// The statement with numbered placeholders and its arguments bound by their GRDB storage.
    static func query(_ sql: String, _ args: SQLArguments) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: args.count)
        for arg in args {
            switch arg?.databaseValue.storage ?? .null {
            case .null: bindings.appendNull()
            case .int64(let v): try bindings.append(v)
            case .double(let v): try bindings.append(v)
            case .string(let v): try bindings.append(v)
            case .blob(let v): try bindings.append(ByteBuffer(bytes: v))
            }
        }
        return PostgresQuery(unsafeSQL: Placeholders.numbered(sql), binds: bindings)
    }

    /// A cell as a GRDB value: integers and booleans as Int64, floats and numerics as Double,
    /// bytea as Data, everything else as text.
    static func value(_ cell: PostgresCell) throws -> DatabaseValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return try cell.decode(Int64.self).databaseValue
        case .bool: return (try cell.decode(Bool.self) ? 1 : 0).databaseValue
        case .float4, .float8: return try cell.decode(Double.self).databaseValue
        case .numeric: return NSDecimalNumber(decimal: try cell.decode(Decimal.self)).doubleValue.databaseValue
        case .bytea:
            var buffer = try cell.decode(ByteBuffer.self)
            return Data(buffer.readBytes(length: buffer.readableBytes) ?? []).databaseValue
        default: return try cell.decode(String.self).databaseValue
        }
    }
}
