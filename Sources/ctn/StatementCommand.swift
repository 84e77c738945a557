import ArgumentParser
import CTNLedger
import CTNModel
import Crypto
import Foundation

struct StatementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "statement", abstract: "Signed lot statements.",
                                                    subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a lot statement (JWS, EdDSA) offline against a node's public identity; prints its claims, exits 1 if it does not verify.")
        @Option(help: "The node's node.json (its ID and Ed25519 public key).") var nodeJson: String
        @Argument(help: "The statement; '-' reads it from standard input.") var statement: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: nodeJson)), let node = try? JSONParser.parse(data),
                  let nodeId = node["nodeId"]?.stringValue, let keyText = node["publicKey"]?.stringValue,
                  let raw = Data(base64Encoded: keyText), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
                fail("\(nodeJson) is not a node identity with an Ed25519 public key")
            }
            let text = statement == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : statement
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
