import CTNStore
import GRDB

/// Console sessions: written directly, like tenants and tokens (no ledger event).
extension SQLiteStore {
    public func createSession(_ s: SessionRecord) async throws {
        try await dbWriter.write { db in
            try db.execute(sql: "DELETE FROM console_sessions WHERE expires_at <= ?", arguments: [s.createdAt])
            try db.execute(
                sql: "INSERT INTO console_sessions(session_hash, token_hash, csrf, created_at, expires_at) VALUES (?,?,?,?,?)",
                arguments: [s.sessionHash, s.tokenHash, s.csrf, s.createdAt, s.expiresAt])
        }
    }

    public func session(hash: String, now: Int64) async throws -> SessionRecord? {
        try await dbWriter.read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT session_hash, token_hash, csrf, created_at, expires_at FROM console_sessions WHERE session_hash = ? AND expires_at > ?",
                arguments: [hash, now]
            ).map { row in
                SessionRecord(
                    sessionHash: row["session_hash"], tokenHash: row["token_hash"], csrf: row["csrf"], createdAt: row["created_at"],
                    expiresAt: row["expires_at"])
            }
        }
    }

    public func deleteSession(hash: String) async throws {
        try await dbWriter.write { db in try db.execute(sql: "DELETE FROM console_sessions WHERE session_hash = ?", arguments: [hash]) }
    }
}
