import ArgumentParser
import CTNLedger
import CTNModel
import CTNStore
import Foundation

/// `ctn pact client add|list|revoke`: the OAuth2 clients of a tenant's PACT host.
struct PACTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pact", abstract: "PACT (WBCSD Pathfinder): the tenants' hosts and their suppliers' hosts.",
        subcommands: [Client.self, Supplier.self, Events.self])

    struct Events: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The events the tenants' PACT hosts received, newest first.")
        @OptionGroup var data: DataOption
        @Option(help: "Only this tenant's (tenant ID or business ID).") var tenant: String?
        @Option(help: "At most this many.") var limit = 100
        func run() async throws {
            let (store, _) = try await openStore(data)
            let tenantId = try await tenant.asyncMap { try await PACTCommand.tenantId($0, store: store) }
            print(CanonicalJSON.encodeOrdered(.array(try await store.pactEvents(tenantId: tenantId, limit: limit))))
        }
    }

    struct Client: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Client credentials of a tenant's PACT host.", subcommands: [Add.self, List.self, Revoke.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract:
                    "Create client credentials for a tenant; prints {baseUrl, clientId, clientSecret} once (the secret is stored hashed).")
            @OptionGroup var data: DataOption
            @Option(help: "The tenant (its tenant ID or business ID).") var tenant: String
            @Option(help: "A label for the client (for instance the customer it is for).") var label: String?
            func run() async throws {
                let (store, keys) = try await openStore(data)
                let tenantId = try await PACTCommand.tenantId(tenant, store: store)
                let clientId = IDMinter(secret: keys.idSecret).mint(tenant: tenantId, kind: "pact-client-\(UUID().uuidString)").hex
                let secret = Tokens.generate()
                try await store.createPACTClient(
                    PACTClientRecord(
                        clientId: clientId, tenantId: tenantId, secretHash: Tokens.hash(secret), label: label,
                        createdAt: Timestamp.nowMillis()))
                let node = try? JSONParser.parse(try Data(contentsOf: data.url.appendingPathComponent("node.json")))
                let base = (node?["publicURL"]?.stringValue ?? "https://127.0.0.1:8443") + "/pact"
                print(
                    CanonicalJSON.encodeOrdered(["baseUrl": .string(base), "clientId": .string(clientId), "clientSecret": .string(secret)]))
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The PACT clients (of one tenant, or all), without their secrets.")
            @OptionGroup var data: DataOption
            @Option(help: "Only this tenant's (tenant ID or business ID).") var tenant: String?
            func run() async throws {
                let (store, _) = try await openStore(data)
                let tenantId = try await tenant.asyncMap { try await PACTCommand.tenantId($0, store: store) }
                let clients = try await store.pactClients(tenantId: tenantId)
                print(
                    CanonicalJSON.encodeOrdered(
                        .array(
                            clients.map { c in
                                [
                                    "clientId": .string(c.clientId), "tenantId": .string(c.tenantId), "label": .optional(c.label),
                                    "createdAt": .string(Timestamp.format(millis: c.createdAt)),
                                    "revokedAt": .optional(c.revokedAt.map { Timestamp.format(millis: $0) }),
                                ]
                            })))
            }
        }

        struct Revoke: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Revoke a client: its tokens are refused from the next request on.")
            @OptionGroup var data: DataOption
            @Argument(help: "The client ID.") var clientId: String
            func run() async throws {
                let (store, _) = try await openStore(data)
                guard try await store.revokePACTClient(clientId, at: Timestamp.nowMillis()) else {
                    throw ValidationError("no active client \(clientId)")
                }
                print(CanonicalJSON.encodeOrdered(["clientId": .string(clientId), "revoked": true]))
            }
        }
    }

    struct Supplier: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Suppliers' PACT hosts a tenant buys from (their footprints become Material Uses).",
            subcommands: [Add.self, List.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract:
                    "Register a supplier's PACT host with the credentials it issued; prints {\"supplier\": ID} (the name stays with you).")
            @OptionGroup var data: DataOption
            @Option(help: "The tenant (tenant ID or business ID).") var tenant: String
            @Option(help: "The host's base URL (https://…, for instance https://supplier.example/pact).") var baseUrl: String
            @Option(help: "The client ID the supplier issued.") var clientId: String
            @Option(help: "The client secret the supplier issued.") var clientSecret: String
            @Option(help: "A CA certificate (PEM) to trust for the host, copied into the data folder.") var cacert: String?
            @Option(help: "The client of your own PACT host this partner uses: its footprint requests are answered by events to this host.")
            var forClient: String?
            func run() async throws {
                guard baseUrl.hasPrefix("https://") else { throw ValidationError("--base-url must be https://") }
                let (store, keys) = try await openStore(data)
                let tenantId = try await PACTCommand.tenantId(tenant, store: store)
                let id = IDMinter(secret: keys.idSecret).mint(tenant: tenantId, kind: "pact-supplier-\(UUID().uuidString)").hex
                var caFile: String?
                if let cacert {
                    let folder = data.url.appendingPathComponent("pact-suppliers")
                    try FileManager.default.createDirectory(
                        at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                    let target = folder.appendingPathComponent("\(id).pem")
                    try Data(contentsOf: URL(fileURLWithPath: cacert)).write(to: target)
                    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
                    caFile = target.path
                }
                let base = baseUrl.hasSuffix("/") ? String(baseUrl.dropLast()) : baseUrl
                try await store.createPACTSupplier(
                    PACTSupplierRecord(
                        supplierId: id, tenantId: tenantId, baseURL: base, clientId: clientId, clientSecret: clientSecret, caFile: caFile,
                        createdAt: Timestamp.nowMillis(), linkedClient: forClient))
                print(CanonicalJSON.encodeOrdered(["supplier": .string(id), "baseUrl": .string(base)]))
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The registered suppliers' hosts (without their secrets).")
            @OptionGroup var data: DataOption
            @Option(help: "Only this tenant's (tenant ID or business ID).") var tenant: String?
            func run() async throws {
                let (store, _) = try await openStore(data)
                let tenantId = try await tenant.asyncMap { try await PACTCommand.tenantId($0, store: store) }
                let list = try await store.pactSuppliers(tenantId: tenantId).map { s -> JSONValue in
                    [
                        "supplier": .string(s.supplierId), "tenantId": .string(s.tenantId), "baseUrl": .string(s.baseURL),
                        "clientId": .string(s.clientId), "createdAt": .string(Timestamp.format(millis: s.createdAt)),
                    ]
                }
                print(CanonicalJSON.encodeOrdered(.array(list)))
            }
        }
    }

    /// A tenant named by its tenant ID or business ID.
    static func tenantId(_ name: String, store: any Store) async throws -> String {
        let found = try await store.read { tx in try tx.tenant(tenantId: name) ?? tx.tenant(businessId: name) }
        guard let found else { throw ValidationError("no tenant \(name) on this node") }
        return found.tenantId
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
