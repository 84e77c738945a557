import CTNLedger
import CTNSQLite
import CTNStore

extension ServiceFixture {
    /// The store the fixture runs on: SQLite in memory.
    static func makeStore(keys: NodeKeys) throws -> any Store {
        try SQLiteStore.inMemory(keys: keys)
    }
}
