import ArgumentParser
import CTNFederation
import CTNLedger
import CTNModel
import Crypto
import Foundation

/// `ctn certificate verify`: offline, with the certifier node's key.
struct CertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate", abstract: "Certificates of lots.", subcommands: [Verify.self, Attach.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Verify a certificate offline against a peer directory (or a node.json); prints its claims, exits 1 if it does not verify.")
        @Option(help: "A peer directory (peers.json) holding the certifier's node.") var peers: String?
        @Option(help: "The certifier node's node.json.") var nodeJson: String?
        @Argument(help: "The certificate (JWS).") var certificate: String
        @Flag(help: "Print JSON.") var json = false
        func run() throws {
            guard let issuer = Certificate.issuer(of: certificate) else { fail("not a certificate") }
            let key: Data?
            if let peers {
                key = (try? PeerDirectory.load(file: URL(fileURLWithPath: peers)))?[issuer]?.publicKey.rawRepresentation
            } else if let nodeJson, let d = try? Data(contentsOf: URL(fileURLWithPath: nodeJson)), let v = try? JSONParser.parse(d),
                v["nodeId"]?.stringValue == issuer
            {
                key = v["publicKey"]?.stringValue.flatMap { Data(base64Encoded: $0) }
            } else {
                key = nil
            }
            guard let key, let k = try? Curve25519.Signing.PublicKey(rawRepresentation: key) else { fail("no key for node \(issuer)") }
            do {
                let c = try Certificate.verify(certificate, publicKey: k)
                Output.print(
                    [
                        "lotId": .string(c.lotId), "node": .string(c.node), "version": .number(Double(c.version)),
                        "co2PerUnit": .number(c.co2PerUnit),
                        "totalCO2": .number(c.totalCO2), "certifier": .string(c.certifier), "issuedAt": .string(c.issuedAt),
                        "method": .string(Certificate.method),
                    ], json: json)
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
        func run() {
            client.show(client.call("POST", "/v1/lots/\(Aliases.resolve(lot))/certificates", body: ["certificate": .string(certificate)]))
        }
    }
}
