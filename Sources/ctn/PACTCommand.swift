import ArgumentParser
import CTNLedger
import CTNModel
import CTNStore
import Foundation

/// `ctn pact client add|list|revoke`: the OAuth2 clients of a tenant's PACT host.
struct PACTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pact", abstract: "PACT (WBCSD Pathfinder) host of the tenants.", subcommands: [Client.self])

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
                let (store, keys) = try openStore(data.url)
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
                let (store, _) = try openStore(data.url)
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
                let (store, _) = try openStore(data.url)
                guard try await store.revokePACTClient(clientId, at: Timestamp.nowMillis()) else {
                    throw ValidationError("no active client \(clientId)")
                }
                print(CanonicalJSON.encodeOrdered(["clientId": .string(clientId), "revoked": true]))
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
