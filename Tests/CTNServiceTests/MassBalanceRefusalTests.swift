import CTNLedger
import CTNModel
import CTNService
import Testing

/// Every mass-balance event refuses bad input with a problem its definition lists, naming the
/// field, and writes nothing (the fixture's `refusal` checks the ledger head did not move).
@Suite("Mass balance refusals")
struct MassBalanceRefusalTests {
    static func world() async throws -> (ServiceFixture, String) {
        let f = try await ServiceFixture()
        _ = try await f.receive("PAN", "certified", 120)
        _ = try await f.receive("PAN", "conventional", 380)
        return (f, try ServiceFixture.string(try await f.batch(certified: 60, conventional: 140, fibre: 100, day: 5), "batchId"))
    }

    @Test("Receipts: a certified one without scheme or SD number, a conventional one with a scheme, a volume, an expiry before the receipt")
    func receipts() async throws {
        let (f, _) = try await Self.world()
        let base = JSONObject([
            "material": "PAN", "pool": "certified", "mass": ServiceFixture.t(1), "scheme": "ISCC PLUS", "supplierDeclaration": "SD-1",
        ])
        func without(_ key: String) -> JSONObject {
            var b = base
            b[key] = nil
            return b
        }
        func with(_ key: String, _ value: JSONValue) -> JSONObject {
            var b = base
            b[key] = value
            return b
        }
        let cases: [(JSONObject, String, String)] = [
            (without("scheme"), "invalid_value", "scheme"),
            (without("supplierDeclaration"), "invalid_value", "supplierDeclaration"),
            (with("pool", "conventional"), "invalid_value", "scheme"),
            (with("mass", ["value": 5, "unit": "m3"]), "incompatible_unit", "mass.unit"),
            (with("mass", ["value": 0.0001, "unit": "g"]), "invalid_value", "mass.value"),
            (with("material", "PAN/2"), "invalid_value", "material"),
            (with("expiresAt", "2020-01-01T00:00:00Z"), "invalid_value", "expiresAt"),
            (with("time", "2027-01-01T00:00:00Z"), "invalid_value", "time"),
        ]
        // A pool holds at most 9 × 10⁹ t (9 × 10¹⁵ g): sums of its movements can never overflow.
        _ = try await f.call(.massBalanceReceipt, JSONObject(["material": "ORE", "pool": "conventional", "mass": ServiceFixture.t(9e9)]))
        let full = try await f.refusal(
            .massBalanceReceipt, JSONObject(["material": "ORE", "pool": "conventional", "mass": ServiceFixture.t(1)]))
        #expect((full.code, full.field) == ("invalid_value", "mass"))
        for (body, code, field) in cases {
            let p = try await f.refusal(.massBalanceReceipt, body)
            #expect(p.code == code, "\(CanonicalJSON.encode(.object(body)))")
            #expect(p.field == field, "\(CanonicalJSON.encode(.object(body)))")
        }
        #expect(try await f.store.verifyLedger(nodeId: f.keys.nodeId, publicKey: f.keys.signingKey.publicKey).ok)
    }

