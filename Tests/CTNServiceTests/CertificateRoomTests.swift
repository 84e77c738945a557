import CTNLedger
import CTNModel
import CTNService
import Testing

/// Certification of a lot of this node, and Certificate Attachment.
@Suite("Certificate room")
struct CertificateRoomTests {
    @Test("A certifier on the same node reproduces a lot's CFP and signs; the owner attaches the certificate once")
    func certifyAndAttach() async throws {
        let f = try await ServiceFixture()
        let lotId = try await f.completedLot()
        _ = try await f.call(
            .agreementGrant,
            JSONObject([
                "grantee": .string(f.tenants[2].businessId), "contracts": ["material-use-enquiry", "facility-usage-enquiry"],
                "scope": "lot",
                "lotId": .string(lotId), "purpose": "certification",
            ]))
        let issued = try await f.call(.certification, as: 2, JSONObject(["lotId": .string(lotId)]))
        let checks = try #require(issued["checks"]?.arrayValue)
        #expect(!checks.isEmpty)
        #expect(checks.allSatisfy { $0["ok"] == true })
        let jws = try ServiceFixture.string(issued, "certificate")
        let attached = try await f.call(.certificateAttachment, path: ["lotId": lotId], JSONObject(["certificate": .string(jws)]))
        #expect(attached["certifier"] == .string("\(f.tenants[2].businessId)@test-node"))
        let view = try await f.call(.lotEnquiry, as: nil, path: ["lotId": lotId])
        #expect(view["certificates"]?.arrayValue?.first?["valid"] == true)
        #expect(
            try await f.refusal(.certificateAttachment, path: ["lotId": lotId], JSONObject(["certificate": .string(jws)])).code
                == "already_attached")
        let held = try #require(try await f.call(.heldDataEnquiry, as: 2)["held"]?.arrayValue)
        #expect(held.count == 3, "the statement and both enquiries the certificate rests on are kept")
    }

    @Test("Without access to the breakdown there is nothing to certify; an open lot has no statement")
    func refusals() async throws {
        let f = try await ServiceFixture()
        let lotId = try await f.completedLot()
        #expect(try await f.refusal(.certification, as: 2, JSONObject(["lotId": .string(lotId)])).status == 404)
        let open = try await f.lot()
        #expect(try await f.refusal(.certification, JSONObject(["lotId": .string(open)])).code == "lot_not_completed")
        #expect(try await f.refusal(.certification, JSONObject(["lotId": .string(lotId), "node": "elsewhere"])).code == "unknown_node")
    }

    @Test("A certificate that does not verify is refused, and one for a corrected lot is outdated")
    func badCertificates() async throws {
        let f = try await ServiceFixture()
        let lotId = try await f.completedLot()
        #expect(
            try await f.refusal(.certificateAttachment, path: ["lotId": lotId], JSONObject(["certificate": "a.b.c"])).code
                == "bad_certificate")
        let issued = try await f.call(.certification, JSONObject(["lotId": .string(lotId)]))
        _ = try await f.call(.lotCorrection, path: ["lotId": lotId], JSONObject(["reason": "recount", "completed": 12]))
        let jws = try ServiceFixture.string(issued, "certificate")
        #expect(
            try await f.refusal(.certificateAttachment, path: ["lotId": lotId], JSONObject(["certificate": .string(jws)])).code
                == "certificate_outdated")
    }
}
