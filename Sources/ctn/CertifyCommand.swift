import ArgumentParser
import CTNFederation
import CTNLedger
import CTNModel
import Crypto
import Foundation

/// `ctn certify LOT`: the certifier's side, with every check printed.
struct CertifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "certify",
        abstract: "Certify a lot: your node pulls its disclosed breakdown, replays the calculation and signs a certificate if it reproduces the CFP.")
    @OptionGroup var client: ClientOptions
    @Argument(help: "Lot ID or alias.") var lot: String
    @Option(name: .customLong("lot-node"), help: "The node holding the lot, when it is a peer of yours.") var lotNode: String?

    func run() {
        var body = JSONObject(["lotId": .string(Aliases.resolve(lot))])
        if let lotNode { body["node"] = .string(lotNode) }
        let v = client.call("POST", "/v1/certifications", body: .object(body), allowProblem: true)
        if client.json { client.show(v); return }
        for c in v["checks"]?.arrayValue ?? [] {
            print("\(c["ok"] == .bool(true) ? "✓" : "✗") \(c["check"]?.stringValue ?? "")  \(c["detail"]?.stringValue ?? "")")
        }
        if let cert = v["certificate"]?.stringValue {
            print("\ncertified: lot \(v["lotId"]?.stringValue ?? "") on \(v["node"]?.stringValue ?? ""), version \(Output.scalar(v["version"] ?? .null)), \(Output.scalar(v["co2PerUnit"] ?? .null)) kg-CO2e per unit")
            print("certificate: \(cert)")
        } else {
            fail("not certified: \(v["detail"]?.stringValue ?? "")")
        }
    }
}

/// `ctn certificate verify`: offline, with the certifier node's key.
struct CertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "certificate", abstract: "Certificates of lots.", subcommands: [Verify.self, Attach.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Verify a certificate offline against a peer directory (or a node.json); prints its claims, exits 1 if it does not verify.")
        @Option(help: "A peer directory (peers.json) holding the certifier's node.") var peers: String?
        @Option(help: "The certifier node's node.json.") var nodeJson: String?
        @Argument(help: "The certificate (JWS).") var certificate: String
        @Flag(help: "Print JSON.") var json = false
        func run() throws {
            guard let issuer = Certificate.issuer(of: certificate) else { fail("not a certificate") }
            let key: Data?
            if let peers {
                key = (try? PeerDirectory.load(file: URL(fileURLWithPath: peers)))?[issuer]?.publicKey.rawRepresentation
            } else if let nodeJson, let d = try? Data(contentsOf: URL(fileURLWithPath: nodeJson)), let v = try? JSONParser.parse(d), v["nodeId"]?.stringValue == issuer {
                key = v["publicKey"]?.stringValue.flatMap { Data(base64Encoded: $0) }
            } else { key = nil }
            guard let key, let k = try? Curve25519.Signing.PublicKey(rawRepresentation: key) else { fail("no key for node \(issuer)") }
            do {
                let c = try Certificate.verify(certificate, publicKey: k)
                Output.print(["lotId": .string(c.lotId), "node": .string(c.node), "version": .number(Double(c.version)), "co2PerUnit": .number(c.co2PerUnit),
                              "totalCO2": .number(c.totalCO2), "certifier": .string(c.certifier), "issuedAt": .string(c.issuedAt), "method": .string(Certificate.method)], json: json)
            } catch {
                fail("certificate does not verify: \(error)")
            }
        }
    }

    struct Attach: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Certificate Attachment: attach a certificate to your lot.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Lot ID or alias.") var lot: String
        @Argument(help: "The certificate (JWS).") var certificate: String
        func run() { client.show(client.call("POST", "/v1/lots/\(Aliases.resolve(lot))/certificates", body: ["certificate": .string(certificate)])) }
    }
}

/// `ctn deletion request|receipts|verify` and `ctn held`.
struct DeletionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deletion", abstract: "Ask another node to delete what it holds of your lots, with a signed receipt.",
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
        static let configuration = CommandConfiguration(commandName: "held", abstract: "Held Data Enquiry: what you hold of other nodes' lots.")
        @OptionGroup var client: ClientOptions
        func run() { client.show(client.call("GET", "/v1/held")) }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Verify a deletion receipt offline against a peer directory; prints it, exits 1 if it does not verify.")
        @Option(help: "A peer directory (peers.json) holding the node that signed it.") var peers: String
        @Argument(help: "The receipt (JWS).") var receipt: String
        func run() throws {
            guard let issuer = OnwardGrant.issuer(of: receipt), let key = (try? PeerDirectory.load(file: URL(fileURLWithPath: peers)))?[issuer]?.publicKey else {
                fail("no key for the receipt's node in \(peers)")
            }
            do { Output.print(try DeletionReceipt.verify(receipt, publicKey: key), json: true) } catch { fail("receipt does not verify: \(error)") }
        }
    }
}
