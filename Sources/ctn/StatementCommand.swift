import ArgumentParser
import CTNFederation
import CTNLedger
import CTNModel
import Crypto
import Foundation

struct StatementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement", abstract: "Signed lot statements.",
        subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Verify a lot statement (JWS, EdDSA) offline against a node's public identity or a peer directory; prints its claims, exits 1 if it does not verify."
        )
        @Option(help: "The node's node.json (its ID and Ed25519 public key), or a peer entry.") var nodeJson: String?
        @Option(help: "A peer directory (peers.json): the key of the node the statement names is taken from it.") var peers: String?
        @Argument(help: "The statement; '-' reads it from standard input.") var statement: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let text = statement == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : statement
            let nodeId: String
            let key: Curve25519.Signing.PublicKey
            if let peers {
                // The node the statement names (its header's kid), looked up in the directory.
                let kid = text.split(separator: ".").first.flatMap { Base64URL.decode(String($0)) }.flatMap { try? JSONParser.parse($0) }?[
                    "kid"]?.stringValue
                guard let directory = try? PeerDirectory.load(file: URL(fileURLWithPath: peers)) else {
                    fail("\(peers) is not a peer directory")
                }
                guard let kid, let peer = directory[kid] else { fail("the statement's node \(kid ?? "?") is not in \(peers)") }
                (nodeId, key) = (kid, peer.publicKey)
            } else {
                guard let nodeJson, let data = try? Data(contentsOf: URL(fileURLWithPath: nodeJson)),
                    let node = try? JSONParser.parse(data),
                    let id = node["nodeId"]?.stringValue, let keyText = node["publicKey"]?.stringValue,
                    let raw = Data(base64Encoded: keyText), let k = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
                else {
                    fail("\(nodeJson ?? "--node-json or --peers is needed"): not a node identity with an Ed25519 public key")
                }
                (nodeId, key) = (id, k)
            }
            do {
                let (header, payload) = try LotStatement.verify(text.trimmingCharacters(in: .whitespacesAndNewlines), publicKey: key)
                guard header["kid"]?.stringValue == nodeId, payload["nodeId"]?.stringValue == nodeId else {
                    fail("the statement names another node than \(nodeId)")
                }
                Output.print(payload, json: json)
            } catch {
                fail("statement does not verify: \(error)")
            }
        }
    }
}
