import CTNModel
import Foundation
import Testing

/// `ctn simulate` against a real node over HTTPS: the same run through the CLI (offline) and the
/// API gives the same bits; `ctn simulate apply` gives the real lots the CFPs worked out by hand
/// (FlowLineTests: modelled kWh per lot × the meter's 1.2 × 0.4 kg-CO2e/kWh ÷ pieces, 1e-9), and
/// the node's files hold no key of the model, which the owner names by aliases and local keys.
@Suite("ctn simulate against a real node", .serialized)
struct SimulationCLITests {
    static let fixture = NodeProcess.root.appendingPathComponent("Tests/Fixtures/simulation/flow-line.json")
    static let perPiece: [Double] = [
        (15.6 + 106.0 / 21) * 1.2 * 0.4 / 10, (8.85 + 33.0 / 28 + 2.0 / 3) * 1.2 * 0.4 / 5, (8.3 + 33.0 / 14 + 1.0 / 3) * 1.2 * 0.4 / 5,
    ]

    @Test("CLI and API agree bit for bit; apply gives the hand-worked CFPs; no model key reaches the node")
    func simulate() throws {
        let node = try NodeProcess(nodeId: "sim-node")
        let t = try node.addTenant()
        try node.start()
        defer { node.stop() }
        let aliases = node.data.appendingPathComponent("client-aliases.json")
        let env = ["CTN_NODE": node.base, "CTN_TOKEN": t.token, "CTN_ALIASES": aliases.path, "CTN_CACERT": node.caFile]
        // Equipment and lots named by local aliases; the document uses the aliases.
        for k in 1...3 {
            _ = try NodeProcess.ctn(["equipment", "register", "--activity-unit", "min", "--alias", "station-\(k)"], env: env)
            _ = try NodeProcess.ctn(["lot", "register", "--alias", "order-\(k)"], env: env)
        }
        var text = try String(contentsOf: Self.fixture, encoding: .utf8)
        for (k, key) in ["M1": "press-7731", "M2": "mill-xq", "M3": "deburr-rig"] {
            text = text.replacingOccurrences(of: "\"\(k)\"", with: "\"\(key)\"")
        }
        text = text.replacingOccurrences(of: "\"A\"", with: "\"bracket-XK9\"").replacingOccurrences(of: "\"B\"", with: "\"hinge-QZ4\"")
        guard case .object(var doc) = try JSONParser.parse(Array(text.utf8)), case .object(var model)? = doc["model"],
            case .array(let machines)? = model["machines"], case .array(let orders)? = doc["orders"]
        else { throw NSError(domain: "fixture", code: 1) }
        model["machines"] = .array(
            machines.enumerated().map { k, m in
                guard case .object(var o) = m else { return m }
                o["equipmentId"] = .string("station-\(k + 1)")
                return .object(o)
            })
        doc["model"] = .object(model)
        doc["orders"] = .array(
            orders.enumerated().map { k, m in
                guard case .object(var o) = m else { return m }
                o["lotId"] = .string("order-\(k + 1)")
                return .object(o)
            })
        let file = node.data.appendingPathComponent("run.json")
        try Data(CanonicalJSON.encodeOrdered(.object(doc)).utf8).write(to: file)

        // The API needs the IDs themselves: resolve the aliases the way the CLI does.
        let names = try JSONParser.parse(try Data(contentsOf: aliases))
        var resolved = CanonicalJSON.encodeOrdered(.object(doc))
        for k in 1...3 {
            for alias in ["station-\(k)", "order-\(k)"] {
                resolved = resolved.replacingOccurrences(of: "\"\(alias)\"", with: "\"\(names[alias]?.stringValue ?? alias)\"")
            }
        }
        let api = try node.call("POST", "/v1/simulation/runs", token: t.token, try JSONParser.parse(Array(resolved.utf8)))
        #expect(api.status == 200, "\(api.json)")
        let cli = try JSONParser.parse(Array(try NodeProcess.ctn(["simulate", "run", file.path, "--json"], env: env).out.utf8))
        #expect(CanonicalJSON.encode(cli) == CanonicalJSON.encode(api.json), "the same run through the CLI and the API")
        let perPiece = (cli["orders"]?.arrayValue ?? []).compactMap { $0["co2PerPiece"]?.numberValue }
        #expect(perPiece.count == 3 && zip(perPiece, Self.perPiece).allSatisfy { abs($0 - $1) < 1e-9 })

        // Apply, then complete each lot: its CFP per piece is the hand-worked one.
        let applied = try JSONParser.parse(Array(try NodeProcess.ctn(["simulate", "apply", file.path, "--json"], env: env).out.utf8))
        #expect(applied["uses"] == 9, "\(applied)")
        for (k, pieces) in [10, 5, 5].enumerated() {
            let id = try #require(names["order-\(k + 1)"]?.stringValue)
            let done = try node.call("POST", "/v1/lots/\(id)/completion", token: t.token, ["completed": .number(Double(pieces))])
            #expect(abs(done.num("co2PerUnit") - Self.perPiece[k]) < 1e-9, "lot \(k): \(done.json)")
            let lot = try node.call("GET", "/v1/lots/\(id)", token: t.token)
            #expect(lot["primaryDataShare"] == 1)
        }
        _ = try NodeProcess.ctn(["ledger", "verify", "--data", node.data.path])

        // No machine or product key, no alias, in anything the node wrote.
        var stored = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: node.data.path) where name.hasPrefix("ctn.sqlite") {
            stored.append(try Data(contentsOf: node.data.appendingPathComponent(name)))
        }
        #expect(stored.count > 0)
        for key in ["press-7731", "mill-xq", "deburr-rig", "bracket-XK9", "hinge-QZ4", "station-1", "order-1"] {
            #expect(stored.range(of: Data(key.utf8)) == nil, "\(key) is in the node's database")
        }
    }
}
