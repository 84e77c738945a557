import CTNModel
import CTNService
import Testing

/// Lot, Material Use and Facility Usage Enquiries and the disclosure policy behind them.
@Suite("Enquiry room")
struct EnquiryRoomTests {
    @Test("Lot Enquiry: totals for the owner, the public view for others, shippedToYou for a consignee")
    func lotViews() async throws {
        let f = try await ServiceFixture()
        let lotId = try await f.completedLot()
        _ = try await f.ship(lotId, to: f.tenants[1].businessId, 2)
        let owner = try await f.call(.lotEnquiry, path: ["lotId": lotId])
        #expect(owner["totalCO2"] != nil)
        let anonymous = try await f.call(.lotEnquiry, as: nil, path: ["lotId": lotId])
        #expect(anonymous["totalCO2"] == nil)
        #expect(anonymous["shippedToYou"] == nil)
        #expect(anonymous["co2PerUnit"] == owner["co2PerUnit"])
        let consignee = try await f.call(.lotEnquiry, as: 1, path: ["lotId": lotId])
        #expect(consignee["shippedToYou"] == 2)
        let stranger = try await f.call(.lotEnquiry, as: 2, path: ["lotId": lotId])
        #expect(stranger["shippedToYou"] == 0)
        #expect(try await f.refusal(.lotEnquiry, path: ["lotId": String(repeating: "0", count: 32)]).status == 404)
    }

    @Test("Material uses: the owner and a consignee read them (the consignee's read is logged); a stranger gets 404")
    func materialUses() async throws {
        let f = try await ServiceFixture()
        let lotId = try await f.completedLot()
        _ = try await f.ship(lotId, to: f.tenants[1].businessId, 2)
        let owner = try await f.call(.materialUseEnquiry, path: ["lotId": lotId])
        #expect(owner["materialUses"]?.arrayValue?.count == 1)
        #expect(close(try ServiceFixture.number(owner["materialCO2"]), 0.786))
        _ = try await f.call(.materialUseEnquiry, as: 1, path: ["lotId": lotId])
        let stranger = try await f.refusal(.materialUseEnquiry, as: 2, path: ["lotId": lotId])
        #expect(stranger.status == 404)
        let log = try #require(try await f.call(.usageLogEnquiry)["usage"]?.arrayValue)
        #expect(log.count == 1, "the owner's own read is not logged, the stranger's refusal neither")
        #expect(log.first?["reader"] == .string(f.tenants[1].businessId))
        #expect(log.first?["basis"] == "consignee")
    }

    @Test("Facility usage shows the uses with the intensity versions they took")
    func facilityUsage() async throws {
        let f = try await ServiceFixture()
        let lotId = try await f.completedLot()
        let view = try await f.call(.facilityUsageEnquiry, path: ["lotId": lotId])
        #expect(close(try ServiceFixture.number(view["processCO2"]), 15.06))
        #expect(view["equipmentUses"]?.arrayValue?.count == 1)
        #expect(view["intensities"]?.arrayValue?.first?["intensity"] == 0.251)
        #expect(try await f.refusal(.facilityUsageEnquiry, as: 2, path: ["lotId": lotId]).status == 404)
        #expect(try await f.refusal(.facilityUsageEnquiry, as: nil, path: ["lotId": lotId]).status == 401)
    }

    @Test("Trace views: statements for all, breakdowns only where disclosed, unknown lots marked")
    func traceView() async throws {
        let f = try await ServiceFixture()
        let lotId = try await f.completedLot()
        let unknown = String(repeating: "0", count: 32)
        let views = try await f.service.traceView(of: [lotId, unknown], for: .tenant(f.tenants[2])).lots
        #expect(views.count == 2)
        #expect(views[0]["statement"]?.stringValue != nil)
        #expect(views[0]["materialUses"] == "undisclosed")
        #expect(views[1]["found"] == false)
        let own = try await f.service.traceView(of: [lotId], for: .tenant(f.tenants[0])).lots
        #expect(own[0]["disclosedAs"] == "owner")
    }
}
