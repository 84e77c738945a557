/// What a store says of itself for the operator: whether it answers with its whole schema
/// (`/readyz`), and how busy its connections are (`/metrics`).
public struct StoreHealth: Sendable, Equatable {
    /// Every migration this build knows is applied.
    public var migrated: Bool
    /// The latest migration applied.
    public var schema: String
    public var readersInUse: Int
    public var readers: Int
    public var writesWaiting: Int
    public var writerBusy: Bool
    public init(migrated: Bool, schema: String, readersInUse: Int, readers: Int, writesWaiting: Int, writerBusy: Bool) {
        self.migrated = migrated
        self.schema = schema
        self.readersInUse = readersInUse
        self.readers = readers
        self.writesWaiting = writesWaiting
        self.writerBusy = writerBusy
    }
}
