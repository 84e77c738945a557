import ArgumentParser
import CTNLedger
import CTNModel
import CTNStore
import Foundation

/// `ctn log verify --data DIR`: the node's Merkle log recomputed from its events and checked
/// against the stored tree and the signed tree head.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "The node's verifiable log (Merkle tree heads and proofs).", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the log's Merkle tree from the events; check the stored tree and the signed tree head (exit 1 if not).")
        @OptionGroup var data: DataOption
        @Flag(help: "Print JSON.") var json = false
        func run() async throws {
            let (store, keys) = try openStore(data.url)
            let r = try await store.verifyLog(publicKey: keys.signingKey.publicKey)
            let out: JSONValue = [
                "ok": .bool(r.ok), "size": .number(Double(r.size)), "rootHash": .string(r.root), "failure": .optional(r.failure),
            ]
            Output.print(out, json: json)
            if !r.ok { throw ExitCode(1) }
        }
    }
}
