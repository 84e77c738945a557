import CTNLedger
import CTNModel
import CTNService
import Testing

/// Period Lock, Restatement, Snapshot Enquiry and Diff, with figures worked out by hand:
/// fuel 10 t × 48 GJ/t × 56.1 kg/GJ = 26.928 t (u = √(0.02² + 0.01² + 0.03²) = 3.74166 %), grid
/// 50 MWh at the 0.6 residual mix = 30 t market-based (the headline), total 56.928 t with
/// u = 26.928 × 0.0374166 / 56.928 = 1.76988 % at k = 1.
@Suite("Period room")
struct PeriodRoomTests {
    static let site = String(repeating: "5a", count: 16)

    static func document(fuel: Double = 10, fuelExtras: JSONObject = JSONObject(), extraSources: [JSONValue] = []) -> JSONObject {
        var f = JSONObject([
            "activity": ["value": .number(fuel), "unit": "t", "u": 0.02], "ncv": ["value": 48, "unit": "GJ/t", "u": 0.01],
            "ef": ["value": 56.1, "unit": "kg-CO2/GJ", "u": 0.06, "k": 2],
        ])
        for (key, value) in fuelExtras.pairs { f[key] = value }
        let sources: [JSONValue] =
            [
                ["id": "boiler", "scope": 1, "preferredMethod": "fuel-combustion", "fuel": .object(f)],
                [
                    "id": "grid", "scope": 2, "electricity": ["value": 50, "unit": "MWh"],
                    "locationFactor": ["value": 0.45, "unit": "t-CO2/MWh"], "residualMixFactor": ["value": 0.6, "unit": "t-CO2/MWh"],
                ],
            ] + extraSources
        return JSONObject([
            "site": .string(site), "period": ["start": "2026-04-01T00:00:00Z", "end": "2026-05-01T00:00:00Z"],
            "boundary": ["kind": "SITE_OPERATIONAL", "scope2Method": "MARKET_BASED"], "sources": .array(sources),
            "monteCarlo": ["samples": 2000, "seed": 7],
        ])
    }

    /// Press 600 min at 10 kW and lathe 400 min at 5 kW: weights 6,000 and 2,000, shares 0.75 and 0.25.
    static func allocation(_ press: String, _ lathe: String) -> JSONValue {
        [
            ["equipmentId": .string(press), "activity": 600, "unit": "min", "performance": 10],
            ["equipmentId": .string(lathe), "activity": 10, "unit": "h", "performance": .number(5 * 400.0 / 600)],
        ]
    }

    @Test("A lock allocates 56.928 t as 71.16 and 35.58 kg-CO2e/min with u 3.540 % (k = 2); a lot made with them states its band")
    func lockFeedsLots() async throws {
        let f = try await ServiceFixture()
        let press = try await f.equipment()
        let lathe = try await f.equipment()
        let locked = try await f.call(
            .periodLock, JSONObject(["calculation": .object(Self.document()), "allocation": Self.allocation(press, lathe)]))
        #expect(close(try ServiceFixture.number(locked["result"]?["total"]?["value"]), 56.928, relative: 1e-12))
        let total = 56.928
        let u = 26.928 * (0.0014).squareRoot() / total
        #expect(close(try ServiceFixture.number(locked["result"]?["total"]?["u"]), 2 * u, relative: 1e-9))
        let intensities = try #require(locked["intensities"]?.arrayValue)
        #expect(intensities.count == 2)
        // The lathe's 10 h are 600 min at 10/3 kW: 2,000 of 8,000; so 0.25 × 56,928 kg / 600 min.
        #expect(close(try ServiceFixture.number(intensities[0]["perActivityUnit"]), total * 1000 * 0.75 / 600, relative: 1e-12))
        #expect(close(try ServiceFixture.number(intensities[1]["perActivityUnit"]), total * 1000 * 0.25 / 600, relative: 1e-12))
        #expect(close(try ServiceFixture.number(intensities[0]["uncertainty"]?["u"]), 2 * u, relative: 1e-9))
        // 26.928 t periodic (lab values), 30 t default (the residual mix): most rests on the default.
        #expect(intensities[0]["tier"] == "default")
        #expect(close(try ServiceFixture.number(intensities[0]["evidenceBreakdown"]?["periodic"]), 26.928 / total, relative: 1e-12))
        let hash = try ServiceFixture.string(locked, "contentHash")
        #expect(hash.count == 64)

        // A lot: 2 min press, 1 min lathe (one source: the locked period, so linear), 2 kg of S45C (no stated u).
        let lot = try await f.lot()
        _ = try await f.useEquipment(lot, press, 2)
        _ = try await f.useEquipment(lot, lathe, 1)
        _ = try await f.useCategory(lot, "steel-s45c", 2)
        let done = try await f.complete(lot, 10)
        let press2 = 2 * total * 1000 * 0.75 / 600
        let lathe1 = total * 1000 * 0.25 / 600
        let co2 = press2 + lathe1 + 0.786
        #expect(close(try ServiceFixture.number(done["co2PerUnit"]), co2 / 10, relative: 1e-12))
        let lotU = (press2 + lathe1) * u / co2
        #expect(close(try ServiceFixture.number(done["uncertainty"]?["u"]), 2 * lotU, relative: 1e-9))
        #expect(close(try ServiceFixture.number(done["uncertainty"]?["unquantifiedShare"]), 0.786 / co2, relative: 1e-9))
        #expect(close(try ServiceFixture.number(done["uncertainty"]?["low"]), co2 / 10 * (1 - 2 * lotU), relative: 1e-9))
        let defaultShare = ((press2 + lathe1) * 30 / total + 0.786) / co2
        #expect(close(try ServiceFixture.number(done["evidenceBreakdown"]?["default"]), defaultShare, relative: 1e-9))
        // The signed statement carries the same band.
        let statement = try ServiceFixture.string(done, "statement")
        let payload = try #require(LotStatement.payload(statement))
        #expect(payload["uncertainty"]?["u"] == done["uncertainty"]?["u"])

        // The period is locked once.
        let again = try await f.refusal(
            .periodLock, JSONObject(["calculation": .object(Self.document()), "allocation": Self.allocation(press, lathe)]))
        #expect(again.code == "period_locked")
    }

