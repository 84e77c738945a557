import CTNLedger
import CTNModel
import Foundation
import Testing

/// A certifier on its own node certifies an owner's lot from the disclosed breakdown (with a
/// supplier lot on a third node and an energy report behind the intensity), the certificate
/// verifies offline, shows on the lot and turns invalid when the lot changes; a lot whose stored
/// figures were altered is refused. Real node processes over HTTPS.
@Suite("Certification", .serialized)
struct CertificationTests {
    @Test("Certified when reproduced exactly, refused otherwise, invalid after a change")
    func certification() throws {
        let ids = ["sup", "own", "cert"]
        var ports: [String: Int] = [:]
        for id in ids { ports[id] = freePort() }
        func port(_ id: String) throws -> Int { try #require(ports[id]) }
        let sup = try NodeProcess(nodeId: "sup", publicURL: "https://127.0.0.1:\(try port("sup"))")
        let own = try NodeProcess(nodeId: "own", publicURL: "https://127.0.0.1:\(try port("own"))")
        let cert = try NodeProcess(nodeId: "cert", publicURL: "https://127.0.0.1:\(try port("cert"))")
        let nodes = ["sup": sup, "own": own, "cert": cert]
        for (a, node) in nodes {
            let entry = node.data.appendingPathComponent("entry.json")
            try Data(try NodeProcess.ctn(["federation", "export", "--data", node.data.path]).out.utf8).write(to: entry)
            for (b, other) in nodes where b != a { _ = try NodeProcess.ctn(["federation", "add", "--data", other.data.path, entry.path]) }
        }
        let s = try sup.addTenant()
        let o = try own.addTenant()
        let c = try cert.addTenant()
        for (id, node) in nodes { try node.start(port: try port(id)) }
        defer { for node in nodes.values { node.stop() } }

        // Supplier: 10 kg S45C for 10 kg of bar: 0.393 kg-CO2e/kg; all 10 kg shipped to the owner.
        let bar = try sup.call("POST", "/v1/lots", token: s.token, ["declaredUnit": "kg"]).str("lotId")
        _ = try sup.call("POST", "/v1/lots/\(bar)/material-uses", token: s.token, ["category": "steel-s45c", "quantity": 10, "unit": "kg"])
        _ = try sup.call("POST", "/v1/lots/\(bar)/completion", token: s.token, ["completed": 10])
        #expect(
            try sup.call(
                "POST", "/v1/lots/\(bar)/shipments", token: s.token, ["consignee": .string("\(o.businessId)@own"), "quantity": 10]
            ).status == 201)
        // Owner: one machine's intensity from an energy report (10 kWh × 0.452 over 100 min: 0.0452 kg-CO2e/min).
        let press = try own.call("POST", "/v1/equipment", token: o.token, ["activityUnit": "min"]).str("equipmentId")
        let report = try own.call(
            "POST", "/v1/energy-reports", token: o.token,
            [
                "periodStart": "2021-10-01T00:00:00+09:00", "periodEnd": "2021-10-02T00:00:00+09:00",
                "energy": [["type": "electricity", "consumption": 10, "unit": "kWh"]],
                "equipment": [
                    [
                        "equipmentId": .string(press), "operatingTime": 100, "unit": "min",
                        "performance": [["type": "electricity", "value": 6, "unit": "kW"]],
                    ]
                ],
            ])
        #expect(report.status == 201, "\(report.json)")
        func lot() throws -> String {
            let l = try own.call("POST", "/v1/lots", token: o.token, ["declaredUnit": "piece"]).str("lotId")
            _ = try own.call(
                "POST", "/v1/lots/\(l)/equipment-uses", token: o.token, ["equipmentId": .string(press), "activity": 30, "unit": "min"])
            _ = try own.call(
                "POST", "/v1/lots/\(l)/material-uses", token: o.token,
                ["materialLotId": .string(bar), "node": "sup", "quantity": 2, "unit": "kg"])
            _ = try own.call("POST", "/v1/lots/\(l)/material-uses", token: o.token, ["category": "resin-abs", "quantity": 1, "unit": "kg"])
            _ = try own.call("POST", "/v1/lots/\(l)/completion", token: o.token, ["completed": 4])
            return l
        }
        // 30 × 0.0452 + 2 × 0.393 + 0.254 = 1.356 + 0.786 + 0.254 = 2.396 for 4 pieces: 0.599 kg-CO2e/piece.
        let good = try lot()
        let tampered = try lot()
        let hidden = try lot()
        #expect(abs(try own.call("GET", "/v1/lots/\(good)", token: nil).num("co2PerUnit") - 0.599) < 1e-12)
        for l in [good, tampered] {
            #expect(
                try own.call(
                    "POST", "/v1/agreements", token: o.token,
                    [
                        "grantee": .string("\(c.businessId)@cert"), "scope": "lot", "lotId": .string(l),
                        "contracts": ["material-use-enquiry", "facility-usage-enquiry"], "purpose": "certification",
                    ]
                ).status == 201)
        }

