import CTNModel
import CTNTestSupport
import CurlHTTP
import Foundation
import Synchronization
import Testing

/// One node as two `ctn serve` processes on one PostgreSQL database (issue 18): they answer as one
/// node, a SIGKILL of either loses no acknowledged write, and revocation reaches both.
@Suite("Two node processes on PostgreSQL", .serialized)
struct PostgresNodeTests {
    @Test(
        "32 writers over two processes, one killed with SIGKILL: every acknowledged write is there, the ledger and log verify, a revoked token is refused by the survivor within 2 s"
    )
    func killOneOfTwo() async throws {
        let database = try await TestDatabases.shared.fresh().urlWithPassword
        let a = try NodeProcess(nodeId: "pg-node", database: database)
        let b = NodeProcess(sharing: a)
        let tenant = try a.addTenant()
        try a.start(insecure: true)
        try b.start(insecure: true)
        // A lot and an equipment made through one process are seen at once through the other.
        let equipment = try a.call("POST", "/v1/equipment", token: tenant.token, ["activityUnit": "min"]).str("equipmentId")
        _ = try b.call("PUT", "/v1/equipment/\(equipment)/intensity", token: tenant.token, ["intensity": 0.25, "unit": "kg-CO2e/min"])
        let lot = try b.call("POST", "/v1/lots", token: tenant.token, ["declaredUnit": "piece"]).str("lotId")
        #expect(try a.call("GET", "/v1/lots/\(lot)", token: tenant.token).status == 200)

        let acked = Mutex<[String]>([])
        let body = Array(CanonicalJSON.encode(["equipmentId": .string(equipment), "activity": 1, "unit": "min"]).utf8)
        let victim = try #require(a.process)
        let killer = Thread {
            Thread.sleep(forTimeInterval: 0.8)
            kill(victim.processIdentifier, SIGKILL)
        }
        killer.start()
        let (baseA, baseB) = (a.base, b.base)
        let end = Date().addingTimeInterval(1.8)
        DispatchQueue.concurrentPerform(iterations: 32) { k in
            let client = CurlClient(connectTimeout: 1, timeout: 3)
            let base = k % 2 == 0 ? baseA : baseB
            while Date() < end {
                guard
                    let r = try? client.request(
                        "POST", base + "/v1/lots/\(lot)/equipment-uses", headers: ["Authorization: Bearer \(tenant.token)"], body: body)
                else { return }  // this writer's process is gone
                guard r.status == 201, let id = (try? JSONParser.parse(r.body))?["useId"]?.stringValue else { continue }
                acked.withLock { $0.append(id) }
            }
        }
        victim.waitUntilExit()
        #expect(victim.terminationReason == .uncaughtSignal, "killed, not stopped")
        let acknowledged = Set(acked.withLock { $0 })
        #expect(acknowledged.count > 32, "both processes acknowledged writes (\(acknowledged.count))")

        let uses = try b.call("GET", "/v1/lots/\(lot)/equipment-uses", token: tenant.token)["equipmentUses"]?.arrayValue ?? []
        let stored = Set(uses.compactMap { $0["useId"]?.stringValue })
        let lost = acknowledged.subtracting(stored)
        #expect(lost.isEmpty, "\(lost.count) of \(acknowledged.count) acknowledged writes lost")
        // 0.25 per minute, one minute a use: the lot's process CO2 is the sum of what is stored.
        let enquiry = try b.call("GET", "/v1/lots/\(lot)", token: tenant.token)
        #expect(abs(enquiry.num("processCO2") - 0.25 * Double(stored.count)) < 1e-9 * Double(stored.count))

        // Every event in one chain and one Merkle log, with no gap, while the survivor serves.
        for command in [["ledger", "verify"], ["log", "verify"]] {
            let out = try NodeProcess.ctn(command + ["--data", a.data.path, "--json"] + a.databaseArgs)
            #expect(try JSONParser.parse(Array(out.out.utf8))["ok"] == .bool(true), "\(command): \(out.out)")
        }

        // The token revoked in the shared database is refused by the surviving process within 2 s.
        let list = try JSONParser.parse(
            Array(try NodeProcess.ctn(["tenant", "list", "--data", a.data.path, "--json"] + a.databaseArgs).out.utf8))
        let tokenId = try #require(list["tenants"]?.arrayValue?.first?["tokens"]?.arrayValue?.first?["tokenId"]?.stringValue)
        try NodeProcess.ctn(["tenant", "revoke-token", "--data", a.data.path, tokenId] + a.databaseArgs)
        let revokedAt = Date()
        var refused = false
        while Date().timeIntervalSince(revokedAt) < 2.5 {
            if try b.call("GET", "/v1/lots/\(lot)", token: tenant.token).status == 401 {
                refused = true
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(refused && Date().timeIntervalSince(revokedAt) <= 2.2, "refused after \(Date().timeIntervalSince(revokedAt)) s")
        b.stop()
    }

    @Test(
        "ctn store migrate of the three-node demo to PostgreSQL: the ledgers verify with the same heads and the assembler answers the same trace"
    )
    func migrateDemo() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-pgdemo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let port = freePort()
        _ = try NodeProcess.ctn(["federation", "demo", "--data", root.path, "--port", String(port), "--once"])
        let ids = ["steel", "parts", "assembler"]
        let chain = try JSONParser.parse(try Data(contentsOf: root.appendingPathComponent("demo-chain.json")))
        let product = try #require(chain["product"]?.stringValue)
        let token = try #require(
            try JSONParser.parse(try Data(contentsOf: root.appendingPathComponent("assembler/demo-tenant.json")))["token"]?.stringValue)

        /// The assembler's trace with the three nodes served from `databases` (nil: their SQLite files).
        func trace(_ databases: [String?]) throws -> JSONValue {
            let nodes = zip(ids, databases).map { NodeProcess(existing: root.appendingPathComponent($0), database: $1) }
            for (i, n) in nodes.enumerated() { try n.start(port: port + i) }
            // On PostgreSQL the assembler runs as two processes; the trace is asked of each.
            let second = databases[2].map { _ in NodeProcess(sharing: nodes[2]) }
            try second?.start()
            nodes[2].alternate = second
            defer { for n in nodes + (second.map { [$0] } ?? []) { n.stop() } }
            var answers: [JSONValue] = []
            for _ in 0..<(second == nil ? 1 : 2) {
                let r = try nodes[2].call("GET", "/v1/lots/\(product)/trace", token: token)
                #expect(r.status == 200, "\(r.json)")
                guard case .object(var o) = r.json else { return r.json }
                o["stats"] = nil  // timings of this run
                answers.append(.object(o))
            }
            #expect(Set(answers.map { CanonicalJSON.encodeOrdered($0) }).count == 1, "both processes answer the same trace")
            return answers[0]
        }
        let before = try trace([nil, nil, nil])
        #expect(before["complete"] == .bool(true) && before["verified"] == .bool(true))
        #expect(before["co2PerUnit"] == chain["productCO2PerUnit"])

        var databases: [String] = []
        for id in ids {
            let dir = root.appendingPathComponent(id).path
            let head = try JSONParser.parse(Array(try NodeProcess.ctn(["ledger", "verify", "--data", dir, "--json"]).out.utf8))
            let url = try await TestDatabases.shared.fresh().urlWithPassword
            let moved = try JSONParser.parse(
                Array(try NodeProcess.ctn(["store", "migrate", "--data", dir, "--to", url, "--json"]).out.utf8))
            #expect(moved["verified"] == .bool(true) && moved["headHash"] == head["headHash"] && moved["events"] == head["events"])
            // The folder now points at PostgreSQL: without the URL a command refuses instead of opening the old file.
            #expect(try NodeProcess.ctn(["ledger", "verify", "--data", dir, "--json"], expectSuccess: false).status != 0)
            let after = try JSONParser.parse(
                Array(try NodeProcess.ctn(["ledger", "verify", "--data", dir, "--database", url, "--json"]).out.utf8))
            #expect(after["ok"] == .bool(true) && after["headSeq"] == head["headSeq"] && after["headHash"] == head["headHash"])
            databases.append(url)
        }
        #expect(try trace(databases) == before)
    }

