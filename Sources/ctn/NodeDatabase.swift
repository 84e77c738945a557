import CTNLedger
import CTNModel
import CTNNode
import CTNPostgres
import CTNSQLite
import CTNStore
import Foundation

/// Where a node's data lives: the SQLite file in its folder (the default), or a PostgreSQL
/// database named by `--database` or `CTN_DATABASE_URL`. A folder whose data is in PostgreSQL
/// says so in `database.json` (the URL without its password), so no command opens an empty
/// SQLite file by mistake when the URL is forgotten.
enum NodeDatabase {
    static let markerFile = "database.json"

    /// The URL given on the command line or in the environment, if any.
    static func given(_ option: String?) -> String? {
        option ?? ProcessInfo.processInfo.environment["CTN_DATABASE_URL"]
    }

    /// The PostgreSQL database of the node in `dir`, or nil when its data is in SQLite.
    /// Fails when the URL and the folder disagree (the database itself also names its node).
    static func url(_ dir: URL, option: String?) -> PostgresURL? {
        let marker = recorded(dir)
        guard let text = given(option) else {
            if let marker { fail("\(dir.path) keeps its data in PostgreSQL (\(marker)); pass --database or set CTN_DATABASE_URL") }
            return nil
        }
        let url: PostgresURL
        do { url = try PostgresURL(text) } catch { fail("--database: \(error)") }
        guard let marker else {
            fail("\(dir.path) keeps its data in SQLite; move it with 'ctn store migrate --data \(dir.path) --to URL' first")
        }
        guard marker == url.description else { fail("\(dir.path) keeps its data in \(marker), not in \(url.description)") }
        return url
    }

    /// The database recorded in the folder (without its password), if it is PostgreSQL.
    static func recorded(_ dir: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(markerFile).path),
            let json = try? JSONParser.parse(data)
        else { return nil }
        return json["database"]?.stringValue
    }

    /// Records that the folder's data is in `url` from now on (mode 0600, no password).
    static func record(_ dir: URL, _ url: PostgresURL) throws {
        let text = CanonicalJSON.encodeOrdered(["store": "postgresql", "database": .string(url.description)])
        let path = dir.appendingPathComponent(markerFile).path
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// The node's store: its PostgreSQL database, or its SQLite file.
    static func open(_ dir: URL, option: String?, keys: NodeKeys) async throws -> any Store {
        if let url = url(dir, option: option) { return try await PostgresStore.open(url, keys: keys) }
        return try SQLiteStore(path: dir.appendingPathComponent(Node.databaseFile).path, keys: keys)
    }
}

extension DataOption {
    /// The node of this folder, on its database.
    func openNode(maxBodyBytes: Int = 64 * 1024, databaseConnections: Int = PostgresPool.standardConnections) async throws -> Node {
        if let db = NodeDatabase.url(url, option: database) {
            return try await Node.open(
                dataDir: url, resources: Node.defaultResources(), database: db, connections: databaseConnections, maxBodyBytes: maxBodyBytes
            )
        }
        return try Node.open(dataDir: url, resources: Node.defaultResources(), maxBodyBytes: maxBodyBytes)
    }
}
