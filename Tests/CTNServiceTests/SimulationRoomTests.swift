import CTNModel
import CTNSQL
import CTNService
import Foundation
import GRDB
import Testing

/// Simulation Run and Simulation Apply on the flow line of `FlowLineTests` (worked by hand there):
/// the run's machines and products carry distinctive keys so that the test can look for them in
/// every table afterwards.
@Suite("Simulation room")
struct SimulationRoomTests {
    static let fixture = ServiceFixture.root.appendingPathComponent("Tests/Fixtures/simulation/flow-line.json")
    static let keys = ["M1": "press-7731", "M2": "mill-xq", "M3": "deburr-rig", "\"A\"": "\"bracket-XK9\"", "\"B\"": "\"hinge-QZ4\""]

    /// The fixture with the owner's keys, equipment IDs, lot IDs and a start before the fixture's clock.
    static func document(equipment: [String], lots: [String], meters: Bool = true) throws -> JSONObject {
        var text = try String(contentsOf: fixture, encoding: .utf8)
        for (k, v) in keys { text = text.replacingOccurrences(of: k, with: v) }
        guard case .object(var doc) = try JSONParser.parse(Array(text.utf8)), case .object(var model)? = doc["model"],
            case .array(var machines)? = model["machines"], case .array(var orders)? = doc["orders"]
        else { throw Problem.invalidValue("fixture", "not a run document") }
        for (i, e) in equipment.enumerated() {
            guard case .object(var m) = machines[i] else { continue }
            m["equipmentId"] = .string(e)
            machines[i] = .object(m)
        }
        for (i, l) in lots.enumerated() {
            guard case .object(var o) = orders[i] else { continue }
            o["lotId"] = .string(l)
            orders[i] = .object(o)
        }
        model["machines"] = .array(machines)
        doc["model"] = .object(model)
        doc["orders"] = .array(orders)
        doc["startTime"] = "2026-05-31T06:00:00Z"
        if !meters { doc["meters"] = nil }
        return doc
    }

    /// Hand-worked modelled kWh per lot (FlowLineTests) × the meter's 1.2 × 0.4 kg-CO2e/kWh ÷ pieces.
    static let perPiece: [Double] = [
        (15.6 + 106.0 / 21) * 1.2 * 0.4 / 10, (8.85 + 33.0 / 28 + 2.0 / 3) * 1.2 * 0.4 / 5, (8.3 + 33.0 / 14 + 1.0 / 3) * 1.2 * 0.4 / 5,
    ]

    func setUp(_ f: ServiceFixture) async throws -> (equipment: [String], lots: [String]) {
        var equipment: [String] = []
        for _ in 0..<3 { equipment.append(try await f.equipment()) }
        var lots: [String] = []
        for _ in 0..<3 { lots.append(try await f.lot()) }
        return (equipment, lots)
    }

