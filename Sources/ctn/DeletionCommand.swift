import ArgumentParser
import CTNFederation
import CTNLedger
import CTNModel
import Crypto
import Foundation

/// `ctn deletion request|receipts|verify` and `ctn held`.
struct DeletionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deletion", abstract: "Ask another node to delete what it holds of your lots, with a signed receipt.",
        subcommands: [Request.self, Receipts.self, Verify.self, Held.self])

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deletion Request to a peer node.")
        @OptionGroup var client: ClientOptions
        @Option(name: .customLong("from-node"), help: "The node asked to delete.") var fromNode: String
        @Option(help: "A lot concerned (repeatable; default: all your lots).") var lot: [String] = []
        func run() {
            var b = JSONObject(["node": .string(fromNode)])
            if !lot.isEmpty { b["lotIds"] = .array(lot.map { .string(Aliases.resolve($0)) }) }
            client.show(client.call("POST", "/v1/deletion-requests", body: .object(b)))
        }
    }

    struct Receipts: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deletion Receipt Enquiry.")
        @OptionGroup var client: ClientOptions
        func run() { client.show(client.call("GET", "/v1/deletion-requests")) }
    }

    struct Held: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "held", abstract: "Held Data Enquiry: what you hold of other nodes' lots.")
        @OptionGroup var client: ClientOptions
        func run() { client.show(client.call("GET", "/v1/held")) }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a deletion receipt offline against a peer directory; prints it, exits 1 if it does not verify.")
        @Option(help: "A peer directory (peers.json) holding the node that signed it.") var peers: String
        @Argument(help: "The receipt (JWS).") var receipt: String
        func run() throws {
            guard let issuer = OnwardGrant.issuer(of: receipt),
                let key = (try? PeerDirectory.load(file: URL(fileURLWithPath: peers)))?[issuer]?.publicKey
            else {
                fail("no key for the receipt's node in \(peers)")
            }
            do { Output.print(try DeletionReceipt.verify(receipt, publicKey: key), json: true) } catch {
                fail("receipt does not verify: \(error)")
            }
        }
    }
}
