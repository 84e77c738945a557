import CTNModel
import CTNService
import Testing

/// Agreement Grant, Enquiry and Revocation, and what they open.
@Suite("Agreement room")
struct AgreementRoomTests {
    func grant(
        _ f: ServiceFixture, to grantee: Int, scope: AgreementScope, lotId: String? = nil, expiresAt: String? = nil
    ) async throws -> JSONValue {
        var body = JSONObject([
            "grantee": .string(f.tenants[grantee].businessId), "contracts": ["material-use-enquiry"], "scope": .string(scope.rawValue),
            "purpose": "audit",
        ])
        if let lotId { body["lotId"] = .string(lotId) }
        if let expiresAt { body["expiresAt"] = .string(expiresAt) }
        return try await f.call(.agreementGrant, body)
    }

    @Test("A grant for one lot opens its material uses to the grantee, and only that lot; revocation closes it")
    func lotScope() async throws {
        let f = try await ServiceFixture()
        let opened = try await f.completedLot()
        let closed = try await f.completedLot()
        let agreement = try await grant(f, to: 2, scope: .lot, lotId: opened)
        #expect(agreement["inForce"] == true)
        _ = try await f.call(.materialUseEnquiry, as: 2, path: ["lotId": opened])
        #expect(try await f.refusal(.materialUseEnquiry, as: 2, path: ["lotId": closed]).status == 404)
        #expect(try await f.refusal(.facilityUsageEnquiry, as: 2, path: ["lotId": opened]).status == 404, "only the contracts granted")
        let id = try ServiceFixture.string(agreement, "agreementId")
        let revoked = try await f.call(.agreementRevocation, path: ["agreementId": id])
        #expect(revoked["inForce"] == false)
        #expect(try await f.refusal(.materialUseEnquiry, as: 2, path: ["lotId": opened]).status == 404)
        #expect(try await f.refusal(.agreementRevocation, path: ["agreementId": id]).code == "already_revoked")
        #expect(try await f.refusal(.agreementRevocation, as: 1, path: ["agreementId": id]).status == 404)
        let log = try #require(try await f.call(.usageLogEnquiry)["usage"]?.arrayValue)
        #expect(log.first?["basis"] == .string("agreement:\(id)"))
    }

    @Test("An agreement that has expired by the clock opens nothing")
    func expiry() async throws {
        let f = try await ServiceFixture()
        let lotId = try await f.completedLot()
        _ = try await grant(f, to: 2, scope: .all, expiresAt: Timestamp.format(millis: ServiceFixture.now + 1000))
        _ = try await f.call(.materialUseEnquiry, as: 2, path: ["lotId": lotId])
        let later = try f.at(ServiceFixture.now + 1000)
        #expect(try await later.refusal(.materialUseEnquiry, as: 2, path: ["lotId": lotId]).status == 404, "expired at its expiry")
        let agreements = try await later.call(.agreementEnquiry)
        #expect(agreements["granted"]?.arrayValue?.first?["inForce"] == false)
    }

    @Test("Refused grants: to the owner itself, expiring in the past, for a lot of another business")
    func refusals() async throws {
        let f = try await ServiceFixture()
        let body = JSONObject([
            "grantee": .string(f.tenants[0].businessId), "contracts": ["material-use-enquiry"], "scope": "all", "purpose": "x",
        ])
        #expect(try await f.refusal(.agreementGrant, body).field == "grantee")
        var past = body
        past["grantee"] = .string(f.tenants[1].businessId)
        past["expiresAt"] = .string(Timestamp.format(millis: ServiceFixture.now - 1))
        #expect(try await f.refusal(.agreementGrant, past).field == "expiresAt")
        let foreign = try await f.lot(as: 1)
        var lot = body
        lot["grantee"] = .string(f.tenants[2].businessId)
        lot["scope"] = "lot"
        lot["lotId"] = .string(foreign)
        #expect(try await f.refusal(.agreementGrant, lot).status == 404)
    }

    @Test("The enquiry lists what a business granted and what it received")
    func enquiry() async throws {
        let f = try await ServiceFixture()
        _ = try await grant(f, to: 1, scope: .all)
        let owner = try await f.call(.agreementEnquiry)
        #expect(owner["granted"]?.arrayValue?.count == 1)
        let grantee = try await f.call(.agreementEnquiry, as: 1)
        #expect(grantee["received"]?.arrayValue?.count == 1)
        #expect(grantee["granted"]?.arrayValue?.isEmpty == true)
        let remote = try await f.service.handle(
            .agreementEnquiry, ValidatedRequest(), caller: .remote("\(String(repeating: "9", count: 32))@elsewhere"))
        #expect(remote["received"]?.arrayValue?.isEmpty == true)
    }
}
