import CTNLedger
import CTNModel
import CTNService
import Testing

/// CBAM installations, default values and period reports through the service, figures by hand
/// (relative tolerance 1e-9), defaults from `Dictionaries/cbam-defaults.json`:
///
/// Pig iron (CN 7201 10 11): 1,000 t; 1,800 t-CO2e less 50 t exported heat; 200 MWh at 0.5: SEE 1.75 / 0.1.
/// Hot-rolled coil (CN 7208 51 20): 1,200 t; 240,000 kg-CO2e + 10 t imported heat = 250 t; 600,000 kWh
/// at 500 kg-CO2e/MWh = 300 t; 900 t of the pig iron; 400,000 kg of slab CN 7207 11 90 from India with
/// the supplier's 1.9 / 0.3 but no verification, so India's default 4.32 (direct only) counts:
/// direct 250 + 1,575 + 1,728 = 3,553 → 2.9608333…; indirect 300 + 90 = 390 → 0.325; on defaults
/// 1,728 / 3,553. From Viet Nam (no value of its own) the fallback 4.053: 250 + 1,575 + 1,621.2 = 3,446.2.
@Suite("CBAM room")
struct CBAMRoomTests {
    /// The fixture's `close` at 1e-9, for figures that may be absent (absent is not close).
    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { CTNServiceTests.close($0, b, relative: 1e-9) } ?? false }

    static func installation(_ f: ServiceFixture) async throws -> String {
        try ServiceFixture.string(
            try await f.call(
                .cbamInstallation,
                JSONObject([
                    "name": "Ege Çelik Works", "address": "Aliağa, İzmir", "country": "TR", "unlocode": "TRALA", "latitude": 38.8,
                    "longitude": 26.97,
                ])), "installationId")
    }

    static func report(_ installation: String, country: String = "IN") -> JSONObject {
        JSONObject([
            "installation": .string(installation), "period": ["start": "2026-01-01T00:00:00Z", "end": "2027-01-01T00:00:00Z"],
            "processes": [
                [
                    "id": "pig-iron", "goods": [["cn": "7201 10 11"]], "activityLevel": ["value": 1000, "unit": "t"],
                    "directEmissions": ["value": 1800, "unit": "t-CO2e", "method": "calculation-based"],
                    "heatExported": ["value": 50, "unit": "t-CO2e"], "electricityConsumed": ["value": 200, "unit": "MWh"],
                    "electricityFactor": ["value": 0.5, "unit": "t-CO2e/MWh"],
                ],
                [
                    "id": "hot-rolled", "goods": [["cn": "7208 51 20"]], "activityLevel": ["value": 1_200_000, "unit": "kg"],
                    "directEmissions": ["value": 240_000, "unit": "kg-CO2e"], "heatImported": ["value": 10, "unit": "t-CO2e"],
                    "electricityConsumed": ["value": 600_000, "unit": "kWh"], "electricityFactor": ["value": 500, "unit": "kg-CO2e/MWh"],
                    "precursors": [
                        ["process": "pig-iron", "mass": ["value": 900, "unit": "t"]],
                        [
                            "purchased": ["cn": "7207 11 90", "country": .string(country), "see": ["direct": 1.9, "indirect": 0.3]],
                            "mass": ["value": 400_000, "unit": "kg"],
                        ],
                    ],
                ],
            ],
        ])
    }

    @Test("Default values from the dictionary: China's 7208 with its mark-ups, the fallback for Viet Nam, not a CBAM good, a bad code")
    func defaults() async throws {
        let f = try await ServiceFixture()
        let china = try await f.call(.cbamDefaults, as: nil, path: ["cn": "7208 10 00", "country": "CN"])
        #expect(china["direct"] == 3.187 && china["fallback"] == false && china["indirectCounted"] == false)
        let markups = china["markups"]?.arrayValue ?? []
        #expect(markups.first?["year"] == 2026 && Self.close(markups.first?["total"]?.numberValue, 3.187 * 1.1))
        let vietnam = try await f.call(.cbamDefaults, as: nil, path: ["cn": "72081000", "country": "VN"])
        #expect(
            vietnam["direct"] == 4.049 && vietnam["fallback"] == true && vietnam["note"]?.stringValue?.contains("other countries") == true)
        let urea = try await f.call(.cbamDefaults, as: nil, path: ["cn": "3102 10 19", "country": "IN"])
        #expect(urea["direct"] == 2.05 && urea["indirect"] == 0.17 && urea["indirectCounted"] == true)
        #expect(Self.close(urea["markups"]?.arrayValue?.first?["total"]?.numberValue, 2.22 * 1.01))
        #expect(try await f.refusal(.cbamDefaults, as: nil, path: ["cn": "4407 10", "country": "CN"]).code == "not_found")
        #expect(try await f.refusal(.cbamDefaults, as: nil, path: ["cn": "72", "country": "CN"]).field == "cn")
        #expect(try await f.refusal(.cbamDefaults, as: nil, path: ["cn": "7208", "country": "china"]).field == "country")
    }

    @Test("A report: own pig iron and unverified Indian slab at India's default; Viet Nam's at the fallback; Germany's at zero")
    func report() async throws {
        let f = try await ServiceFixture()
        let installation = try await Self.installation(f)
        let r = try await f.call(.cbamReport, Self.report(installation))
        let goods = r["goods"]?.arrayValue ?? []
        let coil = try #require(goods.first { $0["cn"] == "7208 51 20" })
        #expect(Self.close(coil["see"]?["direct"]?.numberValue, 3553.0 / 1200) && Self.close(coil["see"]?["indirect"]?.numberValue, 0.325))
        #expect(coil["see"]?["countedIs"] == "direct" && Self.close(coil["see"]?["counted"]?.numberValue, 3553.0 / 1200))
        #expect(Self.close(coil["defaultShare"]?.numberValue, 1728.0 / 3553) && coil["tier"] == "default")
        let slab = coil["precursors"]?.arrayValue?.last
        #expect(slab?["source"] == "default" && slab?["see"]?["direct"] == 4.32)
        #expect(slab?["reason"]?.stringValue?.hasPrefix("the supplier's actual values are not verified") == true)
        let pig = try #require(goods.first { $0["cn"] == "7201 10 11" })
        #expect(Self.close(pig["see"]?["direct"]?.numberValue, 1.75) && pig["tier"] == "actual")
        #expect((r["findings"]?.arrayValue ?? []).contains { $0["code"] == "next_tier" && $0["cn"] == "7207 11 90" })
        // Kept as filed, its hash checked.
        let kept = try await f.call(.cbamReportEnquiry, path: ["reportId": try ServiceFixture.string(r, "reportId")])
        #expect(kept["contentHashVerified"] == true && kept["contentHash"] == r["contentHash"] && kept["goods"] == r["goods"])

        let vietnam = try await f.call(.cbamReport, Self.report(installation, country: "VN"))
        let vn = vietnam["goods"]?.arrayValue?.last
        #expect(Self.close(vn?["see"]?["direct"]?.numberValue, 3446.2 / 1200))
        #expect(vn?["precursors"]?.arrayValue?.last?["reason"]?.stringValue?.contains("fallback for countries without one") == true)
        let germany = try await f.call(.cbamReport, Self.report(installation, country: "DE"))
        #expect(Self.close(germany["goods"]?.arrayValue?.last?["see"]?["direct"]?.numberValue, 1825.0 / 1200))
        #expect(germany["goods"]?.arrayValue?.last?["defaultShare"] == 0)
        #expect(try await f.store.verifyLedger(nodeId: f.keys.nodeId, publicKey: f.keys.signingKey.publicKey).ok)
    }

    @Test("Bad reports are refused naming the field, and write nothing; a withdrawn installation's names are gone")
    func refusals() async throws {
        let f = try await ServiceFixture()
        let installation = try await Self.installation(f)
        func with(_ edit: (inout [JSONValue]) -> Void) -> JSONObject {
            var body = Self.report(installation)
            var processes = body["processes"]?.arrayValue ?? []
            edit(&processes)
            body["processes"] = .array(processes)
            return body
        }
        func set(_ p: inout [JSONValue], _ i: Int, _ key: String, _ value: JSONValue?) {
            guard case .object(var o) = p[i] else { return }
            o[key] = value
            p[i] = .object(o)
        }
        let cases: [(JSONObject, String, String)] = [
            (
                with { set(&$0, 0, "precursors", [["process": "hot-rolled", "mass": ["value": 1, "unit": "t"]]]) }, "precursor_cycle",
                "processes[0]"
            ),
            (
                with { set(&$0, 1, "precursors", [["process": "coke", "mass": ["value": 1, "unit": "t"]]]) }, "unknown_process",
                "processes[1].precursors[0]"
            ),
            (with { set(&$0, 0, "activityLevel", ["value": 5, "unit": "MWh"]) }, "incompatible_unit", "processes[0].activityLevel.unit"),
            (
                with { set(&$0, 0, "electricityFactor", ["value": 0.5, "unit": "kg-CO2e/min"]) }, "incompatible_unit",
                "processes[0].electricityFactor.unit"
            ),
            (with { set(&$0, 0, "goods", [["cn": "4407 10"]]) }, "not_a_cbam_good", "processes[0]"),
            (with { set(&$0, 0, "directEmissions", nil) }, "invalid_value", "processes[0].directEmissions"),
            (with { set(&$0, 1, "id", "pig-iron") }, "invalid_value", "processes[1].id"),
            (
                with {
                    set(&$0, 1, "calculationId", .string(String(repeating: "cd", count: 16)))
                    set(&$0, 1, "directEmissions", nil)
                }, "not_found", "processes[1].calculationId"
            ),
        ]
        for (body, code, field) in cases {
            let p = try await f.refusal(.cbamReport, body)
            #expect((p.code, p.field) == (code, field), "\(p.detail)")
        }
        var other = Self.report(installation)
        other["installation"] = .string(String(repeating: "ef", count: 16))
        #expect(try await f.refusal(.cbamReport, other).field == "installation")
        #expect(try await f.refusal(.cbamReport, as: 1, Self.report(installation)).code == "not_found")
        // Withdrawn: the names go, the event stays; the installation takes no more reports.
        _ = try await f.call(.cbamInstallationWithdrawal, path: ["installationId": installation])
        #expect(try await f.call(.cbamInstallationEnquiry)["installations"]?.arrayValue?.isEmpty == true)
        #expect(try await f.refusal(.cbamReport, Self.report(installation)).code == "not_found")
        let events = try await f.store.ledgerEvents(after: 0, limit: 100)
        #expect(!events.contains { $0.payload.contains("Ege") } && events.contains { $0.event == "cbam.installation-withdrawn" })
        #expect(try await f.store.verifyLedger(nodeId: f.keys.nodeId, publicKey: f.keys.signingKey.publicKey).ok)
    }
}
