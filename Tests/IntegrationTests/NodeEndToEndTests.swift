import CTNModel
import CTNTestSupport
import Foundation
import Testing

/// The real `ctn serve` process, driven over HTTP by two tenants through every contract.
///
/// Expected figures are worked out independently with exact fractions (white paper Tables 3-9):
///   intensities  furnace (54.24·5400/8610 + 11.17)/180 = 0.2510451025938831 kg/min
///                NC      (54.24·3000/8610)/300         = 0.0629965156794425 kg/min
///                line    (54.24·210/8610)/420          = 0.0031498257839721253 kg/min
///   12 × product A: process 12 × 2.8239477351916378, material 12 × (0.028·0.393 + 0.012·0.254)
///                = 33.887372822299654 + 0.168624 = 34.05599682229965 kg, 2.8379997351916377 kg/piece
/// Tolerance: 1e-12 relative (double rounding of the same exact quantities).
@Suite("Node end to end", .serialized)
struct NodeEndToEndTests {
    static func close(_ a: Double, _ b: Double, _ rel: Double = 1e-12) -> Bool { abs(a - b) <= rel * max(abs(a), abs(b)) }

    /// The white paper's factory as tenant A, and tenant B using A's lot: loaded through the API of `node`.
    final class Factory: Sendable {
        let node: NodeProcess
        let a: (businessId: String, token: String)
        let b: (businessId: String, token: String)
        let c: (businessId: String, token: String)
        let furnace: String
        let nc: String
        let line: String
        let press: String
        let lotA: String
        let lotB: String
        let report: NodeProcess.Reply
        let steel: NodeProcess.Reply
        let absResin: NodeProcess.Reply
        let doneA: NodeProcess.Reply
        let shipped: NodeProcess.Reply
        let setI: NodeProcess.Reply
        let useB: NodeProcess.Reply
        let matB: NodeProcess.Reply
        let tooMuch: NodeProcess.Reply
        let doneB: NodeProcess.Reply

