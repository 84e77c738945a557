import CTNLedger
import CTNModel
import CTNService
import Testing

/// Verification of a CBAM report: a verifier the operator opened the report to replays it and signs;
/// the operator attaches the statement and the report's own data becomes actual-verified.
@Suite("CBAM verification")
struct CBAMVerificationTests {
    @Test("Replayed and reproduced, signed, attached once; another business cannot read it; a forged or foreign statement is refused")
    func verify() async throws {
        let f = try await ServiceFixture()
        let installation = try await CBAMRoomTests.installation(f)
        let report = try await f.call(.cbamReport, CBAMRoomTests.report(installation))
        let reportId = try ServiceFixture.string(report, "reportId")
        // The operator cannot verify its own report.
        #expect(try await f.refusal(.cbamVerification, JSONObject(["reportId": .string(reportId)])).code == "not_independent")
        // Not opened yet: the would-be verifier sees nothing.
        #expect(try await f.refusal(.cbamVerification, as: 1, JSONObject(["reportId": .string(reportId)])).code == "not_found")
        _ = try await f.call(
            .agreementGrant,
            JSONObject([
                "grantee": .string(f.tenants[1].businessId), "contracts": ["cbam-report-enquiry"], "scope": "all",
                "purpose": "CBAM verification",
            ]))
        let verified = try await f.call(.cbamVerification, as: 1, JSONObject(["reportId": .string(reportId)]))
        let checks = verified["checks"]?.arrayValue ?? []
        #expect(checks.count == 3 && checks.allSatisfy { $0["ok"] == true }, "\(checks)")
        let jws = try ServiceFixture.string(verified, "verification")
        let claims = try CBAMVerification.verify(jws, publicKey: f.keys.signingKey.publicKey)
        #expect(claims["contentHash"] == report["contentHash"] && claims["verifier"] == .string("\(f.tenants[1].businessId)@test-node"))
        // A third business has no agreement.
        #expect(try await f.refusal(.cbamVerification, as: 2, JSONObject(["reportId": .string(reportId)])).code == "not_found")
        // The read is in the operator's usage log.
        let usage = try await f.call(.usageLogEnquiry)["usage"]?.arrayValue ?? []
        #expect(usage.contains { $0["contract"] == "cbam-report-enquiry" && $0["lotId"] == .string(reportId) })

        let attached = try await f.call(
            .cbamVerificationAttachment, path: ["reportId": reportId], JSONObject(["verification": .string(jws)]))
        #expect(attached["verified"] == true)
        let shown = try await f.call(.cbamReportEnquiry, path: ["reportId": reportId])
        #expect(shown["verified"] == true && shown["verifications"]?.arrayValue?.count == 1)
        let tiers = Dictionary(
            uniqueKeysWithValues: (shown["goods"]?.arrayValue ?? []).map { ($0["cn"]?.stringValue ?? "", $0["tier"]?.stringValue ?? "") })
        #expect(tiers == ["7201 10 11": "actual-verified", "7208 51 20": "default"])
        let again = try await f.refusal(
            .cbamVerificationAttachment, path: ["reportId": reportId], JSONObject(["verification": .string(jws)]))
        #expect(again.code == "already_attached")

        // A statement signed with a key that is not the node's, and one for another report.
        let impostor = try CBAMVerification.sign(claims, keys: NodeKeys.generate(nodeId: "test-node"))
        let other = try ServiceFixture.string(try await f.call(.cbamReport, CBAMRoomTests.report(installation, country: "VN")), "reportId")
        for (label, text, target) in [("forged", impostor, reportId), ("another report's", jws, other)] {
            let p = try await f.refusal(
                .cbamVerificationAttachment, path: ["reportId": target], JSONObject(["verification": .string(text)]))
            #expect(p.code == "invalid_verification", "\(label)")
        }
        #expect(try await f.store.verifyLedger(nodeId: f.keys.nodeId, publicKey: f.keys.signingKey.publicKey).ok)
    }
}