    @Test("Apply a calibrated run: the lots get the hand-worked CFPs, all primary data, and no key of the model is stored")
    func apply() async throws {
        let f = try await ServiceFixture()
        let (equipment, lots) = try await setUp(f)
        let run = try await f.call(.simulationRun, try Self.document(equipment: equipment, lots: lots))
        #expect(run["calibration"]?["status"] == "calibrated")
        let apply = try #require(run["apply"]?.objectValue)
        let answer = try await f.call(.simulationApply, apply)
        #expect(answer["uses"] == 9)
        // A period is applied once: again would count its activity twice.
        #expect(try await f.refusal(.simulationApply, apply).code == "already_applied")
        for (k, lot) in lots.enumerated() {
            let pieces: Double = [10, 5, 5][k]
            let done = try await f.complete(lot, pieces)
            let perUnit = try ServiceFixture.number(done["co2PerUnit"])
            #expect(abs(perUnit - Self.perPiece[k]) < 1e-9, "lot \(k): \(perUnit)")
            let enquiry = try await f.call(.lotEnquiry, path: ["lotId": lot])
            #expect(enquiry["primaryDataShare"] == 1, "calibrated modelled activity counts as primary data")
        }
        // Nothing of the model: no machine or product key in any table, the ledger included.
        let store = try #require(f.store as? any SQLStore)
        let tables =
            f.onPostgres
            ? "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'"
            : "SELECT name FROM sqlite_master WHERE type = 'table'"
        let dump = try await store.sqlRead { h -> String in
            var text = ""
            for table in try h.db.fetchValues(String.self, tables, []) {
                for row in try h.db.rows("SELECT * FROM \"\(table)\"") { text += row.description }
            }
            return text
        }
        #expect(dump.contains(lots[0]), "the dump holds the tables' contents")
        for key in ["press-7731", "mill-xq", "deburr-rig", "bracket-XK9", "hinge-QZ4"] { #expect(!dump.contains(key), "\(key) is stored") }
    }

    @Test("An uncalibrated run counts as secondary data; the intensity in force before the period comes back at its end")
    func uncalibrated() async throws {
        let f = try await ServiceFixture()
        let (equipment, lots) = try await setUp(f)
        try await f.intensity(equipment[0], 0.5, validFrom: "2026-05-01T00:00:00Z")
        let run = try await f.call(.simulationRun, try Self.document(equipment: equipment, lots: lots, meters: false))
        #expect(run["calibration"]?["status"] == "uncalibrated")
        let apply = try #require(run["apply"]?.objectValue)
        let answer = try await f.call(.simulationApply, apply)
        #expect(answer["restored"] == [.string(equipment[0])])
        let done = try await f.complete(lots[0], 10)
        // Uncalibrated: the modelled kWh as they are (no factor 1.2).
        #expect(abs(try ServiceFixture.number(done["co2PerUnit"]) - (15.6 + 106.0 / 21) * 0.4 / 10) < 1e-9)
        let enquiry = try await f.call(.lotEnquiry, path: ["lotId": lots[0]])
        #expect(enquiry["primaryDataShare"] == 0)
        // The PACT footprint of the lot carries the same share (published in percent: 0 %).
        _ = try await f.call(.pactProfile, JSONObject(["companyName": "Acme", "companyIds": ["urn:lei:529900T8BM49AURSDO55"]]))
        _ = try await f.call(.pactPublication, JSONObject(["lotId": .string(lots[0]), "productName": "X", "productCategoryCpc": "42999"]))
        let footprints = try await f.store.read { tx in try tx.pactFootprints(lotId: lots[0]) }
        #expect(footprints.map(\.primaryDataShare) == [0])
        let list = try await f.call(.equipmentEnquiry)
        let first = list["equipment"]?.arrayValue?.first { $0["equipmentId"]?.stringValue == equipment[0] }
        #expect(first?["intensity"] == 0.5, "after the period the registered 0.5 is in force again")
    }

    @Test("Refused, writing nothing: a completed lot, another's equipment, a use before its intensity, a period in the future")
    func refusals() async throws {
        let f = try await ServiceFixture()
        let (equipment, lots) = try await setUp(f)
        let run = try await f.call(.simulationRun, try Self.document(equipment: equipment, lots: lots))
        let apply = try #require(run["apply"]?.objectValue)
        _ = try await f.complete(lots[2], 5)
        let completed = try await f.refusal(.simulationApply, apply)
        #expect(completed.code == "lot_completed")
        #expect(completed.field?.hasSuffix(".lotId") == true)
        let other = try await f.refusal(.simulationRun, as: 1, try Self.document(equipment: equipment, lots: lots))
        #expect(other.status == 404 && other.field == "model.machines[0].equipmentId")
        var early = apply
        if case .array(let uses)? = apply["uses"], case .object(var u) = uses[0] {
            u["time"] = .string(try #require(apply["periodStart"]?.stringValue))
            early["uses"] = .array([.object(u)] + uses.dropFirst())
        }
        #expect(try await f.refusal(.simulationApply, early).code != "accepted")
        var future = apply
        future["periodEnd"] = "2027-01-01T00:00:00Z"
        #expect(try await f.refusal(.simulationApply, future).field == "periodEnd")
        var split = try Self.document(equipment: equipment, lots: lots)
        split["scenarios"] = [["id": "pieces", "lotSize": 1]]
        if case .array(var orders)? = split["orders"], case .object(var o) = orders[0] {
            o["quantity"] = 10_000_000
            orders[0] = .object(o)
            split["orders"] = .array(orders)
        }
        // 10^7 lots of one piece × 3 steps: far more work than a run may ask for.
        #expect(try await f.refusal(.simulationRun, split).field == "scenarios[0].lotSize")
        var overlapping = try Self.document(equipment: equipment, lots: lots)
        let reading: (Int, Int) -> JSONValue = { a, b in
            ["fromMinute": .number(Double(a)), "toMinute": .number(Double(b)), "energy": ["value": 10, "unit": "kWh"]]
        }
        overlapping["meters"] = [["machines": ["press-7731"], "readings": [reading(0, 120), reading(60, 240)]]]
        #expect(try await f.refusal(.simulationRun, overlapping).field == "meters[0].readings[1].fromMinute")
        var price = try Self.document(equipment: equipment, lots: lots)
        price["prices"] = ["currency": "EUR", "energy": [["energyType": "steam", "perKWh": 0.1]]]
        #expect(try await f.refusal(.simulationRun, price).field == "prices.energy[0].energyType")
        var missing = try Self.document(equipment: equipment, lots: lots)
        missing["orders"] = nil
        #expect(try await f.refusal(.simulationRun, missing).field == "orders")
    }
}