        /// With `database`, the node keeps its data in that PostgreSQL database and runs as two
        /// processes, the calls alternating between them.
        init(nodeId: String = "it-node", database: String? = nil) throws {
            let node = try NodeProcess(nodeId: nodeId, database: database)
            let a = try node.addTenant()
            let b = try node.addTenant()
            let c = try node.addTenant()
            try node.start()
            if database != nil {
                let second = NodeProcess(sharing: node)
                try second.start()
                node.alternate = second
            }
            // --- Tenant A: the white paper's factory.
            func eq(_ token: String, _ unit: String) throws -> String {
                let r = try node.call("POST", "/v1/equipment", token: token, ["activityUnit": .string(unit)])
                return r.str("equipmentId")
            }
            let furnace = try eq(a.token, "min")
            let nc = try eq(a.token, "min")
            let line = try eq(a.token, "min")
            let report = try node.call(
                "POST", "/v1/energy-reports", token: a.token,
                [
                    "periodStart": "2021-10-01T00:00:00+09:00", "periodEnd": "2021-10-02T00:00:00+09:00",
                    "energy": [
                        ["type": "electricity", "consumption": 120, "unit": "kWh"], ["type": "city-gas", "consumption": 5, "unit": "Nm3"],
                    ],
                    "equipment": [
                        [
                            "equipmentId": .string(furnace), "operatingTime": 3, "unit": "h",
                            "performance": [
                                ["type": "electricity", "value": 30, "unit": "kW"], ["type": "city-gas", "value": 10, "unit": "Nm3/min"],
                            ],
                        ],
                        [
                            "equipmentId": .string(nc), "operatingTime": 300, "unit": "min",
                            "performance": [["type": "electricity", "value": 10000, "unit": "W"]],
                        ],
                        [
                            "equipmentId": .string(line), "operatingTime": 420, "unit": "min",
                            "performance": [["type": "electricity", "value": 0.5, "unit": "kW"]],
                        ],
                    ],
                ])
            let lotA = try node.call("POST", "/v1/lots", token: a.token, ["declaredUnit": "piece"]).str("lotId")
            for (e, minutes) in [(furnace, 72.0), (nc, 240.0), (line, 220.0)] {
                _ = try node.call(
                    "POST", "/v1/lots/\(lotA)/equipment-uses", token: a.token,
                    ["equipmentId": .string(e), "activity": .number(minutes), "unit": "min"])
            }
            let steel = try node.call(
                "POST", "/v1/lots/\(lotA)/material-uses", token: a.token, ["category": "steel-s45c", "quantity": 336, "unit": "g"])
            let absResin = try node.call(
                "POST", "/v1/lots/\(lotA)/material-uses", token: a.token, ["category": "resin-abs", "quantity": 0.144, "unit": "kg"])
            let doneA = try node.call("POST", "/v1/lots/\(lotA)/completion", token: a.token, ["completed": 12, "defects": 0])
            let shipped = try node.call(
                "POST", "/v1/lots/\(lotA)/shipments", token: a.token, ["consignee": .string(b.businessId), "quantity": 5])

            // --- Tenant B: its own machine with a registered intensity, and A's lot as material.
            let press = try eq(b.token, "h")
            let setI = try node.call("PUT", "/v1/equipment/\(press)/intensity", token: b.token, ["intensity": 12.5, "unit": "g-CO2e/min"])
            let lotB = try node.call("POST", "/v1/lots", token: b.token, ["declaredUnit": "piece"]).str("lotId")
            let useB = try node.call(
                "POST", "/v1/lots/\(lotB)/equipment-uses", token: b.token, ["equipmentId": .string(press), "activity": 90, "unit": "min"])
            let matB = try node.call(
                "POST", "/v1/lots/\(lotB)/material-uses", token: b.token, ["materialLotId": .string(lotA), "quantity": 3, "unit": "piece"])
            let tooMuch = try node.call(
                "POST", "/v1/lots/\(lotB)/material-uses", token: b.token, ["materialLotId": .string(lotA), "quantity": 3, "unit": "piece"])
            let doneB = try node.call("POST", "/v1/lots/\(lotB)/completion", token: b.token, ["completed": 3, "defects": 1])
            // (1.125 + 8.513999205574913) / 2 good pieces.
            self.node = node
            self.a = a
            self.b = b
            self.c = c
            self.furnace = furnace
            self.nc = nc
            self.line = line
            self.press = press
            self.lotA = lotA
            self.lotB = lotB
            self.report = report
            self.steel = steel
            self.absResin = absResin
            self.doneA = doneA
            self.shipped = shipped
            self.setI = setI
            self.useB = useB
            self.matB = matB
            self.tooMuch = tooMuch
            self.doneB = doneB
        }
    }

    /// Loaded by the first test that needs it; its server ends with the test process.
    static let shared = Result { try Factory() }

    /// The store a test runs the node on.
    enum Store: String, CaseIterable, Sendable {
        case sqlite, postgres
    }

    /// The factory on SQLite, or the same on PostgreSQL as two node processes.
    static func factory(_ store: Store) async throws -> Factory {
        store == .sqlite ? try shared.get() : try await PostgresFactory.shared.get()
    }

    @Test(
        "Tenant A's energy report gives the white paper's intensities, and its 12 pieces of product A their CFP", arguments: Store.allCases)
    func whitePaperFigures(_ store: Store) async throws {
        let factory = try await Self.factory(store)
        let (node, a) = (factory.node, factory.a)
        let lotA = factory.lotA
        let (report, steel, absResin, doneA, shipped) = (factory.report, factory.steel, factory.absResin, factory.doneA, factory.shipped)
        let intensities = report["equipment"]?.arrayValue?.map { $0["intensity"]?.numberValue ?? .nan } ?? []
        #expect(intensities.count == 3)
        if intensities.count == 3 {
            #expect(Self.close(intensities[0], 0.2510451025938831))
            #expect(Self.close(intensities[1], 0.0629965156794425))
            #expect(Self.close(intensities[2], 0.0031498257839721253))
        }
        let emissions = report["emissions"]?.arrayValue?.map { $0["co2"]?.numberValue ?? .nan } ?? []
        #expect(emissions.count == 2 && Self.close(emissions[0], 54.24) && Self.close(emissions[1], 11.17))

        // Equipment Enquiry: A's three machines with the report's intensities, linked to it.
        let list = try node.call("GET", "/v1/equipment", token: a.token)
        #expect(list["equipment"]?.arrayValue?.count == 3)
        #expect(list["equipment"]?.arrayValue?.allSatisfy { $0["energyReportId"] == report["energyReportId"] } == true)

        #expect(try node.call("GET", "/v1/lots/\(lotA)/equipment-uses", token: a.token)["equipmentUses"]?.arrayValue?.count == 3)
        #expect(steel.status == 201 && Self.close(steel.num("co2"), 0.132048))  // 0.336 kg × 0.393
        #expect(absResin.status == 201 && Self.close(absResin.num("co2"), 0.036576))  // 0.144 kg × 0.254
        #expect(doneA.status == 200)
        #expect(Self.close(doneA.num("totalCO2"), 34.05599682229965))
        #expect(Self.close(doneA.num("co2PerUnit"), 2.8379997351916377))
        #expect(shipped.status == 201)
    }