    @Test("--database-connections sets the process's pool (2 to 24): /metrics shows it, and a value out of range is refused")
    func poolSize() async throws {
        let database = try await TestDatabases.shared.fresh().urlWithPassword
        let node = try NodeProcess(nodeId: "pg-pool", database: database)
        let refused = try NodeProcess.ctn(
            ["serve", "--data", node.data.path, "--database-connections", "1"] + node.databaseArgs, expectSuccess: false)
        #expect(refused.status == 1)
        try node.start(insecure: true, extra: ["--database-connections", "3"])
        defer { node.stop() }
        // Not JSON: the reply carries the exposition as text.
        let text = try node.call("GET", "/metrics", token: nil).json.stringValue ?? ""
        #expect(text.split(separator: "\n").contains("ctn_db_readers 3.0"), "\(text.prefix(400))")
        #expect(try node.call("GET", "/readyz", token: nil).status == 200)
    }

    @Test("/readyz answers 503 while the PostgreSQL server is down and 200 when it is back, and writes go on, without restarting the node")
    func outage() async throws {
        let (text, cluster) = try PostgresServer.privateCluster()
        defer { PostgresServer.discard(cluster) }
        let node = try NodeProcess(nodeId: "pg-outage", database: text)
        let tenant = try node.addTenant()
        try node.start(insecure: true)
        #expect(try node.call("GET", "/readyz", token: nil).status == 200)
        #expect(try node.call("POST", "/v1/lots", token: tenant.token, ["declaredUnit": "kg"]).status == 201)

        try PostgresServer.script(["stop", cluster])
        let down = try node.call("GET", "/readyz", token: nil)
        #expect(down.status == 503 && down.code == "not_ready", "\(down.json)")
        #expect(try node.call("GET", "/healthz", token: nil).status == 200, "alive all the same")
        #expect(
            try node.call("POST", "/v1/lots", token: tenant.token, ["declaredUnit": "kg"]).status >= 500, "no write without the database")

        try PostgresServer.script(["restart", cluster])
        var ready = false
        for _ in 0..<50 where !ready {
            ready = try node.call("GET", "/readyz", token: nil).status == 200
            if !ready { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(ready, "ready again within 10 s")
        // The writer's connection was lost with the server: the next write makes a new one.
        let lot = try node.call("POST", "/v1/lots", token: tenant.token, ["declaredUnit": "kg"])
        #expect(lot.status == 201, "\(lot.json)")
        #expect(try node.call("GET", "/v1/lots/\(lot.str("lotId"))", token: tenant.token).status == 200)
        #expect(node.process?.isRunning == true)
        node.stop()
        let verified = try NodeProcess.ctn(["ledger", "verify", "--data", node.data.path, "--json"] + node.databaseArgs)
        #expect(try JSONParser.parse(Array(verified.out.utf8))["events"] == 2)
    }
}
