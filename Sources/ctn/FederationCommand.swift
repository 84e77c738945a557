import ArgumentParser
import CTNFederation
import CTNLedger
import CTNModel
import CTNTLS
import Foundation

struct FederationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "federation", abstract: "This node's entry for peers, and the peers it knows.",
        subcommands: [Export.self, Add.self, List.self, FederationDemo.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print this node's peer-directory entry (ID, base URL, Ed25519 key, CA to pin) as JSON.")
        @OptionGroup var data: DataOption
        @Option(help: "Base URL peers use (default: the --public-url given to ctn init).") var baseUrl: String?
        func run() throws {
            let node = try JSONParser.parse(try Data(contentsOf: data.url.appendingPathComponent("node.json")))
            guard let url = baseUrl ?? node["publicURL"]?.stringValue else {
                fail("no public URL: pass --base-url or init with --public-url")
            }
            let ca = String(decoding: try Data(contentsOf: NodeTLS.caFile(data.url)), as: UTF8.self)
            let entry: JSONValue = [
                "nodeId": node["nodeId"] ?? .null, "baseURL": .string(url), "algorithm": "Ed25519",
                "publicKey": node["publicKey"] ?? .null, "caCertificate": .string(ca),
            ]
            _ = try Peer(json: entry)  // the entry must be one a peer can add
            print(CanonicalJSON.encodeOrdered(entry))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add (or replace) a peer from its exported entry; a running node reads the directory at start.")
        @OptionGroup var data: DataOption
        @Argument(help: "The peer's entry (JSON file; '-' for standard input).") var file: String
        func run() throws {
            let bytes = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
            let peer: Peer
            do { peer = try Peer(json: try JSONParser.parse(bytes)) } catch { fail("\(file): \(error)") }
            let own = try NodeKeys.read(from: data.url)
            guard peer.nodeId != own.nodeId else { fail("\(peer.nodeId) is this node") }
            var directory = try PeerDirectory.load(data: data.url)
            directory.add(peer)
            try directory.save(data: data.url)
            print(
                CanonicalJSON.encodeOrdered([
                    "added": .string(peer.nodeId), "baseURL": .string(peer.baseURL), "peers": .number(Double(directory.peers.count)),
                ]))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the known peers.")
        @OptionGroup var data: DataOption
        @Flag(help: "Print JSON.") var json = false
        func run() throws {
            let d = try PeerDirectory.load(data: data.url)
            Output.print(
                [
                    "peers": .array(
                        d.peers.keys.sorted().map { id in
                            [
                                "nodeId": .string(id), "baseURL": .string(d.peers[id]!.baseURL),
                                "publicKey": .string(d.peers[id]!.publicKey.rawRepresentation.base64EncodedString()),
                            ]
                        })
                ], json: json)
        }
    }
}
