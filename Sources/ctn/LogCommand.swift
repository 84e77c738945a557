import ArgumentParser
import CTNLedger
import CTNModel
import CTNNode
import CTNService
import CTNStore
import Foundation

/// `ctn log verify --data DIR`: the node's Merkle log recomputed from its events and checked
/// against the stored tree and the signed tree head. `ctn log audit --data DIR --peer URL`: a
/// peer's current head checked against every head of it this node witnessed. `ctn log alarms`:
/// the forks this node saw.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "The node's verifiable log (Merkle tree heads and proofs).",
        subcommands: [Verify.self, Audit.self, Alarms.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the log's Merkle tree from the events; check the stored tree and the signed tree head (exit 1 if not).")
        @OptionGroup var data: DataOption
        @Flag(help: "Print JSON.") var json = false
        func run() async throws {
            let (store, keys) = try await openStore(data)
            let r = try await store.verifyLog(publicKey: keys.signingKey.publicKey)
            let out: JSONValue = [
                "ok": .bool(r.ok), "size": .number(Double(r.size)), "rootHash": .string(r.root), "failure": .optional(r.failure),
            ]
            Output.print(out, json: json)
            if !r.ok { throw ExitCode(1) }
        }
    }

    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Fetch a peer's signed tree head over HTTPS and check, with the peer's consistency proofs, that it extends every head of it this node witnessed (exit 1 if not; a fork is kept as an alarm)."
        )
        @OptionGroup var data: DataOption
        @Option(help: "The peer's base URL as the peer directory has it (or its node ID).") var peer: String
        @Flag(help: "Print JSON.") var json = false
        func run() async throws {
            let node = try await data.openNode()
            guard let id = node.service.peer(matching: peer) else {
                FileHandle.standardError.write(Data("ctn: \(peer) is not in the peer directory of \(data.url.path)\n".utf8))
                throw ExitCode(2)
            }
            let r = try await node.service.auditPeer(id)
            Output.print(r, json: json)
            if r["ok"] != .bool(true) { throw ExitCode(1) }
        }
    }

    struct Alarms: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The forks of peers' logs this node saw (exit 1 if there are any).")
        @OptionGroup var data: DataOption
        @Flag(help: "Print JSON.") var json = false
        func run() async throws {
            let node = try await data.openNode()
            let r = try await node.service.witnessView(alarms: true)
            Output.print(r, json: json)
            if r["alarms"]?.arrayValue?.isEmpty == false { throw ExitCode(1) }
        }
    }
}
