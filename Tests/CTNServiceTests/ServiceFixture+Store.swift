import CTNLedger
import CTNPostgres
import CTNStore
import CTNTestSupport

extension ServiceFixture {
    /// The store the fixture runs on (see `TestStores`).
    static func makeStore(keys: NodeKeys) async throws -> any Store {
        try await TestStores.make(keys: keys)
    }

    /// Whether the fixture's store is PostgreSQL (for the few tests that reach into the database).
    var onPostgres: Bool { store is PostgresStore }
}
