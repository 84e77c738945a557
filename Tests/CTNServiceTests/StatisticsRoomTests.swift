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
        // 1 kg of S45C (0.393) over 1e-307 g: 3.93e306 per g is finite, 3.93e309 per kg is not.
        let tiny = try await f.lot(unit: "g")
        _ = try await f.useCategory(tiny, "steel-s45c", 1)
        _ = try await f.complete(tiny, 1e-307)
        let overflow = try await f.refusal(.categoryContribution, path: ["lotId": tiny], JSONObject(["category": "steel-s45c"]))
        #expect(overflow.code == "out_of_range" && overflow.field == "category")
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

    @Test("Anyone but a peer sees the published snapshot (steps of 5, 2 significant digits, no sketch); a peer the exact figures")
    func publishedAndExact() async throws {
        let f = try await ServiceFixture(businesses: 7)
        /// A lot of 1 kg made from q kg of S45C at 0.393: q × 0.393 kg-CO2e/kg, contributed by business `k`.
        func contribute(_ k: Int, _ q: Double) async throws {
            let lotId = try await f.lot(unit: "kg", as: k)
            _ = try await f.useCategory(lotId, "steel-s45c", q, as: k)
            _ = try await f.complete(lotId, 1, as: k)
            _ = try await f.call(.categoryContribution, as: k, path: ["lotId": lotId], JSONObject(["category": "steel-s45c"]))
        }
        let path = ["category": "steel-s45c"]
        let peer = Caller.remote("\(String(repeating: "9", count: 32))@other-node")
        // q = 1 … 5 from five businesses: 0.393, 0.786, 1.179, 1.572, 1.965. Mean and median 1.179 → 1.2;
        // p10 at position 0.4: 0.393 + 0.4 × 0.393 = 0.5502 → 0.55; p90 at 3.6: 1.572 + 0.6 × 0.393 = 1.8078 → 1.8.
        for k in 0..<5 { try await contribute(k, Double(k + 1)) }
        let five = try await f.call(.categoryStatistics, as: nil, path: path)
        #expect(five["available"] == true && five["view"] == "published" && five["sketch"] == nil)
        #expect(five["count"] == 5 && five["contributors"] == 5)
        #expect(five["mean"] == 1.2 && five["median"] == 1.2 && five["p10"] == 0.55 && five["p90"] == 1.8)
        #expect(five["from"] == "2026-06" && five["to"] == "2026-06", "months only")
        // A sixth (q = 10, 3.93) does not move the published snapshot at all; the peer sees it:
        // 6 lots, mean 0.393 × 25 / 6 = 1.6375, with the sketch.
        try await contribute(5, 10)
        #expect(try await f.call(.categoryStatistics, as: nil, path: path) == five)
        #expect(try await f.call(.categoryStatistics, as: 1, path: path) == five, "a hosted business is not a peer")
        let exact = try await f.call(.categoryStatistics, caller: peer, path: path)
        #expect(exact["view"] == "exact" && exact["count"] == 6 && exact["contributors"] == 6 && exact["sketch"]?["bins"] != nil)
        #expect(close(try ServiceFixture.number(exact["mean"]), 0.393 * 25 / 6))
        // Four more (q = 6, 7, 8, 9; two of them from businesses already counted): the snapshot moves to
        // q = 1 … 10 from 7 businesses. Mean and median (position 4.5: q 5.5) 2.1615 → 2.2; p10 (0.9: q 1.9)
        // 0.7467 → 0.75; p90 (8.1: q 9.1) 3.5763 → 3.6; contributors 7 shown as 5, count 10.
        for (k, q) in [(6, 6.0), (0, 7), (1, 8), (2, 9)] { try await contribute(k, q) }
        let ten = try await f.call(.categoryStatistics, as: nil, path: path)
        #expect(ten["count"] == 10 && ten["contributors"] == 5 && ten["mean"] == 2.2 && ten["median"] == 2.2)
        #expect(ten["p10"] == 0.75 && ten["p90"] == 3.6, "\(ten)")
        let exactTen = try await f.call(.categoryStatistics, caller: peer, path: path)
        #expect(exactTen["count"] == 10 && exactTen["contributors"] == 7)
        #expect(close(try ServiceFixture.number(exactTen["median"]), 0.393 * 5.5))
    }
}
