import CTNStore
import GRDB

/// Console sessions: written directly, like tenants and tokens (no ledger event).
extension SQLStore {
    public func createSession(_ s: SessionRecord) async throws {
        try await sqlWrite { h in
            let db = h.db
            try db.execute("DELETE FROM console_sessions WHERE expires_at <= ?", [s.createdAt])
            try db.execute(
                "INSERT INTO console_sessions(session_hash, token_hash, csrf, created_at, expires_at) VALUES (?,?,?,?,?)",
                [s.sessionHash, s.tokenHash, s.csrf, s.createdAt, s.expiresAt])
        }
    }

    public func session(hash: String, now: Int64) async throws -> SessionRecord? {
        try await sqlRead { h in
            let db = h.db
            return try db.row(
                "SELECT session_hash, token_hash, csrf, created_at, expires_at FROM console_sessions WHERE session_hash = ? AND expires_at > ?",
                [hash, now]
            ).map { row in
                SessionRecord(
                    sessionHash: row["session_hash"], tokenHash: row["token_hash"], csrf: row["csrf"], createdAt: row["created_at"],
                    expiresAt: row["expires_at"])
            }
        }
    }

    public func deleteSession(hash: String) async throws {
        try await sqlWrite { h in
            try h.db.execute("DELETE FROM console_sessions WHERE session_hash = ?", [hash])
        }
    }
}
