import CTNModel
import Foundation
import Testing

/// The site carbon engine down a three-node chain: the steel supplier locks its October with the
/// CLI, its furnace's intensity carries the period's uncertainty, and each level of the
/// assembler's trace shows its band; a restatement upstream gives the steel lot a new statement
/// version that the trace marks as superseded. Figures by hand (relative tolerance 1e-9):
///
/// - site: fuel 10 t × 48 GJ/t × 56.1 kg/GJ = 26.928 t, u = √(0.02² + 0.01² + 0.03²); grid 50 MWh at
///   the 0.6 residual mix = 30 t; total 56.928 t, u_T = 26.928 × 0.0374166 / 56.928 at k = 1;
///   all of it on the furnace's 600 min: 94.88 kg-CO2e/min.
/// - steel lot: 100 kg S45C (39.3, no stated u) + 1 min furnace (94.88): 134.18 / 100 kg;
///   u = 94.88 u_T / 134.18. Parts: 20 kg of it (26.836) + 10 min press at 0.2 (2): u = 26.836 u / 28.836.
///   Product: 4 parts (11.5344) + 1 kg ABS (0.254): u = 11.5344 u / 11.7884.
@Suite("Site periods down a three-node chain", .serialized)
struct SitePeriodChainTests {
    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= 1e-9 * abs(b) } ?? false }

    static func calculation(fuel: Double) -> JSONValue {
        [
            "site": .string(String(repeating: "c3", count: 16)),
            "period": ["start": "2026-10-01T00:00:00Z", "end": "2026-11-01T00:00:00Z"],
            "boundary": ["kind": "SITE_OPERATIONAL", "scope2Method": "MARKET_BASED"],
            "sources": [
                [
                    "id": "boiler", "scope": 1, "preferredMethod": "fuel-combustion",
                    "fuel": [
                        "activity": ["value": .number(fuel), "unit": "t", "u": 0.02], "ncv": ["value": 48, "unit": "GJ/t", "u": 0.01],
                        "ef": ["value": 56.1, "unit": "kg-CO2/GJ", "u": 0.06, "k": 2],
                    ],
                ],
                [
                    "id": "grid", "scope": 2, "electricity": ["value": 50, "unit": "MWh"],
                    "locationFactor": ["value": 0.45, "unit": "t-CO2/MWh"], "residualMixFactor": ["value": 0.6, "unit": "t-CO2/MWh"],
                ],
            ],
            "monteCarlo": ["samples": 2000, "seed": 3],
        ]
    }

    @Test("A locked period's band at every level of the trace; a restatement upstream is marked superseded downstream")
    func chain() throws {
        let net = try FederationTests.Network()
        defer { net.stopAll() }
        let (st, pt, asm) = (net.steel, net.parts, net.assembler)
        let s = try st.addTenant()
        let p = try pt.addTenant()
        let a = try asm.addTenant()
        for n in net.nodes { try net.start(n) }
        let files = try ScratchFiles("ctn-period")
        defer { files.remove() }
        let write = files.write
        let client = ["--node", st.base, "--token", s.token, "--cacert", st.caFile, "--json"]

        let furnace = try st.call("POST", "/v1/equipment", token: s.token, ["activityUnit": "min"]).str("equipmentId")
        let locked = try JSONParser.parse(
            Array(
                try NodeProcess.ctn(
                    ["period", "lock", try write("october.json", Self.calculation(fuel: 10))] + client
                        + [
                            "--allocation",
                            try write("allocation.json", [["equipmentId": .string(furnace), "activity": 600, "unit": "min"]]),
                        ]
                ).out.utf8))
        let snapshot = try #require(locked["snapshotId"]?.stringValue, "\(locked)")
        let uT = 26.928 * (0.0014).squareRoot() / 56.928
        #expect(Self.close(locked["intensities"]?.arrayValue?.first?["perActivityUnit"]?.numberValue, 94.88))

        // The chain: steel (the furnace's locked intensity), parts, product.
        let steelLot = try st.call("POST", "/v1/lots", token: s.token, ["declaredUnit": "kg"]).str("lotId")
        _ = try st.call(
            "POST", "/v1/lots/\(steelLot)/material-uses", token: s.token, ["category": "steel-s45c", "quantity": 100, "unit": "kg"])
        _ = try st.call(
            "POST", "/v1/lots/\(steelLot)/equipment-uses", token: s.token, ["equipmentId": .string(furnace), "activity": 1, "unit": "min"])
        _ = try st.call("POST", "/v1/lots/\(steelLot)/completion", token: s.token, ["completed": 100])
        _ = try st.call(
            "POST", "/v1/lots/\(steelLot)/shipments", token: s.token, ["consignee": .string("\(p.businessId)@parts"), "quantity": 50])
        let press = try pt.call("POST", "/v1/equipment", token: p.token, ["activityUnit": "min"]).str("equipmentId")
        _ = try pt.call("PUT", "/v1/equipment/\(press)/intensity", token: p.token, ["intensity": 0.2, "unit": "kg-CO2e/min"])
        let partLot = try pt.call("POST", "/v1/lots", token: p.token, ["declaredUnit": "piece"]).str("lotId")
        _ = try pt.call(
            "POST", "/v1/lots/\(partLot)/material-uses", token: p.token,
            ["materialLotId": .string(steelLot), "node": "steel", "quantity": 20, "unit": "kg"])
        _ = try pt.call(
            "POST", "/v1/lots/\(partLot)/equipment-uses", token: p.token, ["equipmentId": .string(press), "activity": 10, "unit": "min"])
        _ = try pt.call("POST", "/v1/lots/\(partLot)/completion", token: p.token, ["completed": 10])
        _ = try pt.call(
            "POST", "/v1/lots/\(partLot)/shipments", token: p.token, ["consignee": .string("\(a.businessId)@assembler"), "quantity": 4])
        let product = try asm.call("POST", "/v1/lots", token: a.token, ["declaredUnit": "piece"]).str("lotId")
        _ = try asm.call(
            "POST", "/v1/lots/\(product)/material-uses", token: a.token,
            ["materialLotId": .string(partLot), "node": "parts", "quantity": 4, "unit": "piece"])
        _ = try asm.call(
            "POST", "/v1/lots/\(product)/material-uses", token: a.token, ["category": "resin-abs", "quantity": 1, "unit": "kg"])
        let done = try asm.call("POST", "/v1/lots/\(product)/completion", token: a.token, ["completed": 2])
        #expect(Self.close(done.num("co2PerUnit"), 5.8942), "\(done.json)")

        let uSteel = 94.88 * uT / 134.18
        let uParts = 26.836 * uSteel / 28.836
        let uProduct = 11.5344 * uParts / 11.7884
        let trace = try asm.call("GET", "/v1/lots/\(product)/trace", token: a.token)
        #expect(trace["complete"] == .bool(true), "\(trace.json)")
        let partNode = trace["breakdown"]?.arrayValue?.first { $0["lotId"]?.stringValue == partLot }
        let steelNode = partNode?["breakdown"]?.arrayValue?.first { $0["lotId"]?.stringValue == steelLot }
        #expect(Self.close(trace["uncertainty"]?["u"]?.numberValue, 2 * uProduct), "\(trace.json)")
        #expect(Self.close(partNode?["uncertainty"]?["u"]?.numberValue, 2 * uParts), "\(partNode.map(CanonicalJSON.encode) ?? "")")
        #expect(Self.close(steelNode?["uncertainty"]?["u"]?.numberValue, 2 * uSteel), "\(steelNode.map(CanonicalJSON.encode) ?? "")")
        #expect(Self.close(steelNode?["uncertainty"]?["high"]?.numberValue, 1.3418 * (1 + 2 * uSteel)))
        #expect(steelNode?["superseded"] == nil)

        // The supplier restates October (12 t of fuel, not 10): 62.3136 t, 103.856 kg/min; the steel lot becomes version 2.
        let restated = try JSONParser.parse(
            Array(
                try NodeProcess.ctn(
                    ["period", "restate", snapshot, try write("october-restated.json", Self.calculation(fuel: 12))] + client
                        + ["--reason", "a late fuel delivery note"]
                ).out.utf8))
        let second = try #require(restated["snapshotId"]?.stringValue, "\(restated)")
        #expect(restated["correctedLots"]?.arrayValue?.first?["version"] == .number(2))
        #expect(Self.close(restated["correctedLots"]?.arrayValue?.first?["co2PerUnit"]?.numberValue, (39.3 + 103.856) / 100))
        let diff = try JSONParser.parse(Array(try NodeProcess.ctn(["period", "diff", second] + client).out.utf8))
        #expect(Self.close(diff["total"]?["delta"]?.numberValue, 62.3136 - 56.928))
        let shown = try JSONParser.parse(Array(try NodeProcess.ctn(["period", "show", snapshot] + client).out.utf8))
        #expect(shown["supersededBy"] == .string(second) && shown["contentHashVerified"] == .bool(true))

        let after = try asm.call("GET", "/v1/lots/\(product)/trace", token: a.token)
        let steelAfter = after["breakdown"]?.arrayValue?.first { $0["lotId"]?.stringValue == partLot }?["breakdown"]?.arrayValue?.first {
            $0["lotId"]?.stringValue == steelLot
        }
        #expect(steelAfter?["version"] == .number(2) && steelAfter?["statementVersionUsed"] == .number(1), "\(after.json)")
        #expect(steelAfter?["superseded"] == .bool(true))
        #expect(Self.close(steelAfter?["co2PerUnit"]?.numberValue, 1.43156))
        #expect(Self.close(steelAfter?["co2"]?.numberValue, 26.836), "the parts lot rests on the version it used")
        #expect(steelAfter?["uncertainty"]?["u"]?.numberValue != nil)

        // Every event verifies on the supplier's node.
        let verified = try JSONParser.parse(Array(try NodeProcess.ctn(["ledger", "verify", "--data", st.data.path, "--json"]).out.utf8))
        #expect(verified["ok"] == .bool(true), "\(verified)")
    }
}
