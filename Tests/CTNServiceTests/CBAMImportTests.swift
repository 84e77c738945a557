import CTNLedger
import CTNModel
import CTNService
import Testing

/// The importer's side on one node: a summary opened by agreement, booked once; imports recorded
/// against it; the year's embedded emissions at Türkiye's default for CN 7208 (2.428, direct only)
/// with the year's mark-up: 100 t in 2026 at +10 % = 267.08 t-CO2e, 50 t in 2027 at +20 % = 145.68.
@Suite("CBAM imports")
struct CBAMImportTests {
    @Test("Booked once, tampered refused, imports at the default with the year's mark-up; bad input named and nothing written")
    func imports() async throws {
        let f = try await ServiceFixture()
        let installation = try await CBAMRoomTests.installation(f)
        let reportId = try ServiceFixture.string(try await f.call(.cbamReport, CBAMRoomTests.report(installation)), "reportId")
        let importer = 2
        // Not opened: nothing to book.
        #expect(try await f.refusal(.cbamSummaryBooking, as: importer, JSONObject(["reportId": .string(reportId)])).code == "not_found")
        _ = try await f.call(
            .agreementGrant,
            JSONObject([
                "grantee": .string(f.tenants[importer].businessId), "contracts": ["cbam-summary"], "scope": "all",
                "purpose": "CBAM imports",
            ]))
        let booked = try await f.call(.cbamSummaryBooking, as: importer, JSONObject(["reportId": .string(reportId)]))
        #expect(booked["verified"] == false && booked["installation"]?["country"] == "TR")
        #expect(
            try await f.refusal(.cbamSummaryBooking, as: importer, JSONObject(["reportId": .string(reportId)])).code == "summary_booked")
        // A summary signed by some other key under this node's name.
        let summary = try ServiceFixture.string(try await f.call(.cbamSummary, path: ["reportId": reportId]), "summary")
        let claims = try CBAMSummary.verify(summary, publicKey: f.keys.signingKey.publicKey)
        let forged = try CBAMSummary.sign(claims, keys: NodeKeys.generate(nodeId: "test-node"))
        #expect(try await f.refusal(.cbamSummaryBooking, as: importer, JSONObject(["summary": .string(forged)])).code == "invalid_summary")

        let t = ServiceFixture.t
        // The second import is recorded in March 2027, by a node whose clock reads then.
        let later = try f.at(try #require(Timestamp.parseMillis("2027-03-01T00:00:00Z")))
        for (node, mass, at) in [(f, 100.0, "2026-03-01T00:00:00Z"), (later, 50.0, "2027-02-01T00:00:00Z")] {
            _ = try await node.call(
                .cbamImport, as: importer,
                JSONObject(["reportId": .string(reportId), "cn": "7208 51 20", "mass": t(mass), "importedAt": .string(at)]))
        }
        let refusals: [(JSONObject, String, String)] = [
            (JSONObject(["reportId": .string(reportId), "cn": "7201 10 19", "mass": t(1)]), "invalid_value", "cn"),
            (
                JSONObject(["reportId": .string(String(repeating: "ab", count: 16)), "cn": "7208 51 20", "mass": t(1)]), "not_found",
                "reportId"
            ),
            (
                JSONObject(["reportId": .string(reportId), "cn": "7208 51 20", "mass": ["value": 1, "unit": "MWh"]]), "incompatible_unit",
                "mass.unit"
            ),
            (
                JSONObject(["reportId": .string(reportId), "cn": "7208 51 20", "mass": t(1), "importedAt": "2026-07-01T00:00:00Z"]),
                "invalid_value", "time"
            ),
        ]
        for (body, code, field) in refusals {
            let p = try await f.refusal(.cbamImport, as: importer, body)
            #expect((p.code, p.field) == (code, field), "\(p.detail)")
        }
        for (year, embedded) in [(2026, 100 * 2.428 * 1.1), (2027, 50 * 2.428 * 1.2)] {
            let view = try await f.call(.cbamImports, as: importer, path: ["year": String(year)])
            let rows = view["imports"]?.arrayValue ?? []
            #expect(rows.count == 1 && rows.first?["basis"] == "default")
            #expect(CBAMRoomTests.close(view["total"]?["counted"]?.numberValue, embedded), "\(year): \(view)")
            #expect(view["total"]?["defaultShare"] == 1)
        }
        #expect(try await f.store.verifyLedger(nodeId: f.keys.nodeId, publicKey: f.keys.signingKey.publicKey).ok)
    }

