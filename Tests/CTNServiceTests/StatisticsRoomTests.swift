import CTNModel
import CTNService
import Testing

/// Category Contribution and Category Statistics.
@Suite("Statistics room")
struct StatisticsRoomTests {
    @Test("A contribution converts the lot's CFP per declared unit to the category's unit: per kg lot at 2 kg")
    func contribution() async throws {
        let f = try await ServiceFixture()
        let lotId = try await f.lot(unit: "g")
        _ = try await f.useCategory(lotId, "steel-s45c", 2)
        _ = try await f.complete(lotId, 1000)
        let answer = try await f.call(.categoryContribution, path: ["lotId": lotId], JSONObject(["category": "steel-s45c"]))
        // 0.786 kg-CO2e over 1000 g: 0.000786 per g, 0.786 per kg.
        #expect(close(try ServiceFixture.number(answer["co2PerCategoryUnit"]), 0.786))
        #expect(
            try await f.refusal(.categoryContribution, path: ["lotId": lotId], JSONObject(["category": "steel-s45c"])).code
                == "already_contributed")
    }

    @Test("Refused contributions: open lots, lots in units that do not convert")
    func refusals() async throws {
        let f = try await ServiceFixture()
        let open = try await f.lot()
        #expect(
            try await f.refusal(.categoryContribution, path: ["lotId": open], JSONObject(["category": "steel-s45c"])).code
                == "lot_not_completed")
        let pieces = try await f.completedLot()
        #expect(
            try await f.refusal(.categoryContribution, path: ["lotId": pieces], JSONObject(["category": "steel-s45c"])).code
                == "incompatible_unit")
    }

    @Test("Below five contributing businesses the statistics show nothing but that")
    func minimum() async throws {
        let f = try await ServiceFixture()
        for tenant in 0..<3 {
            let lotId = try await f.lot(unit: "kg", as: tenant)
            _ = try await f.useCategory(lotId, "steel-s45c", 2, as: tenant)
            _ = try await f.complete(lotId, 1, as: tenant)
            _ = try await f.call(.categoryContribution, as: tenant, path: ["lotId": lotId], JSONObject(["category": "steel-s45c"]))
        }
        let stats = try await f.call(.categoryStatistics, as: nil, path: ["category": "steel-s45c"])
        #expect(stats["available"] == false)
        #expect(stats["mean"] == nil)
        #expect(stats["minimumContributors"] == 5)
    }
}
