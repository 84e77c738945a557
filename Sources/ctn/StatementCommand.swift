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
                "Verify a lot statement (JWS, EdDSA) offline against a node's public identity or a peer directory, and, given the statement with its log proof (GET /v1/lots/{lotId}/statement), its inclusion in the node's signed tree head; prints its claims, exits 1 if it does not verify."
        )
        @Option(help: "The node's node.json (its ID and Ed25519 public key), or a peer entry.") var nodeJson: String?
        @Option(help: "A peer directory (peers.json): the key of the node the statement names is taken from it.") var peers: String?
        @Argument(
            help:
                "The statement (a JWS), or the JSON of a statement with its log proof and tree head; '-' reads it from standard input, '@FILE' from a file."
        ) var statement: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let input: String
            if statement == "-" {
                input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else if statement.hasPrefix("@") {
                guard let d = FileManager.default.contents(atPath: String(statement.dropFirst())) else {
                    fail("cannot read \(statement.dropFirst())")
                }
                input = String(decoding: d, as: UTF8.self)
            } else {
                input = statement
            }
            // A statement with its proof: {"statement", "logProof", "treeHead"} as the node serves it.
            let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
            let bundle = trimmed.hasPrefix("{") ? try? JSONParser.parse(Array(trimmed.utf8)) : nil
            if trimmed.hasPrefix("{"), bundle?["statement"]?.stringValue == nil { fail("the JSON holds no 'statement'") }
            let text = bundle?["statement"]?.stringValue ?? trimmed
            let nodeId: String
            let key: Curve25519.Signing.PublicKey
            if let peers {
                // The node the statement names (its header's kid), looked up in the directory.
                let kid = CompactJWS.parts(text).first.flatMap { Base64URL.decode($0) }.flatMap { try? JSONParser.parse($0) }?[
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
                var out = payload.objectValue ?? JSONObject()
                if let bundle, bundle["logProof"] != nil || bundle["treeHead"] != nil {
                    guard let proof = bundle["logProof"].flatMap(LogProof.init(json:)) else { fail("the log proof is malformed") }
                    guard let head = bundle["treeHead"].flatMap(TreeHead.init(json:)) else { fail("the tree head is malformed") }
                    guard head.nodeId == nodeId, head.verify(key) else { fail("the tree head is not signed by node \(nodeId)") }
                    do { _ = try LotStatement.verifyLogged(text, proof: proof, head: head) } catch {
                        fail("log proof does not verify: \(error)")
                    }
                    out["log"] = .string(
                        "leaf \(proof.leaf) of the log of \(head.size) leaves, root \(head.root), signed \(Timestamp.format(millis: head.timestamp))"
                    )
                } else if payload["logLeaf"] != nil {
                    out["log"] = "not checked: give the statement with its log proof (GET /v1/lots/{lotId}/statement)"
                }
                Output.print(.object(out), json: json)
            } catch {
                fail("statement does not verify: \(error)")
            }
        }
    }
}
