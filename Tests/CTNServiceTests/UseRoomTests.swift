import CTNModel
import CTNService
import Testing

/// Material Use and Equipment Use.
@Suite("Use room")
struct UseRoomTests {
    @Test("A category's default intensity times the quantity in its unit: 500 g of S45C = 0.5 × 0.393")
    func category() async throws {
        let f = try await ServiceFixture()
        let lotId = try await f.lot()
        let use = try await f.useCategory(lotId, "steel-s45c", 500, unit: "g")
        #expect(close(try ServiceFixture.number(use["co2"]), 0.1965))
        #expect(use["co2PerUnitOf"] == "kg")
        #expect(use["intensitySource"]?.stringValue?.hasPrefix("dictionary: ") == true)
    }

    @Test("A completed lot of the same business: its CFP per unit, at most its good units")
    func ownLot() async throws {
        let f = try await ServiceFixture()
        let material = try await f.completedLot()
        let lotId = try await f.lot()
        let use = try await f.useLot(lotId, material, 3)
        #expect(close(try ServiceFixture.number(use["co2"]), 3 * 15.846 / 8))
        let over = try await f.refusal(
            .materialUse, path: ["lotId": lotId], JSONObject(["materialLotId": .string(material), "quantity": 6, "unit": "piece"]))
        #expect(over.code == "quantity_exceeds_available", "8 good units, 3 used: 5 left")
        #expect(over.field == "quantity")
    }

    @Test("Another business's lot: only what was shipped to the caller; otherwise not found")
    func shippedLot() async throws {
        let f = try await ServiceFixture()
        let material = try await f.completedLot(as: 1)
        let lotId = try await f.lot()
        let before = try await f.refusal(
            .materialUse, path: ["lotId": lotId], JSONObject(["materialLotId": .string(material), "quantity": 1, "unit": "piece"]))
        #expect(before.status == 404)
        #expect(before.field == "materialLotId")
        _ = try await f.ship(material, to: f.tenants[0].businessId, 2, as: 1)
        _ = try await f.useLot(lotId, material, 2)
        let more = try await f.refusal(
            .materialUse, path: ["lotId": lotId], JSONObject(["materialLotId": .string(material), "quantity": 1, "unit": "piece"]))
        #expect(more.code == "quantity_exceeds_available")
    }

    @Test("Refused: an open material lot, the lot itself, a completed lot, a unit of another dimension")
    func refusals() async throws {
        let f = try await ServiceFixture()
        let openMaterial = try await f.lot()
        let lotId = try await f.lot()
        #expect(
            try await f.refusal(
                .materialUse, path: ["lotId": lotId], JSONObject(["materialLotId": .string(openMaterial), "quantity": 1, "unit": "piece"])
            ).code == "material_lot_not_completed")
        #expect(
            try await f.refusal(
                .materialUse, path: ["lotId": lotId], JSONObject(["materialLotId": .string(lotId), "quantity": 1, "unit": "piece"])
            ).field == "materialLotId")
        let done = try await f.completedLot()
        #expect(
            try await f.refusal(.materialUse, path: ["lotId": done], JSONObject(["category": "steel-s45c", "quantity": 1, "unit": "kg"]))
                .code == "lot_completed")
        let dimension = try await f.refusal(
            .materialUse, path: ["lotId": lotId], JSONObject(["category": "steel-s45c", "quantity": 1, "unit": "min"]))
        #expect(dimension.code == "incompatible_unit")
        #expect(dimension.field == "unit")
    }

    @Test("JSON null counts as absent: a null material lot with no category is a missing field, not a crash")
    func nullMaterial() async throws {
        let f = try await ServiceFixture()
        let lotId = try await f.lot()
        let problem = try await f.refusal(
            .materialUse, path: ["lotId": lotId], JSONObject(["materialLotId": .null, "quantity": 1, "unit": "kg"]))
        #expect(problem.code == "missing_field")
    }

    @Test("The network's intensity without peers and fewer than 5 contributors is refused; a node without a directory entry too")
    func networkAndRemote() async throws {
        let f = try await ServiceFixture()
        let lotId = try await f.lot()
        let network = try await f.refusal(
            .materialUse, path: ["lotId": lotId],
            JSONObject(["category": "steel-s45c", "intensitySource": "network", "quantity": 1, "unit": "kg"]))
        #expect(network.code == "no_network_intensity")
        #expect(network.field == "intensitySource")
        let remote = try await f.refusal(
            .materialUse, path: ["lotId": lotId],
            JSONObject(["materialLotId": .string(String(repeating: "a", count: 32)), "node": "elsewhere", "quantity": 1, "unit": "kg"]))
        #expect(remote.code == "unknown_node")
        #expect(remote.field == "node")
    }

    @Test("Equipment use takes the intensity in force at the time of use: 0.5 h at 0.251 per min = 7.53")
    func equipmentUse() async throws {
        let f = try await ServiceFixture()
        let equipmentId = try await f.equipment()
        try await f.intensity(equipmentId, 0.251, validFrom: "2026-01-01T00:00:00Z")
        try await f.intensity(equipmentId, 0.5, validFrom: "2026-05-01T00:00:00Z")
        let lotId = try await f.lot()
        let early = try await f.call(
            .equipmentUse, path: ["lotId": lotId],
            JSONObject(["equipmentId": .string(equipmentId), "activity": 0.5, "unit": "h", "time": "2026-02-01T00:00:00Z"]))
        #expect(close(try ServiceFixture.number(early["co2"]), 7.53))
        #expect(early["intensityVersion"] == 1)
        let late = try await f.useEquipment(lotId, equipmentId, 10)
        #expect(close(try ServiceFixture.number(late["co2"]), 5))
        #expect(close(try ServiceFixture.number(late["lotProcessCO2"]), 12.53))
    }

    @Test("Equipment use refused: no intensity yet at that time, another business's equipment")
    func equipmentRefusals() async throws {
        let f = try await ServiceFixture()
        let equipmentId = try await f.equipment()
        try await f.intensity(equipmentId, 0.2, validFrom: "2026-05-01T00:00:00Z")
        let lotId = try await f.lot()
        let before = try await f.refusal(
            .equipmentUse, path: ["lotId": lotId],
            JSONObject(["equipmentId": .string(equipmentId), "activity": 1, "unit": "min", "time": "2026-04-01T00:00:00Z"]))
        #expect(before.code == "no_intensity")
        let foreign = try await f.equipment(as: 1)
        let other = try await f.refusal(
            .equipmentUse, path: ["lotId": lotId], JSONObject(["equipmentId": .string(foreign), "activity": 1, "unit": "min"]))
        #expect(other.status == 404)
        #expect(other.field == "equipmentId")
    }
}
