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

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the node's API over HTTPS (the certificate in <data>/tls).")
    @OptionGroup var data: DataOption
    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one and prints it).") var port = 8080
    @Option(help: "Largest request body accepted, in bytes.") var maxBody = 64 * 1024
    @Option(help: "Seconds a connection may send nothing (no request, or an unfinished one) before it is closed.")
    var idleTimeout = 30
    @Option(help: "Seconds a request body may take to arrive whole after its head before the connection is closed.")
    var requestTimeout = 60
    @Option(help: "Open connections at most; further ones are closed at once.") var maxConnections = 4096
    @Option(
        help:
            "PostgreSQL only: connections this process keeps to the database for reads and calls, 2 to 24 (the threads that run them), besides its writer's one; the server's max_connections must hold every process's."
    )
    var databaseConnections = PostgresPool.standardConnections
    @Flag(help: "Serve plain HTTP instead of HTTPS: for local tests and benchmarks on loopback only.") var insecureHttp = false
    @Option(help: "Seconds between witnessing rounds: each peer's signed tree head fetched, checked and cosigned (0: never).")
    var witnessInterval = 60
    @Option(help: "Log lines as json (one object a line, for log collectors) or text.") var logFormat = "json"
    @Option(help: "Lowest level logged: trace, debug, info (one line per request), notice, warning, error, critical.")
    var logLevel: String?
    @Option(help: "Requests a second a tenant may make when its record sets no rate (0: no limit).")
    var tenantRate: Double = Node.standardLimits.ratePerSecond ?? 0
    @Option(help: "Requests a tenant may make at once above its rate, when its record sets no burst.")
    var tenantBurst: Int = Node.standardLimits.burst ?? 0
    @Option(help: "Heavy calls (traces, certifications, statistics, simulations, calculations) a tenant may run at once (0: no limit).")
    var tenantHeavy: Int = Node.standardLimits.heavy ?? 0
    @Flag(help: ArgumentHelp("Stop when the process that started this one ends (used by ctn federation demo).", visibility: .hidden))
    var exitWithParent = false

    func validate() throws {
        guard ["json", "text"].contains(logFormat) else { throw ValidationError("--log-format must be json or text") }
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard tenantRate == 0 || (0.001...1_000_000).contains(tenantRate), tenantBurst >= 0, tenantHeavy >= 0 else {
            throw ValidationError(
                "--tenant-rate must be 0 (no limit) or from 0.001 to 1000000; --tenant-burst and --tenant-heavy 0 or more")
        }
    }

    func run() async throws {
        let level = logLevel.flatMap { Logger.Level(rawValue: $0) } ?? Self.defaultLogLevel
        LoggingSystem.bootstrap { [logFormat] label in
            guard logFormat == "json" else {
                var h = StreamLogHandler.standardError(label: label)
                h.logLevel = level
                return h
            }
            return JSONLogHandler(label: label, level: level)
        }
        // Two servers on one SQLite folder would fork its ledger; on PostgreSQL, any number share
        // one node (the database orders their writes).
        if NodeDatabase.url(data.url, option: data.database) == nil, ServeLock.acquire(data.url) == nil {
            fail("another ctn serve is running on \(data.data) (\(ServeLock.path(data.url)) is locked)")
        }
        if exitWithParent {
            // When the starting process is gone (this one is re-parented), stop as on SIGTERM.
            let parent = getppid()
            Thread.detachNewThread {
                while getppid() == parent { Thread.sleep(forTimeInterval: 0.5) }
                kill(getpid(), SIGTERM)
            }
        }
        guard (2...PostgresStore.bodyThreads).contains(databaseConnections) else {
            fail("--database-connections must be 2 to \(PostgresStore.bodyThreads), not \(databaseConnections)")
        }
        var node = try await data.openNode(maxBodyBytes: maxBody, databaseConnections: databaseConnections)
        node.defaultLimits = TenantLimits(ratePerSecond: tenantRate, burst: tenantBurst, heavy: tenantHeavy)
        try await Serve.run(
            node, host: host, port: port, tls: !insecureHttp, idleTimeout: max(1, idleTimeout), requestTimeout: max(1, requestTimeout),
            maxConnections: max(1, maxConnections), logLevel: level
        ) { [witnessInterval, node] _ in
            guard witnessInterval > 0 else { return }
            let logger = Logger(label: "ctn.witness")
            Task.detached {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(witnessInterval))
                    for r in await node.service.witnessPeers() where r["verdict"] == "fork" {
                        logger.error(
                            "fork of peer log",
                            metadata: ["peer": "\(r["peer"]?.stringValue ?? "")", "detail": "\(r["detail"]?.stringValue ?? "")"])
                    }
                }
            }
        }
    }

    /// `$LOG_LEVEL` when it names a level, else warnings and errors only.
    static var defaultLogLevel: Logger.Level {
        ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .warning
    }

    static func tlsConfiguration(_ data: URL) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(NodeTLS.certFile(data).path).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: NodeTLS.keyFile(data).path, format: .pem)
        var config = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        config.minimumTLSVersion = .tlsv12
        return config
    }

    static func run(
        _ node: Node, host: String, port: Int, tls: Bool, idleTimeout: Int = 30, requestTimeout: Int = 60, maxConnections: Int = 4096,
        logLevel: Logger.Level = Serve.defaultLogLevel,
        onRunning: @escaping @Sendable (Int) async -> Void
    ) async throws {
        let scheme = tls ? "https" : "http"
        // A connection that gives no complete HTTP part for `idleTimeout` seconds (no request, a stalled
        // TLS handshake, a request head sent a byte at a time) is closed, and so is one whose request
        // body is not whole `requestTimeout` seconds after its head; past `maxConnections` open ones,
        // a new connection is closed at once.
        let configuration = HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestDeadline(limit: .seconds(Int64(requestTimeout)))], idleTimeout: .seconds(Int64(idleTimeout)))
        let server: HTTPServerBuilder
        if tls {
            let tlsConfiguration = try tlsConfiguration(node.dataDir)
            let tlsCount = ConnectionCap<TLSChannel<HTTP1Channel>>.Count()
            server = HTTPServerBuilder { responder in
                ConnectionCap(
                    base: try TLSChannel(
                        HTTP1Channel(responder: responder, configuration: configuration), tlsConfiguration: tlsConfiguration),
                    limit: maxConnections, count: tlsCount)
            }
        } else {
            let count = ConnectionCap<HTTP1Channel>.Count()
            server = HTTPServerBuilder { responder in
                ConnectionCap(base: HTTP1Channel(responder: responder, configuration: configuration), limit: maxConnections, count: count)
            }
        }
        var logger = Logger(label: "ctn")
        logger.logLevel = logLevel
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
