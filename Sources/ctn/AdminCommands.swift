import ArgumentParser
import CTNLedger
import CTNModel
import CTNNode
import CTNSQLite
import CTNStore
import Foundation
import CTNTLS
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL
import Synchronization

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a node's data folder: its Ed25519 key, ID secret and database.")
    @OptionGroup var data: DataOption
    @Option(help: "The node's ID (lowercase letters, digits, '-').") var nodeId = "node-1"
    @Option(help: "The URL peers reach this node at; its host goes into the TLS certificate.") var publicUrl: String?
    @Option(help: "Use this certificate chain (PEM) instead of generating a CA and certificate.") var tlsCert: String?
    @Option(help: "The private key (PEM) of --tls-cert.") var tlsKey: String?
    @Option(help: "The CA certificate (PEM) clients should trust for --tls-cert.") var tlsCa: String?

    func run() throws {
        guard NodeID.isValid(nodeId) else { fail("invalid node ID '\(nodeId)'") }
        let own = [tlsCert, tlsKey, tlsCa].compactMap { $0 }
        guard own.isEmpty || own.count == 3 else { fail("--tls-cert, --tls-key and --tls-ca go together") }
        var host: String?
        if let publicUrl {
            guard let u = URL(string: publicUrl), u.scheme == "https", let h = u.host else { fail("--public-url must be an https:// URL") }
            host = h
        }
        try Init.initialise(data.url, nodeId: nodeId, publicURL: publicUrl, tlsHost: host,
                            ownTLS: own.isEmpty ? nil : (URL(fileURLWithPath: tlsCert!), URL(fileURLWithPath: tlsKey!), URL(fileURLWithPath: tlsCa!)))
        let keys = try NodeKeys.read(from: data.url)
        print(CanonicalJSON.encodeOrdered(["nodeId": .string(keys.nodeId), "publicKey": .string(keys.publicKeyBase64),
                                           "data": .string(data.url.path)]))
    }

    static func initialiseIfNeeded(_ dir: URL, nodeId: String) throws {
        if !FileManager.default.fileExists(atPath: dir.appendingPathComponent("keys.json").path) {
            try Init.initialise(dir, nodeId: nodeId)
        }
    }

    static func initialise(_ dir: URL, nodeId: String, publicURL: String? = nil, tlsHost: String? = nil,
                           ownTLS: (cert: URL, key: URL, ca: URL)? = nil) throws {
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
        _ = try SQLiteStore(path: dir.appendingPathComponent(Node.databaseFile).path, keys: try NodeKeys.read(from: dir))
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the node's API over HTTPS (the certificate in <data>/tls).")
    @OptionGroup var data: DataOption
    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one and prints it).") var port = 8080
    @Option(help: "Largest request body accepted, in bytes.") var maxBody = 64 * 1024
    @Flag(help: "Serve plain HTTP instead of HTTPS: for local tests and benchmarks on loopback only.") var insecureHttp = false
    @Flag(help: ArgumentHelp("Stop when the process that started this one ends (used by ctn federation demo).", visibility: .hidden)) var exitWithParent = false

    func run() async throws {
        if exitWithParent {
            // When the starting process is gone (this one is re-parented), stop as on SIGTERM.
            let parent = getppid()
            Thread.detachNewThread {
                while getppid() == parent { Thread.sleep(forTimeInterval: 0.5) }
                kill(getpid(), SIGTERM)
            }
        }
        let node = try Node.open(dataDir: data.url, resources: Node.defaultResources(), maxBodyBytes: maxBody)
        try await Serve.run(node, host: host, port: port, tls: !insecureHttp) { _ in }
    }

    static func tlsConfiguration(_ data: URL) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(NodeTLS.certFile(data).path).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: NodeTLS.keyFile(data).path, format: .pem)
        var config = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        config.minimumTLSVersion = .tlsv12
        return config
    }

    static func run(_ node: Node, host: String, port: Int, tls: Bool, onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        let scheme = tls ? "https" : "http"
        let server: HTTPServerBuilder = tls ? try .tls(.http1(), tlsConfiguration: try tlsConfiguration(node.dataDir)) : .http1()
        var logger = Logger(label: "ctn")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .warning
        let app = Application(
            router: buildRouter(node, logger: logger),
            server: server,
            configuration: .init(address: .hostname(host, port: port), serverName: "ctn", backlog: 1024),
            onServerRunning: { channel in
                let p = channel.localAddress?.port ?? port
                say("ctn node \(node.keys.nodeId) listening on \(scheme)://\(host):\(p)")
                Task { await onRunning(p) }
            },
            logger: logger
        )
        try await app.runService()
    }
}

