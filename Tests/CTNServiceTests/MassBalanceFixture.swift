import CTNModel
import CTNService
import Testing

/// Building blocks of the mass-balance tests: masses in tonnes, pools and batches as the
/// contracts take them, and balances read back in tonnes.
extension ServiceFixture {
    static func t(_ value: Double) -> JSONValue { ["value": .number(value), "unit": "t"] }

    static func line(_ material: String, _ pool: String, _ tonnes: Double, scheme: String? = "ISCC PLUS") -> JSONValue {
        var o = JSONObject(["material": .string(material), "pool": .string(pool), "mass": t(tonnes)])
        if pool == "certified", let scheme {
            o["scheme"] = .string(scheme)
            o["claim"] = "bio-attributed"
        }
        return .object(o)
    }

    static func window(_ day: Int) -> JSONValue {
        let d = day < 10 ? "0\(day)" : "\(day)"
        return ["start": .string("2026-05-\(d)T00:00:00Z"), "end": .string("2026-05-\(d)T12:00:00Z")]
    }

    func receive(_ material: String, _ pool: String, _ tonnes: Double, day: Int = 2, as tenant: Int = 0) async throws -> JSONValue {
        var body = JSONObject([
            "material": .string(material), "pool": .string(pool), "mass": Self.t(tonnes), "time": .string("2026-05-0\(day)T08:00:00Z"),
        ])
        if pool == "certified" {
            body["scheme"] = "ISCC PLUS"
            body["claim"] = "bio-attributed"
            body["supplierDeclaration"] = "SD-2026-0412"
        }
        return try await call(.massBalanceReceipt, as: tenant, body)
    }

    /// A PAN-to-fibre batch at factor 0.5 and 2 % tolerance on day `day` of May 2026.
    func batch(certified: Double, conventional: Double, fibre: Double, losses: Double? = nil, day: Int) async throws -> JSONValue {
        var body = JSONObject([
            "inputs": [Self.line("PAN", "certified", certified), Self.line("PAN", "conventional", conventional)],
            "outputs": [["material": "CF", "mass": Self.t(fibre)]], "conversionFactor": 0.5, "tolerance": 0.02, "window": Self.window(day),
        ])
        if let losses { body["losses"] = Self.t(losses) }
        return try await call(.massBalanceBatch, body)
    }

    func dispatch(_ tonnes: Double, certified: Double, on batches: [String], to consignee: String, day: Int = 20) async throws -> JSONValue
    {
        try await call(.massBalanceDispatch, dispatchBody(tonnes, certified: certified, on: batches, to: consignee, day: day))
    }

    func dispatchBody(_ tonnes: Double, certified: Double, on batches: [String], to consignee: String, day: Int = 20) -> JSONObject {
        JSONObject([
            "material": "CF", "mass": Self.t(tonnes), "certifiedMass": Self.t(certified), "batchIds": .array(batches.map { .string($0) }),
            "consignee": .string(consignee), "time": .string("2026-05-\(day < 10 ? "0" : "")\(day)T10:00:00Z"),
        ])
    }

    /// Tonnes in each pool at `at`, keyed `material/pool`, and the claimable tonnes of the certified ones.
    func balances(at: String, as tenant: Int = 0) async throws -> (booked: [String: Double], claimable: [String: Double]) {
        let answer = try await call(.massBalanceBalances, as: tenant, path: ["at": at])
        var booked: [String: Double] = [:]
        var claimable: [String: Double] = [:]
        for b in answer["balances"]?.arrayValue ?? [] {
            let key = "\(b["material"]?.stringValue ?? "")/\(b["pool"]?.stringValue ?? "")"
            booked[key, default: 0] += (b["mass"]?["value"]?.numberValue ?? .nan) / 1000
            claimable[key, default: 0] += (b["claimable"]?["value"]?.numberValue ?? .nan) / 1000
        }
        return (booked, claimable)
    }
}
