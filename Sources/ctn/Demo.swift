import ArgumentParser
import CTNModel
import CTNNode
import CTNTLS
import CurlHTTP
import Foundation

func say(_ s: String) { FileHandle.standardOutput.write(Data((s + "\n").utf8)) }

/// The main job: a node with two demo tenants, loaded through the public API with the worked
/// example of the CTN white paper (Tables 3-9), serving until stopped.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a node loaded with the white paper's worked example and print how to query it.")
    @OptionGroup var data: DataOption
    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Load the example, print the summary and exit instead of serving.") var once = false
    @Flag(help: "Serve plain HTTP instead of HTTPS (local tests only).") var insecureHttp = false

    func run() async throws {
        try Init.initialiseIfNeeded(data.url, nodeId: "demo-node")
        let node = try Node.open(dataDir: data.url, resources: Node.defaultResources())
        let summaryFile = data.url.appendingPathComponent("demo.json")
        let host = self.host
        let once = self.once
        let tls = !insecureHttp
        let (store, keys) = (node.store, node.keys)
        let ca = tls ? NodeTLS.caFile(data.url).path : nil
        try await Serve.run(node, host: host, port: port, tls: tls) { port in
            let base = "\(tls ? "https" : "http")://\(host):\(port)"
            let summary: JSONValue
            if let data = try? Data(contentsOf: summaryFile), let v = try? JSONParser.parse(data) {
                summary = v
                say("Demo data from an earlier run (\(summaryFile.path)).")
            } else {
                do {
                    let maker = try await TenantCommand.create(store: store, keys: keys)
                    let customer = try await TenantCommand.create(store: store, keys: keys)
                    summary = try await Task.detached { try DemoLoader(base: base, caFile: ca).load(maker: maker, customer: customer) }
                        .value
                    FileManager.default.createFile(
                        atPath: summaryFile.path, contents: Data(CanonicalJSON.encodeOrdered(summary).utf8),
                        attributes: [.posixPermissions: 0o600])
                } catch {
                    say("Loading the demo failed: \(error)")
                    Foundation.exit(1)
                }
            }
            DemoLoader.printSummary(summary, base: base, caFile: ca)
            if once { Foundation.exit(0) }
        }
    }
}