        // The certifier's side.
        let issued = try cert.call("POST", "/v1/certifications", token: c.token, ["lotId": .string(good), "node": "own"])
        #expect(issued.status == 201, "\(issued.json)")
        let checks = issued["checks"]?.arrayValue ?? []
        #expect(!checks.isEmpty && checks.allSatisfy { $0["ok"] == .bool(true) })
        for name in [
            "statement", "material lot \(bar)", "category resin-abs", "intensity \(press)/1", "material part", "process part", "total",
            "CFP per unit",
        ] {
            #expect(checks.contains { $0["check"] == .string(name) }, "check \(name)")
        }
        let certificate = issued.str("certificate")
        // Offline, with the certifier node's key from the owner's peer directory.
        let offline = try NodeProcess.ctn([
            "certificate", "verify", "--peers", own.data.appendingPathComponent("peers.json").path, "--json", certificate,
        ]).out
        #expect(offline.contains(good) && offline.contains("\"co2PerUnit\":0.599") && offline.contains("\(c.businessId)@cert"))
        // The CLI prints each check.
        let cli = try NodeProcess.ctn([
            "certify", good, "--lot-node", "own", "--node", cert.base, "--token", c.token, "--cacert", cert.caFile,
        ]).out
        #expect(cli.contains("✓ CFP per unit") && cli.contains("certified: lot \(good)"), "\(cli)")
        // Without the owner's agreement there is nothing to certify from.
        #expect(try cert.call("POST", "/v1/certifications", token: c.token, ["lotId": .string(hidden), "node": "own"]).status == 404)

