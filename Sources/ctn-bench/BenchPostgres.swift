import CTNPostgres
import Dispatch
import Foundation
import Synchronization

/// The PostgreSQL side of the benchmarks: a database of its own for each node a run makes, on the
/// server `admin` names (its user must be allowed to create databases).
enum BenchPostgres {
    /// Runs async work from the benchmark's synchronous code (never on Swift concurrency's pool).
    static func wait<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let box = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let r: Result<T, any Error>
            do { r = .success(try await work()) } catch { r = .failure(error) }
            box.withLock { $0 = r }
            done.signal()
        }
        done.wait()
        guard let r = box.withLock({ $0 }) else { throw BenchError("no result") }
        return try r.get()
    }

    /// A new database on `admin`'s server; its URL, password included.
    static func create(_ admin: String, name: String) throws -> String {
        try wait {
            let url = try PostgresURL(admin)
            let pool = try PostgresPool(url, maxConnections: 1)
            defer { pool.close() }
            let unique = name + "_" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
            try await pool.createDatabase(unique)
            var db = url
            db.database = unique
            return db.urlWithPassword
        }
    }

    static func size(_ database: String) throws -> Int64 {
        try wait {
            let pool = try PostgresPool(try PostgresURL(database), maxConnections: 1)
            defer { pool.close() }
            return try await pool.databaseSize()
        }
    }
}
