import ArgumentParser
import CTNFederation
import CTNLedger
import CTNModel
import Crypto
import Foundation

/// `ctn certify LOT`: the certifier's side, with every check printed.
struct CertifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certify",
        abstract:
            "Certify a lot: your node pulls its disclosed breakdown, replays the calculation and signs a certificate if it reproduces the CFP."
    )
    @OptionGroup var client: ClientOptions
    @Argument(help: "Lot ID or alias.") var lot: String
    @Option(name: .customLong("lot-node"), help: "The node holding the lot, when it is a peer of yours.") var lotNode: String?

    func run() {
        var body = JSONObject(["lotId": .string(Aliases.resolve(lot))])
        if let lotNode { body["node"] = .string(lotNode) }
        let v = client.call("POST", "/v1/certifications", body: .object(body), allowProblem: true)
        if client.json {
            client.show(v)
            return
        }
        for c in v["checks"]?.arrayValue ?? [] {
            print("\(c["ok"] == .bool(true) ? "✓" : "✗") \(c["check"]?.stringValue ?? "")  \(c["detail"]?.stringValue ?? "")")
        }
        if let cert = v["certificate"]?.stringValue {
            print(
                "\ncertified: lot \(v["lotId"]?.stringValue ?? "") on \(v["node"]?.stringValue ?? ""), version \(Output.scalar(v["version"] ?? .null)), \(Output.scalar(v["co2PerUnit"] ?? .null)) kg-CO2e per unit"
            )
            print("certificate: \(cert)")
        } else {
            fail("not certified: \(v["detail"]?.stringValue ?? "")")
        }
    }
}