        // The owner attaches it; Lot Enquiry shows it valid; a change of the lot makes it invalid.
        #expect(try own.call("POST", "/v1/lots/\(good)/certificates", token: o.token, ["certificate": .string(certificate)]).status == 201)
        #expect(try own.call("GET", "/v1/lots/\(good)", token: nil)["certificates"]?.arrayValue?.first?["valid"] == .bool(true))
        #expect(
            try own.call("GET", "/v1/lots/\(good)/trace", token: o.token)["certificates"]?.arrayValue?.first?["certifier"]
                == .string("\(c.businessId)@cert"),
            "traces show certificates")
        let forged = certificate.dropLast(4) + "AAAA"
        #expect(
            try own.call("POST", "/v1/lots/\(good)/certificates", token: o.token, ["certificate": .string(String(forged))]).code
                == "bad_certificate")
        _ = try own.call("POST", "/v1/lots/\(good)/corrections", token: o.token, ["defects": 1, "reason": "one piece scrapped"])
        let after = try own.call("GET", "/v1/lots/\(good)", token: nil)
        #expect(after["certificates"]?.arrayValue?.first?["valid"] == .bool(false), "\(after.json)")
        #expect(
            try own.call("POST", "/v1/lots/\(tampered)/certificates", token: o.token, ["certificate": .string(certificate)]).code
                == "invalid_value")

        // Nobody can ask for the deletion of another owner's lots.
        let notMine = try sup.call("POST", "/v1/deletion-requests", token: s.token, ["node": "cert", "lotIds": [.string(good)]])
        #expect(notMine.status == 404 && notMine["field"] == "lotIds[0]", "\(notMine.json)")
        // Deletion: the owner asks the certifier's node to delete what it holds of its lots.
        let heldBefore = try cert.call("GET", "/v1/held", token: c.token)["held"]?.arrayValue ?? []
        #expect(
            heldBefore.contains { $0["lotId"] == .string(good) && $0["kind"] == "material-uses" }
                && heldBefore.allSatisfy { $0["node"] == "own" })
        let deletion = try own.call("POST", "/v1/deletion-requests", token: o.token, ["node": "cert"])
        #expect(deletion.status == 201, "\(deletion.json)")
        let receiptPayload = try DeletionReceipt.verify(
            deletion.str("receipt"), publicKey: try NodeKeys.read(from: cert.data).signingKey.publicKey)
        #expect(
            receiptPayload["requester"] == .string("\(o.businessId)@own")
                && receiptPayload["deleted"]?.arrayValue?.count == heldBefore.count)
        #expect(receiptPayload["deleted"]?.arrayValue?.allSatisfy { $0["sha256"]?.stringValue?.count == 64 } == true)
        #expect(try cert.call("GET", "/v1/held", token: c.token)["held"]?.arrayValue?.isEmpty == true, "the deleted data no longer answers")
        #expect(
            try own.call("GET", "/v1/deletion-requests", token: o.token)["receipts"]?.arrayValue?.first == .string(deletion.str("receipt")))
        let viaCLI = try NodeProcess.ctn([
            "deletion", "verify", "--peers", own.data.appendingPathComponent("peers.json").path, deletion.str("receipt"),
        ]).out
        #expect(viaCLI.contains("\"requester\":\"\(o.businessId)@own\""))
        // The supplier asks the owner's node: its statement is kept, because the owner's lots' CO2 rests on it.
        let keptReceipt = try sup.call("POST", "/v1/deletion-requests", token: s.token, ["node": "own", "lotIds": [.string(bar)]])
        #expect(keptReceipt.status == 201 && keptReceipt["deleted"]?.arrayValue?.isEmpty == true, "\(keptReceipt.json)")
        let kept = keptReceipt["kept"]?.arrayValue ?? []
        #expect(
            kept.count == 3
                && kept.allSatisfy { $0["lotId"] == .string(bar) && $0["reason"]?.stringValue?.contains("rests on it") == true },
            "\(keptReceipt.json)")

        // Stored figures altered behind the node's back: the replay does not reproduce the CFP.
        own.stop()
        let db = own.data.appendingPathComponent("ctn.sqlite").path
        let py = Process()
        py.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        py.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE material_uses SET co2 = co2 * 1.01 WHERE lot_id = ? AND category IS NOT NULL\", (sys.argv[2],)); c.commit()",
            db, tampered,
        ]
        try py.run()
        py.waitUntilExit()
        #expect(py.terminationStatus == 0)
        try own.start(port: try port("own"))
        let refused = try cert.call("POST", "/v1/certifications", token: c.token, ["lotId": .string(tampered), "node": "own"])
        #expect(refused.status == 422 && refused.code == "not_reproduced", "\(refused.json)")
        #expect(
            refused["checks"]?.arrayValue?.contains {
                $0["ok"] == .bool(false) && $0["check"]?.stringValue?.hasPrefix("material use") == true
            } == true)
        let cliRefused = try NodeProcess.ctn(
            ["certify", tampered, "--lot-node", "own", "--node", cert.base, "--token", c.token, "--cacert", cert.caFile],
            expectSuccess: false)
        #expect(cliRefused.status != 0 && cliRefused.out.contains("✗ material use"))
    }
}
