import CTNFederation
import CTNLedger
import CTNModel
import CTNPostgres
import CTNSQLite
import CTNStore
import Foundation

extension Node {
    /// Opens a node's data folder with its SQLite database. `Contracts/` and `Dictionaries/` are
    /// looked up in the data folder first (an operator's own copies), then in `resources`.
    public static func open(dataDir: URL, resources: URL, maxBodyBytes: Int = 64 * 1024) throws -> Node {
        let keys = try NodeKeys.read(from: dataDir)
        let store = try SQLiteStore(path: dataDir.appendingPathComponent(databaseFile).path, keys: keys)
        return try open(dataDir: dataDir, resources: resources, keys: keys, store: store, maxBodyBytes: maxBodyBytes)
    }

    /// Opens a node's data folder (its identity, keys, peers) with its data in the PostgreSQL
    /// database at `database`, which other processes of the same node may share, with
    /// `connections` pooled connections besides the writer's.
    public static func open(
        dataDir: URL, resources: URL, database: PostgresURL, connections: Int = PostgresPool.standardConnections,
        maxBodyBytes: Int = 64 * 1024
    ) async throws -> Node {
        let keys = try NodeKeys.read(from: dataDir)
        let store = try await PostgresStore.open(database, keys: keys, connections: connections)
        return try open(dataDir: dataDir, resources: resources, keys: keys, store: store, maxBodyBytes: maxBodyBytes)
    }

    static func open(dataDir: URL, resources: URL, keys: NodeKeys, store: any Store, maxBodyBytes: Int) throws -> Node {
        let dictionaries = try Dictionaries.load(folder: folder("Dictionaries", dataDir: dataDir, resources: resources))
        let contracts = try ContractDefinition.loadAll(folder: folder("Contracts", dataDir: dataDir, resources: resources))
        return Node(
            dataDir: dataDir, keys: keys, store: store, dictionaries: dictionaries, contracts: contracts,
            peers: try PeerDirectory.load(data: dataDir), maxBodyBytes: maxBodyBytes)
    }
}