    @Test("Batches, corrections, attestations, utilities, dispatches: bad input named, nothing written")
    func events() async throws {
        let (f, batch) = try await Self.world()
        let customer = f.tenants[1].businessId
        let unknown = String(repeating: "ab", count: 16)
        let outputs: JSONValue = [["material": "CF", "mass": ServiceFixture.t(1)]]
        let batchCases: [(JSONObject, String, String)] = [
            (
                JSONObject([
                    "inputs": [ServiceFixture.line("PAN", "certified", 1, scheme: nil)], "outputs": outputs, "conversionFactor": 0.5,
                    "tolerance": 0.02,
                ]), "invalid_value", "inputs[0].scheme"
            ),
            (
                JSONObject([
                    "inputs": [ServiceFixture.line("PAN", "conventional", 1000)], "outputs": outputs, "conversionFactor": 0.5,
                    "tolerance": 0.02,
                ]), "insufficient_balance", "inputs[0].mass"
            ),
            (
                JSONObject([
                    "inputs": [ServiceFixture.line("PAN", "conventional", 1)], "outputs": outputs, "conversionFactor": 0.5,
                    "tolerance": 0.02,
                    "window": ["start": "2026-05-02T00:00:00Z", "end": "2026-05-01T00:00:00Z"],
                ]), "invalid_value", "window.end"
            ),
        ]
        for (body, code, field) in batchCases {
            let p = try await f.refusal(.massBalanceBatch, body)
            #expect((p.code, p.field) == (code, field), "\(p.detail)")
        }
        // A correction that takes more than the pool holds, of a batch that is not there, or moves nothing.
        var p = try await f.refusal(
            .massBalanceCorrection, path: ["batchId": batch],
            JSONObject(["reason": "r", "adjustments": [ServiceFixture.line("CF", "conventional", -71)]]))
        #expect((p.code, p.field) == ("insufficient_balance", "adjustments[0].mass"))
        p = try await f.refusal(.massBalanceCorrection, path: ["batchId": unknown], JSONObject(["reason": "r"]))
        #expect((p.code, p.field) == ("not_found", "batchId"))
        p = try await f.refusal(
            .massBalanceCorrection, path: ["batchId": batch],
            JSONObject(["reason": "r", "adjustments": [ServiceFixture.line("CF", "conventional", 0)]]))
        #expect((p.code, p.field) == ("invalid_value", "adjustments[0].mass.value"))
        // Another tenant's batch is as good as absent.
        p = try await f.refusal(.massBalanceCorrection, as: 1, path: ["batchId": batch], JSONObject(["reason": "r"]))
        #expect(p.code == "not_found")
        // An attestation measuring a material the batch neither takes nor makes.
        p = try await f.refusal(
            .massBalanceAttestation, path: ["batchId": batch],
            JSONObject([
                "level": "scada", "window": ServiceFixture.window(5), "sourceTime": .string(Timestamp.format(millis: ServiceFixture.now)),
                "measured": [["material": "WATER", "mass": ServiceFixture.t(1)]],
            ]))
        #expect((p.code, p.field) == ("invalid_value", "measured[0].material"))
        // Utilities: a batch twice, an unknown batch, time-weighted over a batch without a window.
        let utility = JSONObject([
            "energyType": "electricity", "quantity": ["value": 100, "unit": "kWh"], "window": ServiceFixture.window(5),
        ])
        var u = utility
        u["batchIds"] = [.string(batch), .string(batch)]
        #expect(try await f.refusal(.massBalanceUtility, u).field == "batchIds[1]")
        u["batchIds"] = [.string(unknown)]
        #expect(try await f.refusal(.massBalanceUtility, u).code == "not_found")
        u = utility
        u["energyType"] = "moonlight"
        #expect(try await f.refusal(.massBalanceUtility, u).code == "unknown_energy_type")
        // Dispatches: more certified than dispatched, a claim without batches, to oneself, more than the pools hold.
        let cases: [(JSONObject, String, String)] = [
            (f.dispatchBody(10, certified: 20, on: [batch], to: customer), "invalid_value", "certifiedMass"),
            (f.dispatchBody(10, certified: 5, on: [], to: customer), "invalid_value", "batchIds"),
            (f.dispatchBody(10, certified: 5, on: [batch], to: f.tenants[0].businessId), "invalid_value", "consignee"),
            (f.dispatchBody(10, certified: 5, on: [unknown], to: customer), "not_found", "batchIds[0]"),
            (f.dispatchBody(500, certified: 0, on: [], to: customer), "insufficient_balance", "mass"),
            (f.dispatchBody(40, certified: 31, on: [batch], to: customer), "insufficient_certified_balance", "certifiedMass"),
        ]
        for (body, code, field) in cases {
            let p = try await f.refusal(.massBalanceDispatch, body)
            #expect((p.code, p.field) == (code, field), "\(p.detail)")
        }
        // A dispatch before the batch made the fibre: the pool held nothing yet.
        let early = try await f.refusal(.massBalanceDispatch, f.dispatchBody(10, certified: 5, on: [batch], to: customer, day: 4))
        #expect(early.code == "insufficient_certified_balance", "\(early.detail)")
        #expect(try await f.store.verifyLedger(nodeId: f.keys.nodeId, publicKey: f.keys.signingKey.publicKey).ok)
    }
}