    @Test("Tenant B registers an intensity in g/min and uses 3 of the 5 pieces shipped to it, no more", arguments: Store.allCases)
    func consigneeUsesLot(_ store: Store) async throws {
        let factory = try await Self.factory(store)
        let (setI, useB, matB, tooMuch, doneB) = (factory.setI, factory.useB, factory.matB, factory.tooMuch, factory.doneB)
        #expect(setI.status == 200 && Self.close(setI.num("perActivityUnit"), 0.75))  // 12.5 g/min = 0.75 kg/h
        #expect(useB.status == 201 && Self.close(useB.num("co2"), 1.125))  // 1.5 h × 0.75
        #expect(matB.status == 201 && Self.close(matB.num("co2"), 3 * 2.8379997351916377))
        #expect(tooMuch.status == 409 && tooMuch.code == "quantity_exceeds_available")  // only 2 of the 5 shipped are left
        #expect(doneB.status == 200 && Self.close(doneB.num("co2PerUnit"), (1.125 + 3 * 2.8379997351916377) / 2))
    }

    @Test("Every authorized contract called by another tenant answers 404 as if nothing existed", arguments: Store.allCases)
    func isolation(_ store: Store) async throws {
        let factory = try await Self.factory(store)
        let (node, b, c) = (factory.node, factory.b, factory.c)
        let (furnace, press, lotA, lotB) = (factory.furnace, factory.press, factory.lotA, factory.lotB)
        // --- Isolation: every authorized contract, by another tenant, answers 404 as if nothing existed.
        let foreign: [(String, String, String, JSONValue?)] = [
            ("B intensity on A's equipment", "PUT", "/v1/equipment/\(furnace)/intensity", ["intensity": 1, "unit": "kg-CO2e/min"]),
            (
                "B material use on A's lot", "POST", "/v1/lots/\(lotA)/material-uses",
                ["category": "resin-abs", "quantity": 1, "unit": "kg"]
            ),
            (
                "B equipment use on A's lot", "POST", "/v1/lots/\(lotA)/equipment-uses",
                ["equipmentId": .string(press), "activity": 1, "unit": "h"]
            ),
            ("B completing A's lot", "POST", "/v1/lots/\(lotA)/completion", ["completed": 1]),
            ("B shipping A's lot", "POST", "/v1/lots/\(lotA)/shipments", ["consignee": .string(c.businessId), "quantity": 1]),
            (
                "B energy report on A's equipment", "POST", "/v1/energy-reports",
                [
                    "periodStart": "2021-10-01T00:00:00Z", "periodEnd": "2021-10-02T00:00:00Z",
                    "energy": [["type": "electricity", "consumption": 1, "unit": "kWh"]],
                    "equipment": [
                        [
                            "equipmentId": .string(furnace), "operatingTime": 1, "unit": "h",
                            "performance": [["type": "electricity", "value": 1, "unit": "kW"]],
                        ]
                    ],
                ]
            ),
        ]
        for (name, method, path, body) in foreign {
            let r = try node.call(method, path, token: b.token, body)
            #expect(r.status == 404 && r.code == "not_found", "\(name): \(r.json)")
        }
        let openB = try node.call("POST", "/v1/lots", token: b.token, ["declaredUnit": "piece"]).str("lotId")
        let withAEquipment = try node.call(
            "POST", "/v1/lots/\(openB)/equipment-uses", token: b.token, ["equipmentId": .string(furnace), "activity": 1, "unit": "min"])
        #expect(withAEquipment.status == 404, "B using A's equipment")
        let cUsesA = try node.call(
            "POST", "/v1/lots/\(openB)/material-uses", token: b.token, ["materialLotId": .string(lotB), "quantity": 1, "unit": "piece"])
        #expect(cUsesA.status == 201, "B may use its own completed lot")
        let cLot = try node.call("POST", "/v1/lots", token: c.token, ["declaredUnit": "piece"]).str("lotId")
        let cMaterial = try node.call(
            "POST", "/v1/lots/\(cLot)/material-uses", token: c.token, ["materialLotId": .string(lotA), "quantity": 1, "unit": "piece"])
        #expect(cMaterial.status == 404, "C was shipped nothing of lot A")
        // Equipment Enquiry shows each tenant only its own equipment.
        let bList = try node.call("GET", "/v1/equipment", token: b.token)["equipment"]?.arrayValue ?? []
        #expect(bList.count == 1 && bList.first?["equipmentId"]?.stringValue == press)
        #expect(try node.call("GET", "/v1/equipment", token: c.token)["equipment"]?.arrayValue?.isEmpty == true)
    }