    @Test("Carbon price paid: stated once, bounds and currency checked, nothing written on refusal")
    func carbonPrice() async throws {
        let f = try await ServiceFixture()
        let installation = try await CBAMRoomTests.installation(f)
        let reportId = try ServiceFixture.string(try await f.call(.cbamReport, CBAMRoomTests.report(installation)), "reportId")
        let body = JSONObject([
            "instrument": "ETS", "legalBasis": "Law 1", "price": ["value": 30, "currency": "EUR"], "refund": 5, "rebatedShare": 0.25,
            "evidence": "payment 1", "certifiedBy": "an independent auditor",
        ])
        var bad = body
        bad["price"] = ["value": 30, "currency": "euro"]
        #expect(try await f.refusal(.cbamCarbonPrice, path: ["reportId": reportId], bad).field == "price.currency")
        bad = body
        bad["refund"] = 31
        #expect(try await f.refusal(.cbamCarbonPrice, path: ["reportId": reportId], bad).field == "refund")
        #expect(try await f.refusal(.cbamCarbonPrice, as: 1, path: ["reportId": reportId], body).code == "not_found")
        let stated = try await f.call(.cbamCarbonPrice, path: ["reportId": reportId], body)
        let coil = stated["goods"]?.arrayValue?.first { $0["cn"] == "7208 51 20" }
        #expect(CBAMRoomTests.close(coil?["effectivePricePerTonne"]?.numberValue, 3553.0 / 1200 * 0.75 * 25))
        #expect(try await f.refusal(.cbamCarbonPrice, path: ["reportId": reportId], body).code == "carbon_price_stated")
        // Shown with the report; the content hash still covers the report as filed.
        let shown = try await f.call(.cbamReportEnquiry, path: ["reportId": reportId])
        #expect(shown["carbonPrice"]?["currency"] == "EUR" && shown["contentHashVerified"] == true)
    }

    @Test("A summary opened for some CN codes only shows those goods; other goods cannot be recorded as imports")
    func scoped() async throws {
        let f = try await ServiceFixture()
        let installation = try await CBAMRoomTests.installation(f)
        let reportId = try ServiceFixture.string(try await f.call(.cbamReport, CBAMRoomTests.report(installation)), "reportId")
        let grant = JSONObject([
            "grantee": .string(f.tenants[1].businessId), "contracts": ["cbam-summary"], "scope": "all", "purpose": "pig iron buyer",
            "cnCodes": ["7201"],
        ])
        var wide = grant
        wide["contracts"] = ["cbam-summary", "cbam-report-enquiry"]
        #expect(try await f.refusal(.agreementGrant, wide).field == "cnCodes")
        _ = try await f.call(.agreementGrant, grant)
        let booked = try await f.call(.cbamSummaryBooking, as: 1, JSONObject(["reportId": .string(reportId)]))
        #expect(booked["goods"]?.arrayValue?.compactMap { $0["cn"]?.stringValue } == ["7201 10 11"])
        let p = try await f.refusal(
            .cbamImport, as: 1, JSONObject(["reportId": .string(reportId), "cn": "7208 51 20", "mass": ServiceFixture.t(1)]))
        #expect((p.code, p.field) == ("invalid_value", "cn"))
        _ = try await f.call(
            .cbamImport, as: 1, JSONObject(["reportId": .string(reportId), "cn": "7201 10 11", "mass": ServiceFixture.t(10)]))
    }
}
