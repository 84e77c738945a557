import ArgumentParser
import CTNLedger
import CTNModel
import CTNNode
import CTNPostgres
import CTNSQLite
import CTNStore
import CTNTLS
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL
import Synchronization

struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a node's data folder: its Ed25519 key, ID secret and database.")
    @OptionGroup var data: DataOption
    @Option(help: "The node's ID (lowercase letters, digits, '-').") var nodeId = "node-1"
    @Option(help: "The URL peers reach this node at; its host goes into the TLS certificate.") var publicUrl: String?
    @Option(help: "Use this certificate chain (PEM) instead of generating a CA and certificate.") var tlsCert: String?
    @Option(help: "The private key (PEM) of --tls-cert.") var tlsKey: String?
    @Option(help: "The CA certificate (PEM) clients should trust for --tls-cert.") var tlsCa: String?

    func run() async throws {
        guard NodeID.isValid(nodeId) else { fail("invalid node ID '\(nodeId)'") }
        let postgres: PostgresURL?
        do { postgres = try NodeDatabase.given(data.database).map(PostgresURL.init) } catch { fail("--database: \(error)") }
        let own = [tlsCert, tlsKey, tlsCa].compactMap { $0 }
        guard own.isEmpty || own.count == 3 else { fail("--tls-cert, --tls-key and --tls-ca go together") }
        var host: String?
        if let publicUrl {
            guard let u = URL(string: publicUrl), u.scheme == "https", let h = u.host else { fail("--public-url must be an https:// URL") }
            host = h
        }
        try Init.initialise(
            data.url, nodeId: nodeId, publicURL: publicUrl, tlsHost: host,
            ownTLS: own.isEmpty ? nil : (URL(fileURLWithPath: tlsCert!), URL(fileURLWithPath: tlsKey!), URL(fileURLWithPath: tlsCa!)),
            sqlite: postgres == nil)
        let keys = try NodeKeys.read(from: data.url)
        if let postgres {
            // Connect and migrate now, so a wrong URL shows at once; then the folder points there.
            let store = try await PostgresStore.open(postgres, keys: keys)
            store.close()
            try NodeDatabase.record(data.url, postgres)
        }
        print(
            CanonicalJSON.encodeOrdered([
                "nodeId": .string(keys.nodeId), "publicKey": .string(keys.publicKeyBase64),
                "data": .string(data.url.path),
            ]))
    }

    static func initialiseIfNeeded(_ dir: URL, nodeId: String) throws {
        if !FileManager.default.fileExists(atPath: dir.appendingPathComponent("keys.json").path) {
            try Init.initialise(dir, nodeId: nodeId)
        }
    }

    static func initialise(
        _ dir: URL, nodeId: String, publicURL: String? = nil, tlsHost: String? = nil,
        ownTLS: (cert: URL, key: URL, ca: URL)? = nil, sqlite: Bool = true
    ) throws {
        if FileManager.default.fileExists(atPath: dir.appendingPathComponent("keys.json").path) {
            fail("\(dir.path) is already initialised")
        }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try NodeKeys.generate(nodeId: nodeId).write(to: dir)
        if let own = ownTLS {
            try NodeTLS.install(data: dir, cert: own.cert, key: own.key, ca: own.ca)
        } else {
            try NodeTLS.generate(data: dir, nodeId: nodeId, hosts: ["localhost", "127.0.0.1"] + (tlsHost.map { [$0] } ?? []))
        }
        if let publicURL {
            // The public identity gains the URL peers will use.
            let file = dir.appendingPathComponent("node.json")
            if case .object(var o) = try JSONParser.parse(try Data(contentsOf: file)) {
                o["publicURL"] = .string(publicURL)
                try Data(CanonicalJSON.encodeOrdered(.object(o)).utf8).write(to: file)
            }
        }
        if sqlite { _ = try SQLiteStore(path: dir.appendingPathComponent(Node.databaseFile).path, keys: try NodeKeys.read(from: dir)) }
    }
}