struct TenantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tenant", abstract: "Manage the businesses hosted on this node.",
                                                    subcommands: [Add.self, List.self, AddToken.self, RevokeToken.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a tenant; prints its IDs and first token once, as JSON.")
        @OptionGroup var data: DataOption
        func run() async throws {
            let (store, keys) = try openStore(data.url)
            print(CanonicalJSON.encodeOrdered(try await TenantCommand.create(store: store, keys: keys)))
        }
    }

    static func create(store: any Store, keys: NodeKeys) async throws -> JSONValue {
        let minter = IDMinter(secret: keys.idSecret)
        let tenantId = minter.mint(tenant: "", kind: "tenant").hex
        let businessId = minter.mint(tenant: tenantId, kind: "business").hex
        let tokenId = minter.mint(tenant: tenantId, kind: "token").hex
        let token = Tokens.generate()
        try await store.createTenant(businessId: businessId, tenantId: tenantId, tokenId: tokenId, tokenHash: Tokens.hash(token), at: Timestamp.nowMillis())
        return ["tenantId": .string(tenantId), "businessId": .string(businessId), "tokenId": .string(tokenId), "token": .string(token)]
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tenants and their tokens (IDs only; tokens are stored hashed).")
        @OptionGroup var data: DataOption
        @Flag(help: "Print JSON.") var json = false
        func run() async throws {
            let (store, _) = try openStore(data.url)
            let list: JSONValue = .array(try await store.tenants().map { t, tokens in
                ["tenantId": .string(t.tenantId), "businessId": .string(t.businessId), "createdAt": .string(Timestamp.format(millis: t.createdAt)),
                 "tokens": .array(tokens.map { ["tokenId": .string($0.tokenId), "createdAt": .string(Timestamp.format(millis: $0.createdAt)),
                                                "revokedAt": .optional($0.revokedAt.map { Timestamp.format(millis: $0) })] })]
            })
            Output.print(["tenants": list], json: json)
        }
    }

    struct AddToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue another token for a tenant; prints it once.")
        @OptionGroup var data: DataOption
        @Argument(help: "The tenant ID.") var tenantId: String
        func run() async throws {
            let (store, keys) = try openStore(data.url)
            let tokenId = IDMinter(secret: keys.idSecret).mint(tenant: tenantId, kind: "token").hex
            let token = Tokens.generate()
            do { try await store.addToken(tenantId: tenantId, tokenId: tokenId, tokenHash: Tokens.hash(token), at: Timestamp.nowMillis()) } catch {
                fail("no tenant \(tenantId)")
            }
            print(CanonicalJSON.encodeOrdered(["tenantId": .string(tenantId), "tokenId": .string(tokenId), "token": .string(token)]))
        }
    }

    struct RevokeToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke-token", abstract: "Revoke a token by its token ID (a running node stops accepting it within 2 s).")
        @OptionGroup var data: DataOption
        @Argument(help: "The token ID (from 'ctn tenant list').") var tokenId: String
        func run() async throws {
            let (store, _) = try openStore(data.url)
            guard try await store.revokeToken(tokenId: tokenId, at: Timestamp.nowMillis()) else { fail("no active token \(tokenId)") }
            print(CanonicalJSON.encodeOrdered(["tokenId": .string(tokenId), "revoked": true]))
        }
    }
}

/// Waits for async store work from a synchronous command (the federation demo drives a run loop,
/// so it cannot be an async command). The work runs on the global executor, not on this thread.
func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = BlockingOutcome<T>()
    Task {
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        outcome.value.withLock { $0 = result }
        outcome.done.signal()
    }
    outcome.done.wait()
    return try outcome.value.withLock { $0! }.get()
}

private final class BlockingOutcome<T: Sendable>: Sendable {
    let value = Mutex<Result<T, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
}

func openStore(_ dir: URL) throws -> (any Store, NodeKeys) {
    let keys: NodeKeys
    do { keys = try NodeKeys.read(from: dir) } catch { fail("\(error)") }
    return (try SQLiteStore(path: dir.appendingPathComponent(Node.databaseFile).path, keys: keys), keys)
}

struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ledger", abstract: "Inspect the node's hash-chained ledger.",
                                                    subcommands: [Verify.self, Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the ledger's events as JSON lines, oldest first (for audit and replay).")
        @OptionGroup var data: DataOption
        @Option(help: "Only events of this contract (for example lot-correction).") var contract: String?
        func run() async throws {
            let (store, _) = try openStore(data.url)
            var after = Int64.min
            while true {
                let page = try await store.ledgerEvents(after: after, limit: 1000)
                guard let last = page.last else { break }
                after = last.seq
                for e in page where contract == nil || e.contract == contract {
                    let line: JSONValue = ["seq": .number(Double(e.seq)), "ledgerTime": .string(Timestamp.format(millis: e.ledgerTime)),
                                           "sourceTime": .string(Timestamp.format(millis: e.sourceTime)), "tenantId": .string(e.tenantId),
                                           "contract": .string(e.contract), "event": .string(e.event),
                                           "payload": (try? JSONParser.parse(Array(e.payload.utf8))) ?? .string(e.payload),
                                           "prevHash": .string(e.prevHash), "hash": .string(e.hash)]
                    print(CanonicalJSON.encodeOrdered(line))
                }
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recompute the hash chain and check the signed head; exits 1 at the first failing event.")
        @OptionGroup var data: DataOption
        @Flag(help: "Print JSON.") var json = false
        func run() async throws {
            let (store, keys) = try openStore(data.url)
            let r = try await store.verifyLedger(nodeId: keys.nodeId, publicKey: keys.signingKey.publicKey)
            var o = JSONObject()
            o["ok"] = .bool(r.ok)
            o["events"] = .number(Double(r.events))
            o["headSeq"] = .number(Double(r.headSeq))
            o["headHash"] = .string(r.headHash)
            if let f = r.failure {
                o["failedAt"] = .number(Double(f.seq))
                o["reason"] = .string(f.reason)
            }
            Output.print(.object(o), json: json)
            if !r.ok { throw ExitCode(1) }
        }
    }
}