    @Test("A restatement (12 t of fuel) re-prices the uses: 62.3136 t, the lot becomes version 2; the diff and the history show it")
    func restatement() async throws {
        let f = try await ServiceFixture()
        let press = try await f.equipment()
        let lathe = try await f.equipment()
        let locked = try await f.call(
            .periodLock, JSONObject(["calculation": .object(Self.document()), "allocation": Self.allocation(press, lathe)]))
        let first = try ServiceFixture.string(locked, "snapshotId")
        let lot = try await f.lot()
        _ = try await f.useEquipment(lot, press, 2)
        _ = try await f.complete(lot, 4)
        let restated = try await f.call(
            .periodRestatement, path: ["snapshotId": first],
            JSONObject(["calculation": .object(Self.document(fuel: 12)), "reason": "a late delivery note: 12 t, not 10"]))
        let second = try ServiceFixture.string(restated, "snapshotId")
        #expect(restated["parentSnapshotId"] == .string(first))
        #expect(restated["version"] == 2)
        let total = 12 * 48 * 56.1 / 1000 + 30
        #expect(close(try ServiceFixture.number(restated["result"]?["total"]?["value"]), total, relative: 1e-12))
        let corrected = try #require(restated["correctedLots"]?.arrayValue)
        #expect(corrected.count == 1)
        #expect(corrected.first?["version"] == 2)
        #expect(close(try ServiceFixture.number(corrected.first?["co2PerUnit"]), 2 * total * 1000 * 0.75 / 600 / 4, relative: 1e-12))
        let view = try await f.call(.lotEnquiry, path: ["lotId": lot])
        #expect(view["version"] == 2)

        let diff = try await f.call(.periodDiff, path: ["snapshotId": second])
        #expect(close(try ServiceFixture.number(diff["total"]?["delta"]), total - 56.928, relative: 1e-9))
        #expect(diff["reason"] == "a late delivery note: 12 t, not 10")
        let boiler = try #require(diff["components"]?.arrayValue?.first { $0["source"] == "boiler" })
        #expect(boiler["changed"] == true)
        #expect(diff["scope2"]?["marketBased"]?["delta"] == 0)
        #expect(close(try ServiceFixture.number(diff["scope1"]?["delta"]), 2 * 48 * 56.1 / 1000, relative: 1e-9))

        let old = try await f.call(.periodSnapshotEnquiry, path: ["snapshotId": first])
        #expect(old["supersededBy"] == .string(second))
        #expect(old["contentHashVerified"] == true)
        #expect(old["history"]?.arrayValue?.count == 2)
        #expect(try await f.refusal(.periodDiff, path: ["snapshotId": first]).code == "no_parent")
        let stale = try await f.refusal(
            .periodRestatement, path: ["snapshotId": first],
            JSONObject(["calculation": .object(Self.document(fuel: 11)), "reason": "another late delivery note"]))
        #expect(stale.code == "snapshot_superseded")
        var elsewhere = Self.document()
        elsewhere["site"] = .string(String(repeating: "0", count: 32))
        let otherSite = try await f.refusal(
            .periodRestatement, path: ["snapshotId": second],
            JSONObject(["calculation": .object(elsewhere), "reason": "the wrong site's numbers"]))
        #expect(otherSite.field == "calculation.site")
        #expect(try await f.refusal(.periodSnapshotEnquiry, as: 1, path: ["snapshotId": first]).status == 404)
    }

