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

/// The main job: a local federation of three nodes, each its own `ctn serve` process with its own
/// data folder, keys and certificate, peered with the entries they export; a supply chain loaded
/// through the public API; the trace of the final product printed; serving until stopped.
struct FederationDemo: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo",
        abstract: "Run three peered nodes (steel supplier, parts maker, assembler) on loopback with a supply chain loaded, and print its trace.")
    @Option(help: "Folder holding the three nodes' data folders.") var data = "./demo-data"
    @Option(help: "First of three consecutive ports (steel, parts, assembler).") var port = 8443
    @Flag(help: "Load, print the trace, then stop the nodes and exit instead of serving.") var once = false

    static let nodes = ["steel", "parts", "assembler"]

    func run() throws {
        umask(0o077)
        let root = URL(fileURLWithPath: data)
        let federation = root.appendingPathComponent("federation")
        try FileManager.default.createDirectory(at: federation, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var base: [String: String] = [:], tokens: [String: JSONValue] = [:]
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
                let (store, keys) = try openStore(dir)
                let t = try blocking { try await TenantCommand.create(store: store, keys: keys) }
                tokens[id] = t
                FileManager.default.createFile(atPath: tenantFile.path, contents: Data(CanonicalJSON.encodeOrdered(t).utf8), attributes: [.posixPermissions: 0o600])
            }
            let keys = try NodeKeys.read(from: dir)
            let ca = String(decoding: try Data(contentsOf: NodeTLS.caFile(dir)), as: UTF8.self)
            let entry: JSONValue = ["nodeId": .string(id), "baseURL": .string(base[id]!), "algorithm": "Ed25519",
                                    "publicKey": .string(keys.publicKeyBase64), "caCertificate": .string(ca)]
            try Data(CanonicalJSON.encodeOrdered(entry).utf8).write(to: federation.appendingPathComponent("\(id).json"))
        }
        // Peering: every node adds the other two entries to its directory.
        for id in Self.nodes {
            let dir = root.appendingPathComponent(id)
            var directory = PeerDirectory()
            for other in Self.nodes where other != id {
                directory.add(try Peer(json: try JSONParser.parse(try Data(contentsOf: federation.appendingPathComponent("\(other).json")))))
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
        let stop: @Sendable (Int32) -> Void = { _ in
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
        _ = sources

        let ca = { (id: String) in NodeTLS.caFile(root.appendingPathComponent(id)).path }
        let chainFile = root.appendingPathComponent("demo-chain.json")
        let chain: JSONValue
        do {
            if let saved = try? Data(contentsOf: chainFile), let v = try? JSONParser.parse(saved) {
                chain = v
                say("Supply chain from an earlier run (\(chainFile.path)).")
            } else {
                chain = try ChainLoader(base: base, ca: ca, tokens: tokens).load()
                FileManager.default.createFile(atPath: chainFile.path, contents: Data(CanonicalJSON.encodeOrdered(chain).utf8), attributes: [.posixPermissions: 0o600])
            }
            let product = chain["product"]!.stringValue!
            let trace = try ChainLoader.call(base["assembler"]! + "/v1/lots/\(product)/trace", ca: ca("assembler"), token: tokens["assembler"]!["token"]!.stringValue!)
            say("\nTrace of the assembler's product lot (as the assembler sees it):\n")
            say(TraceCommand.render(trace))
            Self.printHelp(base: base, ca: ca, tokens: tokens, chain: chain, serving: !once)
        } catch {
            say("Loading the supply chain failed: \(error)")
            stop(0)
        }
        if once { stop(0) }
        // Serve until a signal arrives or a node dies.
        while started.allSatisfy(\.isRunning) { RunLoop.main.run(until: Date().addingTimeInterval(0.5)) }
        say("a node stopped; stopping the others")
        stopAll()
        throw ExitCode(1)
    }

    static func printHelp(base: [String: String], ca: (String) -> String, tokens: [String: JSONValue], chain: JSONValue, serving: Bool) {
        let product = chain["product"]?.stringValue ?? "", part = chain["part"]?.stringValue ?? "", steel = chain["steel"]?.stringValue ?? ""
        var lines = ["", "Nodes (their data folders, keys and certificates are under the demo folder; tokens also in each demo-tenant.json, mode 0600):"]
        for id in nodes {
            lines.append("  \(id.padding(toLength: 10, withPad: " ", startingAt: 0)) \(base[id]!)  business \(tokens[id]?["businessId"]?.stringValue ?? "")")
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

/// Loads the demo supply chain through the nodes' public API. Figures (kg-CO2e):
/// steel: 1,050 kg S45C × 0.393 = 412.65 and an arc furnace 2 h × 120 = 240 → 652.65 for 1,000 kg = 0.65265/kg;
/// parts: 150 kg of that steel = 97.8975 and a press 50 min × 0.251 = 12.55 → 110.4475 for 98 good brackets;
/// assembler: 40 brackets, 3 kg ABS × 0.254 = 0.762 and 120 min × 0.0125 = 1.5 on the line, 10 products.
struct ChainLoader {
    let base: [String: String]
    let ca: (String) -> String
    let tokens: [String: JSONValue]

    static func call(_ url: String, ca: String, token: String, method: String = "GET", _ body: JSONValue? = nil) throws -> JSONValue {
        let r = try CurlClient(caFile: ca).request(method, url, headers: ["Authorization: Bearer \(token)"],
                                                   body: body.map { Array(CanonicalJSON.encodeOrdered($0).utf8) })
        let v = try JSONParser.parse(r.body)
        guard r.status < 300 else { throw DemoError(description: "\(method) \(url): HTTP \(r.status) \(r.text)") }
        return v
    }

    func call(_ node: String, _ method: String, _ path: String, _ body: JSONValue? = nil) throws -> JSONValue {
        try Self.call(base[node]! + path, ca: ca(node), token: tokens[node]!["token"]!.stringValue!, method: method, body)
    }

    func id(_ v: JSONValue, _ key: String) -> String { v[key]!.stringValue! }

    func load() throws -> JSONValue {
        let business = { (n: String) in "\(tokens[n]!["businessId"]!.stringValue!)@\(n)" }
        // Steel supplier.
        let furnace = id(try call("steel", "POST", "/v1/equipment", ["activityUnit": "h"]), "equipmentId")
        _ = try call("steel", "PUT", "/v1/equipment/\(furnace)/intensity", ["intensity": 120, "unit": "kg-CO2e/h"])
        let steel = id(try call("steel", "POST", "/v1/lots", ["declaredUnit": "kg"]), "lotId")
        _ = try call("steel", "POST", "/v1/lots/\(steel)/material-uses", ["category": "steel-s45c", "quantity": 1050, "unit": "kg"])
        _ = try call("steel", "POST", "/v1/lots/\(steel)/equipment-uses", ["equipmentId": .string(furnace), "activity": 2, "unit": "h"])
        _ = try call("steel", "POST", "/v1/lots/\(steel)/completion", ["completed": 1000])
        _ = try call("steel", "POST", "/v1/lots/\(steel)/shipments", ["consignee": .string(business("parts")), "quantity": 200])
        // The steel supplier lets the assembler see its breakdown too (beyond its direct customer).
        _ = try call("steel", "POST", "/v1/agreements", ["grantee": .string(business("assembler")), "scope": "all",
                                                         "contracts": ["material-use-enquiry"], "purpose": "product CFP disclosure"])
        // Parts maker: brackets from the supplier's steel, pulled over HTTPS with its signed statement.
        let press = id(try call("parts", "POST", "/v1/equipment", ["activityUnit": "min"]), "equipmentId")
        _ = try call("parts", "PUT", "/v1/equipment/\(press)/intensity", ["intensity": 0.251, "unit": "kg-CO2e/min"])
        let part = id(try call("parts", "POST", "/v1/lots", ["declaredUnit": "piece"]), "lotId")
        _ = try call("parts", "POST", "/v1/lots/\(part)/material-uses", ["materialLotId": .string(steel), "node": "steel", "quantity": 150, "unit": "kg"])
        _ = try call("parts", "POST", "/v1/lots/\(part)/equipment-uses", ["equipmentId": .string(press), "activity": 50, "unit": "min"])
        _ = try call("parts", "POST", "/v1/lots/\(part)/completion", ["completed": 100, "defects": 2])
        _ = try call("parts", "POST", "/v1/lots/\(part)/shipments", ["consignee": .string(business("assembler")), "quantity": 40])
        // Assembler.
        let line = id(try call("assembler", "POST", "/v1/equipment", ["activityUnit": "min"]), "equipmentId")
        _ = try call("assembler", "PUT", "/v1/equipment/\(line)/intensity", ["intensity": 0.0125, "unit": "kg-CO2e/min"])
        let product = id(try call("assembler", "POST", "/v1/lots", ["declaredUnit": "piece"]), "lotId")
        _ = try call("assembler", "POST", "/v1/lots/\(product)/material-uses", ["materialLotId": .string(part), "node": "parts", "quantity": 40, "unit": "piece"])
        _ = try call("assembler", "POST", "/v1/lots/\(product)/material-uses", ["category": "resin-abs", "quantity": 3, "unit": "kg"])
        _ = try call("assembler", "POST", "/v1/lots/\(product)/equipment-uses", ["equipmentId": .string(line), "activity": 120, "unit": "min"])
        let done = try call("assembler", "POST", "/v1/lots/\(product)/completion", ["completed": 10])
        return ["steel": .string(steel), "part": .string(part), "product": .string(product), "productCO2PerUnit": done["co2PerUnit"] ?? .null]
    }
}
