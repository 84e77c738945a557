import ArgumentParser
import CTNModel
import Foundation

/// `ctn agreement grant|list|revoke`: who else may read an owner's breakdowns.
struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement", abstract: "Agreements: open your lots' breakdowns to other businesses.",
        subcommands: [Grant.self, List.self, Revoke.self])

    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Agreement Grant.")
        @OptionGroup var client: ClientOptions
        @Option(help: "Grantee business ('<id>' here, '<id>@<node>' elsewhere), or alias.") var grantee: String
        @Option(help: "'lot' (with --lot), 'shipped' or 'all'.") var scope = "all"
        @Option(help: "The lot, with --scope lot (ID or alias).") var lot: String?
        @Option(help: "Enquiries opened (repeatable): material-use-enquiry, facility-usage-enquiry, cbam-report-enquiry, cbam-summary.")
        var contract: [String] = [
            "material-use-enquiry"
        ]
        @Option(help: "What the grantee may use the data for.") var purpose: String
        @Option(help: "Expiry (RFC 3339).") var expiresAt: String?
        @Option(name: .customLong("cn"), help: "With cbam-summary alone: a CN code or heading the importer sees (repeatable; default all).")
        var cnCodes: [String] = []
        @Flag(help: "Let the grantee's own customers read too, when they reach the lot through the grantee's lots.") var transitive = false
        func run() {
            var b = JSONObject(["grantee": .string(Aliases.resolve(grantee)), "scope": .string(scope), "purpose": .string(purpose)])
            b["contracts"] = .array(contract.map { .string($0) })
            if let lot { b["lotId"] = .string(Aliases.resolve(lot)) }
            if let expiresAt { b["expiresAt"] = .string(expiresAt) }
            if transitive { b["transitive"] = true }
            if !cnCodes.isEmpty { b["cnCodes"] = .array(cnCodes.map { .string($0) }) }
            client.show(client.call("POST", "/v1/agreements", body: .object(b)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Agreement Enquiry: granted by you and to you.")
        @OptionGroup var client: ClientOptions
        func run() { client.show(client.call("GET", "/v1/agreements")) }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Agreement Revocation.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Agreement ID.") var agreement: String
        func run() { client.show(client.call("DELETE", "/v1/agreements/\(agreement)")) }
    }
}
