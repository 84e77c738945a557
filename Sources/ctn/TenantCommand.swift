import ArgumentParser
import CTNLedger
import CTNModel
import CTNNode
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

struct TenantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant", abstract: "Manage the businesses hosted on this node.",
        subcommands: [Add.self, List.self, AddToken.self, RevokeToken.self, Limits.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a tenant; prints its IDs and first token once, as JSON.")
        @OptionGroup var data: DataOption
        func run() async throws {
            let (store, keys) = try await openStore(data)
            print(CanonicalJSON.encodeOrdered(try await TenantCommand.create(store: store, keys: keys)))
        }
    }

    static func create(store: any Store, keys: NodeKeys) async throws -> JSONValue {
        let minter = IDMinter(secret: keys.idSecret)
        let tenantId = minter.mint(tenant: "", kind: "tenant").hex
        let businessId = minter.mint(tenant: tenantId, kind: "business").hex
        let tokenId = minter.mint(tenant: tenantId, kind: "token").hex
        let token = Tokens.generate()
        try await store.createTenant(
            businessId: businessId, tenantId: tenantId, tokenId: tokenId, tokenHash: Tokens.hash(token), at: Timestamp.nowMillis())
        return ["tenantId": .string(tenantId), "businessId": .string(businessId), "tokenId": .string(tokenId), "token": .string(token)]
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tenants and their tokens (IDs only; tokens are stored hashed).")
        @OptionGroup var data: DataOption
        @Flag(help: "Print JSON.") var json = false
        func run() async throws {
            let (store, _) = try await openStore(data)
            let list: JSONValue = .array(
                try await store.tenants().map { t, tokens in
                    [
                        "tenantId": .string(t.tenantId), "businessId": .string(t.businessId),
                        "createdAt": .string(Timestamp.format(millis: t.createdAt)),
                        "limits": TenantCommand.Limits.view(t.limits),
                        "tokens": .array(
                            tokens.map {
                                [
                                    "tokenId": .string($0.tokenId), "createdAt": .string(Timestamp.format(millis: $0.createdAt)),
                                    "revokedAt": .optional($0.revokedAt.map { Timestamp.format(millis: $0) }),
                                ]
                            }),
                    ]
                })
            Output.print(["tenants": list], json: json)
        }
    }

    struct AddToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue another token for a tenant; prints it once.")
        @OptionGroup var data: DataOption
        @Argument(help: "The tenant ID.") var tenantId: String
        func run() async throws {
            let (store, keys) = try await openStore(data)
            let tokenId = IDMinter(secret: keys.idSecret).mint(tenant: tenantId, kind: "token").hex
            let token = Tokens.generate()
            do {
                try await store.addToken(tenantId: tenantId, tokenId: tokenId, tokenHash: Tokens.hash(token), at: Timestamp.nowMillis())
            } catch {
                fail("no tenant \(tenantId)")
            }
            print(CanonicalJSON.encodeOrdered(["tenantId": .string(tenantId), "tokenId": .string(tokenId), "token": .string(token)]))
        }
    }

    struct RevokeToken: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke-token", abstract: "Revoke a token by its token ID (a running node stops accepting it within 2 s).")
        @OptionGroup var data: DataOption
        @Argument(help: "The token ID (from 'ctn tenant list').") var tokenId: String
        func run() async throws {
            let (store, _) = try await openStore(data)
            guard try await store.revokeToken(tokenId: tokenId, at: Timestamp.nowMillis()) else { fail("no active token \(tokenId)") }
            print(CanonicalJSON.encodeOrdered(["tokenId": .string(tokenId), "revoked": true]))
        }
    }
}

func openStore(_ data: DataOption) async throws -> (any Store, NodeKeys) {
    try await openStore(data.url, database: data.database)
}

func openStore(_ dir: URL, database: String? = nil) async throws -> (any Store, NodeKeys) {
    let keys: NodeKeys
    do { keys = try NodeKeys.read(from: dir) } catch { fail("\(error)") }
    return (try await NodeDatabase.open(dir, option: database, keys: keys), keys)
}
