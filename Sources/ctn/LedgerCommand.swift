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

struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Inspect the node's hash-chained ledger.",
        subcommands: [Verify.self, Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the ledger's events as JSON lines, oldest first (for audit and replay).")
        @OptionGroup var data: DataOption
        @Option(help: "Only events of this contract (for example lot-correction).") var contract: String?
        func run() async throws {
            let (store, _) = try await openStore(data)
            var after = Int64.min
            while true {
                let page = try await store.ledgerEvents(after: after, limit: 1000)
                guard let last = page.last else { break }
                after = last.seq
                for e in page where contract == nil || e.contract == contract {
                    let line: JSONValue = [
                        "seq": .number(Double(e.seq)), "ledgerTime": .string(Timestamp.format(millis: e.ledgerTime)),
                        "sourceTime": .string(Timestamp.format(millis: e.sourceTime)), "tenantId": .string(e.tenantId),
                        "contract": .string(e.contract), "event": .string(e.event),
                        "payload": (try? JSONParser.parse(Array(e.payload.utf8))) ?? .string(e.payload),
                        "prevHash": .string(e.prevHash), "hash": .string(e.hash),
                    ]
                    print(CanonicalJSON.encodeOrdered(line))
                }
            }
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the hash chain and check the signed head; exits 1 at the first failing event.")
        @OptionGroup var data: DataOption
        @Flag(help: "Print JSON.") var json = false
        func run() async throws {
            let (store, keys) = try await openStore(data)
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