    @Test(
        "Readiness: a fuel meter past its calibration is CRITICAL; an override naming it with a justification lets the lock pass and stays")
    func calibrationOverride() async throws {
        let f = try await ServiceFixture()
        let press = try await f.equipment()
        let lathe = try await f.equipment()
        // Due 2026-04-20, before the period ends on 2026-05-01.
        let overdue = Self.document(fuelExtras: JSONObject(["calibrationDueAt": "2026-04-20T00:00:00Z"]))
        let body = JSONObject(["calculation": .object(overdue), "allocation": Self.allocation(press, lathe)])
        let blocked = try await f.refusal(.periodLock, body)
        #expect(blocked.code == "readiness_critical")
        #expect(
            blocked.extensions?["findings"]?.arrayValue?.contains { $0["code"] == "calibration_overdue" && $0["severity"] == "CRITICAL" }
                == true)
        var wrong = body
        wrong["override"] = ["justification": "the meter was checked by hand on site", "codes": ["mc_divergence"]]
        #expect(try await f.refusal(.periodLock, wrong).field == "override.codes[0]")
        var short = body
        short["override"] = ["justification": "ok", "codes": ["calibration_overdue"]]
        #expect(try await f.refusal(.periodLock, short).field == "override.justification")
        var overridden = body
        let why = "meter checked against the supplier's weighbridge tickets on 2026-04-30"
        overridden["override"] = ["justification": .string(why), "codes": ["calibration_overdue"]]
        let locked = try await f.call(.periodLock, overridden)
        #expect(locked["override"]?["justification"] == .string(why))
        #expect(locked["findings"]?.arrayValue?.contains { $0["code"] == "calibration_overdue" } == true)
        // Due after the period's end: no finding.
        let fine = Self.document(fuelExtras: JSONObject(["calibrationDueAt": "2026-06-01T00:00:00Z"]))
        let result = try await f.call(.calculation, fine)
        #expect(result["findings"]?.arrayValue?.contains { $0["code"] == "calibration_overdue" } == false)
    }

    @Test("Readiness: a mass balance that does not close and a source with 40 % substituted data block the lock")
    func blockingFindings() async throws {
        let f = try await ServiceFixture()
        let press = try await f.equipment()
        let lathe = try await f.equipment()
        // More carbon out (10 t × 0.5) than in (10 t × 0.1): the account cannot close.
        let unbalanced: JSONValue = [
            "id": "furnace", "scope": 1, "preferredMethod": "mass-balance",
            "massBalance": [
                "inputs": [["stream": "coke", "mass": ["value": 10, "unit": "t"], "carbonFraction": ["value": 0.1]]],
                "outputs": [["stream": "steel", "mass": ["value": 10, "unit": "t"], "carbonFraction": ["value": 0.5]]],
            ],
        ]
        var body = JSONObject([
            "calculation": .object(Self.document(extraSources: [unbalanced])), "allocation": Self.allocation(press, lathe),
            "override": ["justification": "we will fix the balance next month", "codes": ["mass_balance_not_closed"]],
        ])
        let blocked = try await f.refusal(.periodLock, body)
        #expect(blocked.code == "readiness_critical")
        #expect(blocked.extensions?["overridable"] == false)
        // CEMS covering 60 of 100 hours with a 0.5 threshold: used, 40 % substituted, above the 20 % limit.
        let gappy: JSONValue = [
            "id": "stack", "scope": 1, "preferredMethod": "cems",
            "cems": [
                "coverageThreshold": 0.5, "expectedHours": 100,
                "samples": [["hours": 60, "flow": ["value": 1000, "unit": "Nm3/h"], "concentration": ["value": 0.2, "unit": "kg/Nm3"]]],
            ],
        ]
        body["calculation"] = .object(Self.document(extraSources: [gappy]))
        body["override"] = nil
        let missing = try await f.refusal(.periodLock, body)
        #expect(missing.extensions?["findings"]?.arrayValue?.contains { $0["code"] == "missing_data" && $0["source"] == "stack" } == true)
        body["override"] = ["justification": "the analyser was replaced mid-period", "codes": ["missing_data"]]
        let locked = try await f.call(.periodLock, body)
        #expect(locked["version"] == 1)
    }
}
