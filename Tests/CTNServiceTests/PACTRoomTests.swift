import CTNModel
import CTNService
import Testing

/// PACT Profile, Publication and Withdrawal on an in-memory store: what is refused, and that a
/// refusal writes nothing.
@Suite("PACT room")
struct PACTRoomTests {
    @Test("Publication needs a profile, a completed lot of one's own in a unit PACT states, URNs and a CPC code")
    func refusals() async throws {
        let f = try await ServiceFixture()
        let done = try await f.completedLot()
        let body = JSONObject(["lotId": .string(done), "productName": "Bracket", "productCategoryCpc": "42999"])
        #expect(try await f.refusal(.pactPublication, body).code == "no_pact_profile")
        let badIds = try await f.refusal(.pactProfile, JSONObject(["companyName": "Acme", "companyIds": ["acme"]]))
        #expect(badIds.code == "invalid_value" && badIds.field == "companyIds[0]")
        _ = try await f.call(.pactProfile, JSONObject(["companyName": "Acme", "companyIds": ["urn:lei:529900T8BM49AURSDO55"]]))
        let open = try await f.lot()
        #expect(
            try await f.refusal(.pactPublication, JSONObject(["lotId": .string(open), "productName": "X", "productCategoryCpc": "1"])).code
                == "lot_not_completed")
        #expect(
            try await f.refusal(.pactPublication, JSONObject(["lotId": .string(done), "productName": "X", "productCategoryCpc": "12a"]))
                .field == "productCategoryCpc")
        let urn = try await f.refusal(
            .pactPublication, JSONObject(["lotId": .string(done), "productName": "X", "productCategoryCpc": "1", "productIds": ["gtin-1"]]))
        #expect(urn.field == "productIds[0]")
        let foreign = try await f.completedLot(as: 1)
        #expect(
            try await f.refusal(.pactPublication, JSONObject(["lotId": .string(foreign), "productName": "X", "productCategoryCpc": "1"]))
                .status == 404)
        // A lot counted in minutes has no PACT declared unit.
        let minutes = try await f.lot(unit: "min")
        _ = try await f.useCategory(minutes, "steel-s45c", 1)
        _ = try await f.complete(minutes, 1)
        #expect(
            try await f.refusal(.pactPublication, JSONObject(["lotId": .string(minutes), "productName": "X", "productCategoryCpc": "1"]))
                .code == "unsupported_unit")
        // Published, then withdrawn by its owner only.
        let published = try await f.call(.pactPublication, body)
        let id = try ServiceFixture.string(published, "id")
        #expect(published["version"] == 1 && id.count == 36)
        #expect(try await f.refusal(.pactWithdrawal, as: 1, path: ["footprintId": id]).status == 404)
        #expect(try await f.call(.pactWithdrawal, path: ["footprintId": id])["withdrawn"] == true)
        #expect(try await f.refusal(.pactWithdrawal, path: ["footprintId": id]).status == 404)
        #expect(try await f.refusal(.pactWithdrawal, path: ["footprintId": "not-a-uuid"]).field == "footprintId")
    }
}
