import CTNLedger
import CTNModel
import CTNService
import Testing

/// The worked scenario of the mass-balance issue, every figure by hand (tonnes, exact: pools keep grams).
///
/// Receipts on 2 May: 120 t certified PAN (ISCC PLUS, bio-attributed), 380 t conventional.
/// B1 (5 May): 60 t cert + 140 t conv → 100 t CF at 0.5: reconciled; 30 t certified CF, 70 t conventional.
/// B2 (10 May): 40 + 160 → 90 t CF, expected 100 t, 10 % off 2 %: exception; 20 t certified, 70 t conventional.
/// B3 (15 May): 20 + 80 → 50 t CF: reconciled (10 t certified, 40 t conventional); PAN pools now empty.
/// D1 (20 May): 60 t CF with 30 t certified on B1. B2 corrected to 99 t (+9 t conventional CF), attested.
/// D2: 40 t with 20 t certified on B2. Month end: CF certified 30 + 20 + 10 − 30 − 20 = 10 t;
/// CF conventional 70 + 70 + 40 + 9 − 30 − 20 = 139 t; PAN 0 and 0.
@Suite("Mass balance room")
struct MassBalanceRoomTests {
    @Test("The PAN-to-fibre month: exceptions block declarations until corrected and attested; month-end figures as by hand")
    func scenario() async throws {
        let f = try await ServiceFixture()
        let customer = f.tenants[1].businessId
        let r1 = try await f.receive("PAN", "certified", 120)
        #expect(r1["balance"]?["value"] == 120_000)
        _ = try await f.receive("PAN", "conventional", 380)

        let b1 = try await f.batch(certified: 60, conventional: 140, fibre: 100, losses: 100, day: 5)
        #expect(b1["status"] == "reconciled")
        #expect(b1["certifiedOutput"]?.arrayValue?.first?["mass"]?["value"] == 30_000)
        #expect(b1["outputs"]?.arrayValue?.first?["conventional"]?["value"] == 70_000)
        let b2 = try await f.batch(certified: 40, conventional: 160, fibre: 90, day: 10)
        #expect(b2["status"] == "exception")
        #expect(b2["exceptions"]?.arrayValue?.first?["code"] == "out_of_tolerance")
        #expect(b2["certifiedOutput"]?.arrayValue?.first?["mass"]?["value"] == 20_000)
        let b3 = try await f.batch(certified: 20, conventional: 80, fibre: 50, day: 15)
        let (id1, id2, id3) = (
            try ServiceFixture.string(b1, "batchId"), try ServiceFixture.string(b2, "batchId"), try ServiceFixture.string(b3, "batchId")
        )

        let mid = try await f.balances(at: "2026-05-12T00:00:00Z")
        #expect(mid.booked == ["PAN/certified": 20, "PAN/conventional": 80, "CF/certified": 50, "CF/conventional": 140])

        // The PAN pools are empty: one more tonne of certified PAN cannot be consumed.
        var more = JSONObject([
            "inputs": [ServiceFixture.line("PAN", "certified", 1)], "outputs": [["material": "CF", "mass": ServiceFixture.t(0.5)]],
            "conversionFactor": 0.5, "tolerance": 0.02, "time": "2026-05-16T00:00:00Z",
        ])
        let empty = try await f.refusal(.massBalanceBatch, more)
        #expect(empty.code == "insufficient_balance")
        #expect(empty.field == "inputs[0].mass")

        // An edge attestation of B3 read a weigher whose calibration ran out on 14 May: exception.
        let edge = try await f.call(
            .massBalanceAttestation, path: ["batchId": id3],
            JSONObject([
                "level": "edge", "window": ["start": "2026-05-15T00:00:00Z", "end": "2026-05-15T23:00:00Z"],
                "sourceTime": .string(Timestamp.format(millis: ServiceFixture.now)),
                "devices": [["device": "WB-01", "calibrationValidUntil": "2026-05-14T00:00:00Z"]],
            ]))
        #expect(edge["result"] == "exception")
        #expect(edge["exceptions"]?.arrayValue?.first?["code"] == "calibration_invalid")

        let d1 = try await f.dispatch(60, certified: 30, on: [id1], to: customer)
        #expect(d1["certifiedShare"] == 0.5)
        let jws = try ServiceFixture.string(d1, "declaration")
        let claims = try SustainabilityDeclaration.verify(jws, publicKey: f.keys.signingKey.publicKey)
        #expect(claims["certifiedMass"]?["value"] == 30_000)
        #expect(claims["scheme"] == "ISCC PLUS")
        #expect(claims["batches"]?.arrayValue?.first?["batchId"] == .string(id1))
        #expect(claims["period"]?["start"]?.stringValue.flatMap(Timestamp.parseMillis) == Timestamp.parseMillis("2026-05-05T00:00:00Z"))

        // Blocked: B2's exception is open; B1 is fully claimed; B3's calibration exception is open.
        #expect(
            try await f.refusal(.massBalanceDispatch, f.dispatchBody(40, certified: 20, on: [id2], to: customer)).code == "exception_open")
        #expect(
            try await f.refusal(.massBalanceDispatch, f.dispatchBody(10, certified: 5, on: [id1], to: customer)).code
                == "insufficient_certified_balance")
        #expect(
            try await f.refusal(.massBalanceDispatch, f.dispatchBody(10, certified: 5, on: [id3], to: customer)).code == "exception_open")

        // The MES recount finds 99 t: corrected with an explicit +9 t into conventional CF. Still blocked until attested.
        more = JSONObject([
            "reason": "recount of bobbins found 9 t not booked", "outputs": [["material": "CF", "mass": ServiceFixture.t(99)]],
            "adjustments": [ServiceFixture.line("CF", "conventional", 9)], "time": "2026-05-22T00:00:00Z",
        ])
        let corrected = try await f.call(.massBalanceCorrection, path: ["batchId": id2], more)
        #expect(corrected["status"] == "exception")
        #expect(corrected["exceptions"]?.arrayValue?.isEmpty == true)
        #expect(
            try await f.refusal(.massBalanceDispatch, f.dispatchBody(40, certified: 20, on: [id2], to: customer)).code == "exception_open")
        let scada = try await f.call(
            .massBalanceAttestation, path: ["batchId": id2],
            JSONObject([
                "level": "scada", "window": ["start": "2026-05-10T00:00:00Z", "end": "2026-05-10T12:00:00Z"],
                "sourceTime": .string(Timestamp.format(millis: ServiceFixture.now - 60_000)),
                "measured": [["material": "PAN", "mass": ServiceFixture.t(200)], ["material": "CF", "mass": ServiceFixture.t(99)]],
                "devices": [["device": "TOT-7", "calibrationValidUntil": "2026-12-31T00:00:00Z"]],
            ]))
        #expect(scada["result"] == "confirmed")
        #expect(scada["status"] == "reconciled")
        let d2 = try await f.dispatch(40, certified: 20, on: [id2], to: customer, day: 23)
        #expect(d2["certifiedShare"] == 0.5)

        // B3: recalibrated, figures unchanged (no adjustment), attested with a valid calibration.
        _ = try await f.call(
            .massBalanceCorrection, path: ["batchId": id3],
            JSONObject(["reason": "weigher recalibrated; figures confirmed", "adjustments": []]))
        let again = try await f.call(
            .massBalanceAttestation, path: ["batchId": id3],
            JSONObject([
                "level": "edge", "window": ["start": "2026-05-15T00:00:00Z", "end": "2026-05-15T23:00:00Z"],
                "sourceTime": .string(Timestamp.format(millis: ServiceFixture.now)),
                "devices": [["device": "WB-01", "calibratedAt": "2026-05-01T00:00:00Z", "calibrationValidUntil": "2027-05-01T00:00:00Z"]],
            ]))
        #expect(again["status"] == "reconciled")
        // 10 t certified left on B3: 10 t claimable, not a kilogram more.
        #expect(
            try await f.refusal(.massBalanceDispatch, f.dispatchBody(20, certified: 10.001, on: [id3], to: customer, day: 28)).code
                == "insufficient_certified_balance")

        let monthEnd = try await f.balances(at: "2026-05-31T23:59:59Z")
        #expect(monthEnd.booked == ["PAN/certified": 0, "PAN/conventional": 0, "CF/certified": 10, "CF/conventional": 139])
        #expect(monthEnd.claimable["CF/certified"] == 10)

        let enquiry = try await f.call(.massBalanceBatchEnquiry, path: ["batchId": id2])
        #expect(enquiry["status"] == "reconciled")
        #expect(enquiry["exceptions"]?.arrayValue?.first?["open"] == false)
        #expect(enquiry["exceptions"]?.arrayValue?.first?["correctedBy"]?["eventId"] == corrected["correctionId"])
        #expect(enquiry["exceptions"]?.arrayValue?.first?["closedBy"]?["kind"] == "attestation")
        #expect(enquiry["certifiedOutput"]?.arrayValue?.first?["claimed"]?["value"] == 20_000)

        let audit = try await f.call(.massBalanceAudit, path: ["from": "2026-05-01T00:00:00Z", "to": "2026-06-01T00:00:00Z"])
        // Up to the node's time (the attestations and declarations carry it): 2 receipts, 3 batches, 2 edge + 1 SCADA attestations, 2 corrections, 2 dispatches.
        #expect(audit["events"]?.arrayValue?.count == 12)
        #expect(
            Set(audit["exceptions"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []) == [
                "out_of_tolerance", "calibration_invalid",
            ])
        #expect(audit["exceptions"]?.arrayValue?.allSatisfy { $0["open"] == false } == true)
        #expect(audit["declarations"]?.arrayValue?.count == 2)
        #expect(audit["ledger"]?["verified"] == true)
        // The closing balances are the month end's: 10 t of certified CF, 139 t conventional.
        let closing = Dictionary(
            uniqueKeysWithValues: (audit["closing"]?.arrayValue ?? []).map {
                ("\($0["material"]?.stringValue ?? "")/\($0["pool"]?.stringValue ?? "")", $0["mass"]?["value"]?.numberValue ?? -1)
            })
        #expect(closing == ["PAN/certified": 0, "PAN/conventional": 0, "CF/certified": 10_000, "CF/conventional": 139_000])
        #expect(try await f.store.verifyLedger(nodeId: f.keys.nodeId, publicKey: f.keys.signingKey.publicKey).ok)
    }
}