    @Test("Breakdowns for the owner and the consignee only; Lot Enquiry open to anyone, totals for the owner", arguments: Store.allCases)
    func breakdownsAndLotViews(_ store: Store) async throws {
        let factory = try await Self.factory(store)
        let (node, a, b, c) = (factory.node, factory.a, factory.b, factory.c)
        let (lotA, lotB) = (factory.lotA, factory.lotB)
        // Breakdown enquiries: owner and consignee yes, others 404.
        for path in ["/v1/lots/\(lotA)/material-uses", "/v1/lots/\(lotA)/equipment-uses"] {
            #expect(try node.call("GET", path, token: a.token).status == 200)
            #expect(try node.call("GET", path, token: b.token).status == 200, "consignee reads \(path)")
            #expect(try node.call("GET", path, token: c.token).status == 404, "C reads \(path)")
        }
        for path in ["/v1/lots/\(lotB)/material-uses", "/v1/lots/\(lotB)/equipment-uses"] {
            #expect(try node.call("GET", path, token: a.token).status == 404, "A reads B's \(path)")
        }
        let facility = try node.call("GET", "/v1/lots/\(lotA)/equipment-uses", token: b.token)
        #expect(Self.close(facility.num("processCO2"), 33.887372822299654))
        #expect(facility["equipmentUses"]?.arrayValue?.count == 3)

        // Lot Enquiry: open to anyone with the ID, without a token; totals only for the owner.
        let publicA = try node.call("GET", "/v1/lots/\(lotA)", token: nil)
        #expect(publicA.status == 200 && Self.close(publicA.num("co2PerUnit"), 2.8379997351916377))
        #expect(publicA["totalCO2"] == nil && publicA.str("nodeId") == "it-node")
        #expect(Self.close(try node.call("GET", "/v1/lots/\(lotA)", token: a.token).num("totalCO2"), 34.05599682229965))

    }

