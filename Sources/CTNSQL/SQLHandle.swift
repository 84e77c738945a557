import GRDB

/// A connection handed to the body of `SQLStore.sqlRead` or `sqlWrite` (the connection type is the
/// package's own, so it travels in this box through the public protocol).
public struct SQLHandle {
    package let db: any SQLConnection
    package init(_ db: any SQLConnection) { self.db = db }
}
