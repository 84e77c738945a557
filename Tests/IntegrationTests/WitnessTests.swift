import CTNLedger
import CTNModel
import Foundation
import Testing

/// Witnessing between two real HTTPS nodes: the assembler's node cosigns the steel node's tree
/// heads; then the steel node's history is rewritten (its last three events deleted, its tree
/// rebuilt and new events signed with its own key), and the assembler's node raises the alarm and
/// marks the steel node's lots untrusted in its traces. On the way: statements with their log
/// proofs, checked offline and in traces, and `ctn log audit` before and after the fork.
@Suite("Witnessing and fork alarms", .serialized)
struct WitnessTests {
    static func poll(_ seconds: Double, _ check: () throws -> Bool) throws -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try check() { return true }
            Thread.sleep(forTimeInterval: 0.25)
        }
        return false
    }

    @Test("A witnessed head, a rewritten log, the alarm, untrusted statements in the trace")
    func fork() throws {
        let ports = ["steel": freePort(), "assembler": freePort()]
        let steel = try NodeProcess(nodeId: "steel", publicURL: "https://127.0.0.1:\(try #require(ports["steel"]))")
        let assembler = try NodeProcess(nodeId: "assembler", publicURL: "https://127.0.0.1:\(try #require(ports["assembler"]))")
        for (a, b) in [(steel, assembler), (assembler, steel)] {
            let entry = a.data.appendingPathComponent("own-entry.json")
            try Data(try NodeProcess.ctn(["federation", "export", "--data", a.data.path]).out.utf8).write(to: entry)
            _ = try NodeProcess.ctn(["federation", "add", "--data", b.data.path, entry.path])
        }
        let s = try steel.addTenant()
        let a = try assembler.addTenant()
        try steel.start(port: try #require(ports["steel"]))
        try assembler.start(port: try #require(ports["assembler"]), extra: ["--witness-interval", "1"])
        defer {
            steel.stop()
            assembler.stop()
        }
        // A steel lot shipped to the assembler, used in one of its lots.
        let coil = try #require(try steel.call("POST", "/v1/lots", token: s.token, ["declaredUnit": "kg"])["lotId"]?.stringValue)
        _ = try steel.call(
            "POST", "/v1/lots/\(coil)/material-uses", token: s.token, ["category": "steel-s45c", "quantity": 100, "unit": "kg"])
        _ = try steel.call("POST", "/v1/lots/\(coil)/completion", token: s.token, ["completed": 100])
        _ = try steel.call(
            "POST", "/v1/lots/\(coil)/shipments", token: s.token, ["consignee": .string("\(a.businessId)@assembler"), "quantity": 10])
        let product = try #require(try assembler.call("POST", "/v1/lots", token: a.token, ["declaredUnit": "piece"])["lotId"]?.stringValue)
        let use = try assembler.call(
            "POST", "/v1/lots/\(product)/material-uses", token: a.token,
            ["materialLotId": .string(coil), "node": "steel", "quantity": 10, "unit": "kg"])
        #expect(use.status == 201, "\(use.json)")
        let size = try steel.call("GET", "/v1/log/head", token: nil).num("size")
        #expect(size == 4)
        // The assembler's node witnesses the steel node's head (within a few rounds of 1 s).
        #expect(
            try Self.poll(15) {
                let w = try assembler.call("GET", "/v1/log/witnessed", token: nil)["witnessed"]?.arrayValue ?? []
                return w.contains { $0["peer"] == "steel" && $0["size"] == .number(size) && $0["cosignature"]?.stringValue != nil }
            }, "the steel head of size 4 is cosigned")
        let before = try assembler.call("GET", "/v1/lots/\(product)/trace", token: a.token)
        #expect(before.status == 200 && !CanonicalJSON.encode(before.json).contains("untrusted"), "\(before.json)")
        try Self.checkProofs(trace: before.json, steel: steel, assembler: assembler, coil: coil)
        let steelURL = "https://127.0.0.1:\(try #require(ports["steel"]))"
        let audit = try NodeProcess.ctn(["log", "audit", "--data", assembler.data.path, "--peer", steelURL, "--json"])
        let audited = try JSONParser.parse(Array(audit.out.utf8))
        #expect(audited["ok"] == .bool(true) && (audited["witnessedHeadsChecked"]?.numberValue ?? 0) >= 1, "\(audit.out)")

        // The steel node rewrites its history: the shipment and completion are gone, other events take their places.
        steel.stop()
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for t in ["ledger_no_delete", "log_nodes_no_delete", "log_statements_no_delete"]:
                db.execute("DROP TRIGGER IF EXISTS " + t)
            db.execute("DELETE FROM ledger WHERE seq > 2")
            db.execute("DELETE FROM log_statements WHERE seq > 2")
            db.execute("DELETE FROM log_nodes")
            db.execute("DELETE FROM log_head")
            db.commit()
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", script, steel.data.appendingPathComponent("ctn.sqlite").path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        try steel.start(port: try #require(ports["steel"]))
        for _ in 0..<4 { _ = try steel.call("POST", "/v1/lots", token: s.token, ["declaredUnit": "kg"]) }
        // Size 6 now, signed by the steel node's own key: not an extension of the size-4 tree it signed before.
        #expect(try steel.call("GET", "/v1/log/head", token: nil).num("size") == 6)
        let raised = try Self.poll(30) {
            let alarms = try assembler.call("GET", "/v1/log/alarms", token: nil)["alarms"]?.arrayValue ?? []
            return alarms.contains { $0["peer"] == "steel" && $0["alarm"]?.stringValue?.contains("does not extend") == true }
        }
        let alarms = try assembler.call("GET", "/v1/log/alarms", token: nil).json
        let witnessed = try assembler.call("GET", "/v1/log/witnessed", token: nil).json
        #expect(raised, "the fork is an alarm: \(alarms) \(witnessed)")
        let trace = try assembler.call("GET", "/v1/lots/\(product)/trace", token: a.token)
        let text = CanonicalJSON.encode(trace.json)
        #expect(text.contains("\"untrusted\":true") && text.contains("node steel forked its log"), "\(text)")
        // The audit sees it too (exit 1, the failure named), and so does `ctn log alarms`.
        let after = try NodeProcess.ctn(
            ["log", "audit", "--data", assembler.data.path, "--peer", steelURL, "--json"], expectSuccess: false)
        #expect(after.status == 1 && after.out.contains("\"ok\":false") && after.out.contains("does not extend"), "\(after.out)")
        let alarmsCLI = try NodeProcess.ctn(["log", "alarms", "--data", assembler.data.path, "--json"], expectSuccess: false)
        #expect(alarmsCLI.status == 1 && alarmsCLI.out.contains("steel"))
    }

    /// The trace carries the steel node's signed head and the coil's inclusion proof, which verify
    /// offline; the statement with its proof from the steel node verifies with `ctn statement
    /// verify`, and a proof with one hash changed does not.
    static func checkProofs(trace: JSONValue, steel: NodeProcess, assembler: NodeProcess, coil: String) throws {
        let key = try NodeKeys.read(from: steel.data).signingKey.publicKey
        let heads = (trace["treeHeads"]?.arrayValue ?? []).compactMap(TreeHead.init(json:))
        let steelHead = try #require(heads.first { $0.nodeId == "steel" }, "\(trace)")
        #expect(steelHead.verify(key))
        let lot = try #require(trace["breakdown"]?.arrayValue?.first { $0["lotId"]?.stringValue == coil })
        let proof = try #require(lot["logProof"].flatMap(LogProof.init(json:)), "\(lot)" as Comment)
        let jws = try #require(lot["statement"]?.stringValue)
        let claims = try StatementClaims.verifyLogged(jws, proof: proof, head: steelHead, lotId: coil, nodeId: "steel")
        #expect(claims.logLeaf == 2 && proof.leaf == 2 && proof.treeSize == steelHead.size, "completion is the third event: leaf 2")

        let bundle = try steel.call("GET", "/v1/lots/\(coil)/statement", token: nil)
        #expect(bundle.status == 200 && bundle["logProof"] != nil && bundle["treeHead"] != nil, "\(bundle.json)")
        let file = steel.data.appendingPathComponent("coil-statement.json")
        try Data(CanonicalJSON.bytes(bundle.json)).write(to: file)
        let peers = assembler.data.appendingPathComponent("peers.json").path
        let ok = try NodeProcess.ctn(["statement", "verify", "--peers", peers, "--json", "@" + file.path]).out
        #expect(ok.contains("leaf 2 of the log of") && ok.contains(coil), "\(ok)")
        // One hash of the path changed: refused.
        guard case .object(var o) = bundle.json, case .object(var p) = o["logProof"] ?? .null,
            var hashes = p["hashes"]?.arrayValue, !hashes.isEmpty
        else {
            Issue.record("no proof hashes in \(bundle.json)")
            return
        }
        hashes[0] = .string(String(repeating: "0", count: 64))
        p["hashes"] = .array(hashes)
        o["logProof"] = .object(p)
        try Data(CanonicalJSON.bytes(.object(o))).write(to: file)
        let bad = try NodeProcess.ctn(["statement", "verify", "--peers", peers, "@" + file.path], expectSuccess: false)
        #expect(bad.status != 0)
        // A statement that is not a lot's gets a problem naming the field.
        let notHex = try steel.call("GET", "/v1/lots/not-a-lot/statement", token: nil)
        #expect(notHex.status == 422)
    }
}