    @Test("Lot Enquiry carries a statement the node signed, verifiable offline; an altered one is refused", arguments: Store.allCases)
    func statements(_ store: Store) async throws {
        let factory = try await Self.factory(store)
        let (node, b) = (factory.node, factory.b)
        let lotA = factory.lotA
        let doneA = factory.doneA
        let publicA = try node.call("GET", "/v1/lots/\(lotA)", token: nil)
        // Lot Enquiry carries a statement signed by the node, verifiable offline with node.json.
        let statement = publicA.str("statement")
        let nodeJSON = node.data.appendingPathComponent("node.json").path
        let verified = try NodeProcess.ctn(["statement", "verify", "--node-json", nodeJSON, statement, "--json"])
        let claims = try JSONParser.parse(Array(verified.out.utf8))
        #expect(claims["co2PerUnit"]?.numberValue == publicA.num("co2PerUnit"))
        #expect(claims["lotId"]?.stringValue == lotA && claims["ledgerSeq"] == doneA["ledgerSeq"])
        #expect(Self.close(claims["totalCO2"]?.numberValue ?? .nan, 34.05599682229965))
        let parts = statement.split(separator: ".").map(String.init)
        if parts.count == 3 {
            // The same claims with a lower CO2, re-encoded: the signature no longer covers them.
            let forgedClaims = CanonicalJSON.encode(claims).replacingOccurrences(of: "2.8379997351916377", with: "1.8379997351916377")
            let b64 = Data(forgedClaims.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            let forged = try NodeProcess.ctn(
                ["statement", "verify", "--node-json", nodeJSON, parts[0] + "." + b64 + "." + parts[2]],
                expectSuccess: false)
            #expect(forged.status == 1)
        }
        let openB = try node.call("POST", "/v1/lots", token: b.token, ["declaredUnit": "piece"]).str("lotId")
        #expect(try node.call("GET", "/v1/lots/\(openB)", token: nil)["statement"] == .null, "an open lot has no statement")
    }

    @Test("The CLI client reads the same figures", arguments: Store.allCases)
    func cliClient(_ store: Store) async throws {
        let factory = try await Self.factory(store)
        let (node, a) = (factory.node, factory.a)
        let (furnace, lotA) = (factory.furnace, factory.lotA)
        // The CLI client against the same node.
        let shown = try NodeProcess.ctn(["lot", "show", lotA, "--node", node.base, "--cacert", node.caFile, "--json"])
        #expect(Self.close(try JSONParser.parse(Array(shown.out.utf8))["co2PerUnit"]?.numberValue ?? .nan, 2.8379997351916377))
        let table = try NodeProcess.ctn(["equipment", "list", "--node", node.base, "--cacert", node.caFile, "--token", a.token])
        #expect(table.out.contains(furnace) && table.out.contains("kg-CO2e/min"))
    }

    @Test("After a restart everything is still there; a tampered database file fails ledger verification")
    func restartAndTamper() throws {
        let factory = try Factory(nodeId: "it-node")
        let (node, a, b, lotA, lotB) = (factory.node, factory.a, factory.b, factory.lotA, factory.lotB)
        // --- Restart: everything is still there.
        let materialsBefore = try node.call("GET", "/v1/lots/\(lotB)/material-uses", token: b.token).json
        let headBefore = try node.call("GET", "/v1/ledger/head", token: nil).json
        node.stop()
        try node.start()
        #expect(try node.call("GET", "/v1/lots/\(lotB)/material-uses", token: b.token).json == materialsBefore)
        #expect(try node.call("GET", "/v1/ledger/head", token: nil).json == headBefore)
        #expect(Self.close(try node.call("GET", "/v1/lots/\(lotA)", token: nil).num("co2PerUnit"), 2.8379997351916377))
        let afterRestart = try node.call("POST", "/v1/lots", token: a.token, ["declaredUnit": "kg"])
        #expect(afterRestart.status == 201 && afterRestart.num("ledgerSeq") == (headBefore["seq"]?.numberValue ?? 0) + 1)
        node.stop()

        let ok = try NodeProcess.ctn(["ledger", "verify", "--data", node.data.path, "--json"])
        #expect(try JSONParser.parse(Array(ok.out.utf8))["ok"] == .bool(true))

        // --- Tamper with the database file: change one equipment use from 240 to 241 minutes.
        var tampered = false
        for name in ["ctn.sqlite", "ctn.sqlite-wal"] {
            let url = node.data.appendingPathComponent(name)
            guard var bytes = try? [UInt8](Data(contentsOf: url)) else { continue }
            let needle = Array(#""activity":240,"#.utf8)
            if let i = bytes.indices.dropLast(needle.count).first(where: { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }) {
                bytes[i + 13] = UInt8(ascii: "1")
                try Data(bytes).write(to: url)
                tampered = true
            }
        }
        #expect(tampered, "the ledger payload was found in the database file")
        let bad = try NodeProcess.ctn(["ledger", "verify", "--data", node.data.path, "--json"], expectSuccess: false)
        #expect(bad.status == 1)
        let report2 = try JSONParser.parse(Array(bad.out.utf8))
        #expect(report2["ok"] == .bool(false))
        #expect(report2["failedAt"]?.numberValue ?? 0 > 0)
    }
}

/// The end-to-end factory on PostgreSQL, made once (in a new database of the tests' server).
actor PostgresFactory {
    static let shared = PostgresFactory()
    private var made: NodeEndToEndTests.Factory?

    func get() async throws -> NodeEndToEndTests.Factory {
        if let made { return made }
        let url = try await TestDatabases.shared.fresh().urlWithPassword
        let f = try NodeEndToEndTests.Factory(nodeId: "it-node", database: url)
        made = f
        return f
    }
}
