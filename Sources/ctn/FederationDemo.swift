import ArgumentParser
import CTNFederation
import CTNLedger
import CTNModel
import CTNNode
import CTNStore
import CTNTLS
import CurlHTTP
import Dispatch
import Foundation
import Synchronization

/// The main job: a local federation of three nodes, each its own `ctn serve` process with its own
/// data folder, keys and certificate, peered with the entries they export; a supply chain loaded
/// through the public API; the trace of the final product printed; serving until stopped.
struct FederationDemo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Run three peered nodes (steel supplier, parts maker, assembler) on loopback with a supply chain loaded, and print its trace.")
    @Option(help: "Folder holding the three nodes' data folders.") var data = "./demo-data"
    @Option(help: "First of three consecutive ports (steel, parts, assembler).") var port = 8443
    @Flag(help: "Load, print the trace, then stop the nodes and exit instead of serving.") var once = false

    static let nodes = ["steel", "parts", "assembler"]

    func run() throws {
        umask(0o077)
        let root = URL(fileURLWithPath: data)
        let federation = root.appendingPathComponent("federation")
        try FileManager.default.createDirectory(at: federation, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var base: [String: String] = [:]
        var tokens: [String: JSONValue] = [:]
        // Each node: keys and TLS material, one business, and its exported directory entry.
        for (i, id) in Self.nodes.enumerated() {
            let dir = root.appendingPathComponent(id)
            base[id] = "https://127.0.0.1:\(port + i)"
            let fresh = !FileManager.default.fileExists(atPath: dir.appendingPathComponent("keys.json").path)
            if fresh { try Init.initialise(dir, nodeId: id, publicURL: base[id]) }
            let tenantFile = dir.appendingPathComponent("demo-tenant.json")
            if let saved = try? Data(contentsOf: tenantFile) {
                tokens[id] = try JSONParser.parse(saved)
            } else {
                let tenant = try blocking {
                    let (store, keys) = try await openStore(dir)
                    return try await TenantCommand.create(store: store, keys: keys)
                }
                tokens[id] = tenant
                FileManager.default.createFile(
                    atPath: tenantFile.path, contents: Data(CanonicalJSON.encodeOrdered(tenant).utf8),
                    attributes: [.posixPermissions: 0o600])
            }
            let keys = try NodeKeys.read(from: dir)
            let ca = String(decoding: try Data(contentsOf: NodeTLS.caFile(dir)), as: UTF8.self)
            let entry: JSONValue = [
                "nodeId": .string(id), "baseURL": .string(base[id]!), "algorithm": "Ed25519",
                "publicKey": .string(keys.publicKeyBase64), "caCertificate": .string(ca),
            ]
            try Data(CanonicalJSON.encodeOrdered(entry).utf8).write(to: federation.appendingPathComponent("\(id).json"))
        }
        // Peering: every node adds the other two entries to its directory.
        for id in Self.nodes {
            let dir = root.appendingPathComponent(id)
            var directory = PeerDirectory()
            for other in Self.nodes where other != id {
                directory.add(
                    try Peer(json: try JSONParser.parse(try Data(contentsOf: federation.appendingPathComponent("\(other).json")))))
            }
            try directory.save(data: dir)
        }
        // Three server processes.
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var children: [Process] = []
        func stopAll() {
            for c in children where c.isRunning { c.terminate() }
            for c in children { c.waitUntilExit() }
        }
        for (i, id) in Self.nodes.enumerated() {
            let dir = root.appendingPathComponent(id)
            let log = dir.appendingPathComponent("serve.log")
            FileManager.default.createFile(atPath: log.path, contents: nil, attributes: [.posixPermissions: 0o600])
            let p = Process()
            p.executableURL = exe
            p.arguments = ["serve", "--data", dir.path, "--port", String(port + i), "--exit-with-parent"]
            p.standardOutput = try FileHandle(forWritingTo: log)
            p.standardError = p.standardOutput
            try p.run()
            children.append(p)
            let deadline = Date().addingTimeInterval(30)
            while !(String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self).contains("listening on")) {
                guard p.isRunning, Date() < deadline else {
                    stopAll()
                    fail("node \(id) did not start on port \(port + i); see \(log.path)")
                }
                usleep(50_000)
            }
            say("node \(id) (pid \(p.processIdentifier)) serving \(base[id]!)")
        }
        let started = children
        let stopping = Stopping()
        let stop: @Sendable (Int32) -> Void = { _ in
            stopping.flag.store(true, ordering: .relaxed)
            for c in started where c.isRunning { c.terminate() }
            for c in started { c.waitUntilExit() }
            Foundation.exit(0)
        }
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let sources = [SIGINT, SIGTERM].map { sig -> DispatchSourceSignal in
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .main)
            s.setEventHandler { stop(sig) }
            s.resume()
            return s
        }

        let ca = { (id: String) in NodeTLS.caFile(root.appendingPathComponent(id)).path }
        let chainFile = root.appendingPathComponent("demo-chain.json")
        let chain: JSONValue
        do {
            if let saved = try? Data(contentsOf: chainFile), let v = try? JSONParser.parse(saved) {
                chain = v
                say("Supply chain from an earlier run (\(chainFile.path)).")
            } else {
                chain = try ChainLoader(base: base, ca: ca, tokens: tokens).load()
                FileManager.default.createFile(
                    atPath: chainFile.path, contents: Data(CanonicalJSON.encodeOrdered(chain).utf8), attributes: [.posixPermissions: 0o600])
            }
            let product = chain["product"]!.stringValue!
            let trace = try ChainLoader.call(
                base["assembler"]! + "/v1/lots/\(product)/trace", ca: ca("assembler"), token: tokens["assembler"]!["token"]!.stringValue!)
            say("\nTrace of the assembler's product lot (as the assembler sees it):\n")
            say(TraceCommand.render(trace))
            Self.printHelp(base: base, ca: ca, tokens: tokens, chain: chain, serving: !once)
        } catch {
            say("Loading the supply chain failed: \(error)")
            stop(0)
        }
        if once { stop(0) }
        // Serve until a signal arrives or a node dies.
        // The signal sources must outlive the loop: an optimised build would otherwise release them
        // (and with them the handlers) as soon as they are made.
        withExtendedLifetime(sources) {
            while started.allSatisfy(\.isRunning) { RunLoop.main.run(until: Date().addingTimeInterval(0.5)) }
        }
        // A signal stops the nodes too: only a node that stopped by itself is an error.
        if stopping.flag.load(ordering: .relaxed) {
            for c in started { c.waitUntilExit() }
            return
        }
        say("a node stopped; stopping the others")
        stopAll()
        throw ExitCode(1)
    }

    /// Set when a signal has asked the demo to stop.
    final class Stopping: Sendable {
        let flag = Atomic<Bool>(false)
    }

    static func printHelp(base: [String: String], ca: (String) -> String, tokens: [String: JSONValue], chain: JSONValue, serving: Bool) {
        let product = chain["product"]?.stringValue ?? ""
        let part = chain["part"]?.stringValue ?? ""
        let steel = chain["steel"]?.stringValue ?? ""
        var lines = [
            "",
            "Nodes (their data folders, keys and certificates are under the demo folder; tokens also in each demo-tenant.json, mode 0600):",
        ]
        for id in nodes {
            lines.append(
                "  \(id.padding(toLength: 10, withPad: " ", startingAt: 0)) \(base[id]!)  business \(tokens[id]?["businessId"]?.stringValue ?? "")"
            )
        }
        lines += [
            "",
            "Lots: steel bar \(steel) (steel), brackets \(part) (parts), product \(product) (assembler)",
            "",
            "Explore as the assembler:",
            "  export CTN_NODE=\(base["assembler"]!)",
            "  export CTN_CACERT=\(ca("assembler"))",
            "  export CTN_TOKEN=\(tokens["assembler"]?["token"]?.stringValue ?? "")",
            "  .build/release/ctn trace \(product)",
            "  .build/release/ctn lot show \(product)",
            "  curl -s --cacert $CTN_CACERT -H \"Authorization: Bearer $CTN_TOKEN\" $CTN_NODE/v1/lots/\(product)/trace",
            "As the parts maker (its supplier view), or anyone (public statements):",
            "  .build/release/ctn trace \(part) --node \(base["parts"]!) --cacert \(ca("parts")) --token \(tokens["parts"]?["token"]?.stringValue ?? "")",
            "  curl -s --cacert \(ca("steel")) \(base["steel"]!)/v1/lots/\(steel)",
        ]
        if serving { lines += ["", "Serving until Ctrl-C."] }
        say(lines.joined(separator: "\n"))
    }
}
