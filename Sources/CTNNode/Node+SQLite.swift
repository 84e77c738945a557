import CTNFederation
import CTNLedger
import CTNModel
import CTNSQLite
import CTNStore
import Foundation

extension Node {
    /// Opens a node's data folder with its SQLite database. `Contracts/` and `Dictionaries/` are
    /// looked up in the data folder first (an operator's own copies), then in `resources`.
    public static func open(dataDir: URL, resources: URL, maxBodyBytes: Int = 64 * 1024) throws -> Node {
        let keys = try NodeKeys.read(from: dataDir)
        let dictionaries = try Dictionaries.load(folder: folder("Dictionaries", dataDir: dataDir, resources: resources))
        let contracts = try ContractDefinition.loadAll(folder: folder("Contracts", dataDir: dataDir, resources: resources))
        let store = try SQLiteStore(path: dataDir.appendingPathComponent(databaseFile).path, keys: keys)
        return Node(
            dataDir: dataDir, keys: keys, store: store, dictionaries: dictionaries, contracts: contracts,
            peers: try PeerDirectory.load(data: dataDir), maxBodyBytes: maxBodyBytes)
    }
}
