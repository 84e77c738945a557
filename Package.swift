// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ctn",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ctn", targets: ["ctn"]),
        .executable(name: "ctn-bench", targets: ["ctn-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // Value types shared by every room: IDs, strict JSON, problems, contract definitions, dictionaries.
        // libjansson, bound as a system library: it parses every JSON the node reads.
        .systemLibrary(name: "CJansson", providers: [.apt(["libjansson-dev"])]),
        .target(name: "CTNModel", dependencies: ["CJansson"]),
        // The pure CFP calculation. No I/O.
        .target(name: "CTNEngine", dependencies: ["CTNModel"]),
        // The site carbon engine: the four methods, GUM and Monte Carlo uncertainty, evidence tiers. Pure, no I/O.
        .target(name: "CTNCarbon"),
        // Canonical event bytes, hash chain, signed heads, verification.
        .target(name: "CTNLedger", dependencies: [
            "CTNModel", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The storage interface: protocols and records, no database.
        .target(name: "CTNStore", dependencies: ["CTNModel", "CTNLedger"]),
        // The SQL both stores share: the transaction view, rows, queries, group commit (GRDB rows).
        .target(name: "CTNSQL", dependencies: [
            "CTNStore", "CTNModel", "CTNLedger", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The SQLite implementation of the storage interface (GRDB).
        .target(name: "CTNSQLite", dependencies: [
            "CTNSQL", "CTNStore", "CTNModel", "CTNLedger", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The PostgreSQL database of a node hosting many businesses (postgres-nio): URL, pool, schema, migrations.
        .target(name: "CTNPostgres", dependencies: [
            "CTNSQL", "CTNStore", "CTNModel", "CTNLedger", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // A small .xlsx writer (SpreadsheetML in a stored ZIP) for the CBAM communication workbook. Pure.
        .target(name: "CTNXLSX"),
        // CBAM: goods categories, attributed and specific embedded emissions with precursors, origins. Pure.
        .target(name: "CTNCBAM"),
        // Mass balance: pools replayed from movements, reconciliation, certified credits, batch status, hash-chained slices. Pure.
        .target(name: "CTNMassBalance", dependencies: ["CTNLedger"]),
        // Production simulation: a deterministic discrete-event kernel, the job shop, energy per machine state,
        // calibration to meters (non-negative least squares), what-if scenarios. Pure, no I/O.
        .target(name: "CTNSimulation"),
        // Contract logic: read state, run the engine, write the effect and its ledger event.
        // PACT (WBCSD Pathfinder v2.3 and v3.0): lots as product footprints, decimal strings, units. Pure.
        .target(name: "CTNPACT", dependencies: ["CTNModel"]),
        .target(name: "CTNService", dependencies: [
            "CTNPACT", "CTNMassBalance", "CTNCBAM", "CTNSimulation", "CTNModel", "CTNEngine", "CTNCarbon", "CTNLedger", "CTNStore", "CTNFederation", "CTNTrace", "CurlHTTP",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The node's TLS material: a self-signed CA and the server certificate it signs.
        .target(name: "CTNTLS", dependencies: [
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Node-to-node: peer directory and HTTP message signatures (RFC 9421).
        .target(name: "CTNFederation", dependencies: [
            "CTNModel", "CurlHTTP", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The supply-chain walk across nodes, behind a source interface (no I/O of its own).
        .target(name: "CTNTrace", dependencies: [
            "CTNModel", "CTNLedger", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // libcurl, bound as a system library.
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // A small blocking HTTP client on libcurl (CLI, federation, tests).
        .target(name: "CurlHTTP", dependencies: ["CCurl"]),
        // The web console's pages: templates, forms from contract definitions, views of the node's answers (no I/O).
        .target(name: "CTNConsole", dependencies: ["CTNModel", .product(name: "Mustache", package: "swift-mustache")]),
        // What the node tells its operator: Prometheus series (requests, latency, ledger, traces, peers, pool).
        .target(name: "CTNMetrics", dependencies: [.product(name: "Prometheus", package: "swift-prometheus")]),
        // The Hummingbird application: routes from contract definitions, auth, problems, OpenAPI.
        .target(name: "CTNNode", dependencies: [
            "CTNConsole", "CTNMetrics", "CTNModel", .product(name: "HTTPTypes", package: "swift-http-types"), "CTNEngine", "CTNService", "CTNStore", "CTNSQLite", "CTNPostgres", "CTNLedger", "CTNFederation", "CTNTrace", "CurlHTTP",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "ctn", dependencies: [
            "CTNNode", "CTNMassBalance", "CTNXLSX", "CTNStore", "CTNSQL", "CTNSQLite", "CTNPostgres", "CurlHTTP", "CTNLedger", "CTNTLS", "CTNFederation",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // epoll, for the benchmark's single-threaded load generator.
        .target(name: "CEpoll"),
        .executableTarget(name: "ctn-bench", dependencies: [
            "CEpoll", "CJansson", "CTNModel", "CTNStore", "CTNSimulation", "CurlHTTP", "CTNPostgres",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .testTarget(name: "CTNModelTests", dependencies: ["CTNModel"]),
        .testTarget(name: "CTNCarbonTests", dependencies: ["CTNCarbon"]),
        .testTarget(name: "CTNMassBalanceTests", dependencies: ["CTNMassBalance"]),
        .testTarget(name: "CTNCBAMTests", dependencies: ["CTNCBAM"]),
        .testTarget(name: "CTNSimulationTests", dependencies: ["CTNSimulation"]),
        .testTarget(name: "CTNXLSXTests", dependencies: ["CTNXLSX"]),
        .testTarget(name: "CTNEngineTests", dependencies: ["CTNEngine"]),
        .testTarget(name: "CTNFederationTests", dependencies: [
            "CTNFederation", "CTNModel", "CTNTrace", "CTNLedger", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "CTNLedgerTests", dependencies: [
            "CTNLedger", "CTNStore", "CTNSQLite", "CTNService", "CTNModel", "CTNFederation", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "CTNServiceTests", dependencies: [
            "CTNService", "CTNStore", "CTNSQL", "CTNSQLite", "CTNPostgres", "CTNTestSupport", "CTNModel", "CTNLedger", "CTNFederation",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Stores for the store and service tests: SQLite, or PostgreSQL with CTN_TEST_STORE=postgresql.
        .target(
            name: "CTNTestSupport", dependencies: ["CTNSQL", "CTNSQLite", "CTNPostgres", "CTNStore", "CTNLedger"],
            path: "Tests/CTNTestSupport"),
        .testTarget(name: "CTNSQLiteTests", dependencies: [
            "CTNTestSupport", "CTNSQL", "CTNSQLite", "CTNStore", "CTNLedger", "CTNModel", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "CTNPostgresTests", dependencies: [
            "CTNPostgres", "CTNTestSupport", "CTNStore", "CTNLedger", "CTNModel", .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        .testTarget(name: "CTNConsoleTests", dependencies: ["CTNConsole", "CTNModel"]),
        .testTarget(name: "CTNNodeTests", dependencies: [
            "CTNNode", .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(
            name: "IntegrationTests", dependencies: ["CurlHTTP", "CTNModel", "CTNEngine", "CTNLedger", "CTNFederation", "CTNTestSupport"]),
    ]
)
