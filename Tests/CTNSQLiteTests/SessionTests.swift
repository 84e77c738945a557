import CTNSQL
import CTNStore
import Testing

@testable import CTNSQLite

/// Console sessions: kept by hash, refused once expired, removed on sign-out, and expired ones
/// cleared when the next session is opened.
@Suite("Store (SQLite or PostgreSQL): console sessions")
struct SessionTests {
    @Test("A session is found until it expires, and gone after sign-out")
    func lifecycle() async throws {
        let store = try await makeAnyStore()
        let s = SessionRecord(sessionHash: "a", tokenHash: "t", csrf: "c", createdAt: 1_000, expiresAt: 2_000)
        try await store.createSession(s)
        #expect(try await store.session(hash: "a", now: 1_999) == s)
        #expect(try await store.session(hash: "a", now: 2_000) == nil)
        #expect(try await store.session(hash: "b", now: 1_500) == nil)
        // Opening another one after the first expired clears it from the table.
        try await store.createSession(SessionRecord(sessionHash: "b", tokenHash: "t", csrf: "d", createdAt: 3_000, expiresAt: 4_000))
        let left = try await store.sqlRead { h in try h.db.fetchValues(String.self, "SELECT session_hash FROM console_sessions", []) }
        #expect(left == ["b"])
        try await store.deleteSession(hash: "b")
        #expect(try await store.session(hash: "b", now: 3_500) == nil)
    }
}
