import CTNModel
import CTNService
import Testing

/// Lot Registration, Lot Completed, Lot Correction and Lot Shipment.
@Suite("Lot room")
struct LotRoomTests {
    @Test("Completion divides the lot's CO2 by its good units: (0.786 + 15.06) / 8")
    func completion() async throws {
        let f = try await ServiceFixture()
        let lotId = try await f.completedLot()
        let view = try await f.call(.lotEnquiry, path: ["lotId": lotId])
        #expect(close(try ServiceFixture.number(view["co2PerUnit"]), (0.786 + 15.06) / 8))
        #expect(close(try ServiceFixture.number(view["totalCO2"]), 15.846))
        #expect(view["goodUnits"] == 8)
        #expect(view["status"] == "completed")
        #expect(view["version"] == 1)
        #expect(view["statement"]?.stringValue != nil)
    }

    @Test("A lot is completed once; more defects than units and no good units are refused")
    func completionRefusals() async throws {
        let f = try await ServiceFixture()
        let open = try await f.lot()
        let defects = try await f.refusal(.lotCompleted, path: ["lotId": open], JSONObject(["completed": 3, "defects": 4]))
        #expect(defects.code == "defects_exceed_completed")
        #expect(defects.field == "defects")
        let none = try await f.refusal(.lotCompleted, path: ["lotId": open], JSONObject(["completed": 3, "defects": 3]))
        #expect(none.code == "no_good_units")
        #expect(none.field == "completed")
        let done = try await f.completedLot()
        #expect(try await f.refusal(.lotCompleted, path: ["lotId": done], JSONObject(["completed": 1])).code == "lot_completed")
        let foreign = try await f.lot(as: 1)
        #expect(try await f.refusal(.lotCompleted, path: ["lotId": foreign], JSONObject(["completed": 1])).status == 404)
    }

    @Test("A source time more than five minutes ahead of the clock is refused")
    func futureTime() async throws {
        let f = try await ServiceFixture()
        let open = try await f.lot()
        let later = Timestamp.format(millis: ServiceFixture.now + 6 * 60 * 1000)
        let problem = try await f.refusal(.lotCompleted, path: ["lotId": open], JSONObject(["completed": 1, "time": .string(later)]))
        #expect(problem.field == "time")
        let soon = Timestamp.format(millis: ServiceFixture.now + 4 * 60 * 1000)
        let accepted = try await f.call(.lotCompleted, path: ["lotId": open], JSONObject(["completed": 1, "time": .string(soon)]))
        #expect(accepted["completedAt"] == .string(soon))
    }

    @Test("A correction restates the CFP as version 2 and keeps the previous figures")
    func correction() async throws {
        let f = try await ServiceFixture()
        let lotId = try await f.completedLot()
        let corrected = try await f.call(.lotCorrection, path: ["lotId": lotId], JSONObject(["reason": "miscount", "defects": 0]))
        #expect(corrected["version"] == 2)
        #expect(close(try ServiceFixture.number(corrected["co2PerUnit"]), 15.846 / 10))
        #expect(close(try ServiceFixture.number(corrected["previous"]?["co2PerUnit"]), 15.846 / 8))
        #expect(corrected["previous"]?["version"] == 1)
    }

    @Test("Corrections are refused on open lots and below what was shipped")
    func correctionRefusals() async throws {
        let f = try await ServiceFixture()
        let open = try await f.lot()
        #expect(
            try await f.refusal(.lotCorrection, path: ["lotId": open], JSONObject(["reason": "x", "defects": 0])).code
                == "lot_not_completed")
        let lotId = try await f.completedLot()
        _ = try await f.ship(lotId, to: f.tenants[1].businessId, 6)
        let below = try await f.refusal(.lotCorrection, path: ["lotId": lotId], JSONObject(["reason": "x", "defects": 5]))
        #expect(below.code == "quantity_exceeds_available")
        #expect(below.field == "defects")
    }

    @Test("Shipments: completed lots only, known consignees other than the owner, never more than the good units left")
    func shipments() async throws {
        let f = try await ServiceFixture()
        let open = try await f.lot()
        let consignee = f.tenants[1].businessId
        #expect(
            try await f.refusal(.lotShipment, path: ["lotId": open], JSONObject(["consignee": .string(consignee), "quantity": 1])).code
                == "lot_not_completed")
        let lotId = try await f.completedLot()
        let shipped = try await f.ship(lotId, to: consignee, 5)
        #expect(close(try ServiceFixture.number(shipped["co2PerUnit"]), 15.846 / 8))
        let over = try await f.refusal(.lotShipment, path: ["lotId": lotId], JSONObject(["consignee": .string(consignee), "quantity": 4]))
        #expect(over.code == "quantity_exceeds_available")
        #expect(over.detail.contains("only 3 piece"))
        let unknown = try await f.refusal(
            .lotShipment, path: ["lotId": lotId], JSONObject(["consignee": .string(String(repeating: "9", count: 32)), "quantity": 1]))
        #expect(unknown.status == 404)
        #expect(unknown.field == "consignee")
        let owner = try await f.refusal(
            .lotShipment, path: ["lotId": lotId], JSONObject(["consignee": .string(f.tenants[0].businessId), "quantity": 1]))
        #expect(owner.code == "invalid_value")
        let remote = try await f.ship(lotId, to: "\(String(repeating: "9", count: 32))@other-node", 3)
        #expect(
            remote["consignee"] == .string("\(String(repeating: "9", count: 32))@other-node"),
            "consignees elsewhere are kept with their node")
    }
}
