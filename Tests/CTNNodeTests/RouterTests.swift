import CTNModel
import Foundation
import Testing

/// The happy path of every contract through the router: the middleware authenticates, the
/// controller validates and answers with the status its definition names.
@Suite("Router")
struct RouterTests {
    static let definitions: [String: ContractDefinition] = Dictionary(
        uniqueKeysWithValues: ((try? ContractDefinition.loadAll(folder: NodeHarness.root.appendingPathComponent("Contracts"))) ?? []).map {
            ($0.id, $0)
        })

    /// The status the definition of `contract` promises for success.
    static func status(_ contract: String) -> Int { definitions[contract]?.responseStatus ?? -1 }

    @Test("Equipment, lots, uses, completion, shipment and the enquiries answer with their definitions' statuses")
    func lotLifecycle() async throws {
        let h = try await NodeHarness()
        try await h.run { client in
            let equipment = try await client.call(.post, "/v1/equipment", ["activityUnit": "min"])
            #expect(equipment.status == Self.status("equipment-registration"))
            let eq = client.id(equipment, "equipmentId")
            let intensity = try await client.call(.put, "/v1/equipment/\(eq)/intensity", ["intensity": 0.251, "unit": "kg-CO2e/min"])
            #expect(intensity.status == Self.status("equipment-intensity-registration"))
            #expect(try await client.call(.get, "/v1/equipment").status == Self.status("equipment-enquiry"))
            let lot = try await client.call(.post, "/v1/lots", ["declaredUnit": "piece"])
            #expect(lot.status == Self.status("lot-registration"))
            let id = client.id(lot, "lotId")
            let material = try await client.call(
                .post, "/v1/lots/\(id)/material-uses", ["category": "steel-s45c", "quantity": 2, "unit": "kg"])
            #expect(material.status == Self.status("material-use"))
            let use = try await client.call(
                .post, "/v1/lots/\(id)/equipment-uses", ["equipmentId": .string(eq), "activity": 60, "unit": "min"])
            #expect(use.status == Self.status("equipment-use"))
            let done = try await client.call(.post, "/v1/lots/\(id)/completion", ["completed": 10, "defects": 2])
            #expect(done.status == Self.status("lot-completed"))
            let perUnit = try #require(done["co2PerUnit"]?.numberValue)
            #expect(abs(perUnit - (0.786 + 15.06) / 8) <= 1e-12 * perUnit, "(2 × 0.393 + 60 × 0.251) / 8, relative 1e-12")
            let shipped = try await client.call(
                .post, "/v1/lots/\(id)/shipments", ["consignee": .string(client.tenants[1].businessId), "quantity": 3])
            #expect(shipped.status == Self.status("lot-shipment"))
            let corrected = try await client.call(.post, "/v1/lots/\(id)/corrections", ["reason": "recount", "completed": 11])
            #expect(corrected.status == Self.status("lot-correction"))
            #expect(corrected["version"] == 2)
            #expect(try await client.call(.get, "/v1/lots/\(id)", as: nil).status == Self.status("lot-enquiry"))
            #expect(try await client.call(.get, "/v1/lots/\(id)/material-uses", as: 1).status == Self.status("material-use-enquiry"))
            #expect(try await client.call(.get, "/v1/lots/\(id)/equipment-uses", as: 1).status == Self.status("facility-usage-enquiry"))
            let usage = try await client.call(.get, "/v1/usage")
            #expect(usage.status == Self.status("usage-log-enquiry"))
            #expect(usage["usage"]?.arrayValue?.count == 2, "the consignee's two reads")
            let trace = try await client.call(.get, "/v1/lots/\(id)/trace")
            #expect(trace.status == 200)
            #expect(trace["complete"] == true)
        }
    }

    @Test("Agreements, contributions, statistics, held data and receipts answer through the router")
    func otherContracts() async throws {
        let h = try await NodeHarness()
        try await h.run { client in
            let lot = client.id(try await client.call(.post, "/v1/lots", ["declaredUnit": "kg"]), "lotId")
            _ = try await client.call(.post, "/v1/lots/\(lot)/material-uses", ["category": "steel-s45c", "quantity": 2, "unit": "kg"])
            _ = try await client.call(.post, "/v1/lots/\(lot)/completion", ["completed": 2])
            let grant = try await client.call(
                .post, "/v1/agreements",
                [
                    "grantee": .string(client.tenants[2].businessId), "contracts": ["material-use-enquiry"], "scope": "all",
                    "purpose": "audit",
                ])
            #expect(grant.status == Self.status("agreement-grant"))
            #expect(try await client.call(.get, "/v1/agreements").status == Self.status("agreement-enquiry"))
            let revoked = try await client.call(.delete, "/v1/agreements/\(client.id(grant, "agreementId"))")
            #expect(revoked.status == Self.status("agreement-revocation"))
            let contribution = try await client.call(.post, "/v1/lots/\(lot)/contribution", ["category": "steel-s45c"])
            #expect(contribution.status == Self.status("category-contribution"))
            let stats = try await client.call(.get, "/v1/statistics/steel-s45c", as: nil)
            #expect(stats.status == Self.status("category-statistics"))
            #expect(stats["available"] == false)
            let network = try await client.call(.get, "/v1/statistics/steel-s45c/network")
            #expect(network.status == 200)
            #expect(network["nodes"]?.arrayValue?.count == 1, "no peers: this node only")
            #expect(try await client.call(.get, "/v1/held").status == Self.status("held-data-enquiry"))
            #expect(try await client.call(.get, "/v1/deletion-requests").status == Self.status("deletion-receipt-enquiry"))
            let certified = try await client.call(.post, "/v1/certifications", ["lotId": .string(lot)])
            #expect(certified.status == Self.status("certification"))
            let attached = try await client.call(.post, "/v1/lots/\(lot)/certificates", ["certificate": certified["certificate"] ?? .null])
            #expect(attached.status == Self.status("certificate-attachment"))
        }
    }

    @Test("Node information: health, ledger head, contracts, OpenAPI and dictionaries")
    func nodeInfo() async throws {
        let h = try await NodeHarness()
        try await h.run { client in
            let health = try await client.call(.get, "/healthz", as: nil)
            #expect(health["nodeId"] == "test-node")
            let head = try await client.call(.get, "/v1/ledger/head", as: nil)
            #expect(head["seq"] == 0)
            let contracts = try await client.call(.get, "/v1/contracts", as: nil)
            #expect(contracts["contracts"]?.arrayValue?.count == Self.definitions.count)
            let openAPI = try await client.call(.get, "/openapi.json", as: nil)
            #expect(openAPI["openapi"]?.stringValue?.hasPrefix("3.") == true)
            let dictionaries = try await client.call(.get, "/v1/dictionaries", as: nil)
            #expect(dictionaries["dictionaries"]?.arrayValue?.isEmpty == false)
        }
    }

    @Test("A request with a signature no peer made is refused before any handler runs")
    func forgedSignature() async throws {
        let h = try await NodeHarness()
        try await h.run { client in
            let lot = client.id(try await client.call(.post, "/v1/lots", ["declaredUnit": "piece"]), "lotId")
            let forged = try await client.call(
                .get, "/v1/lots/\(lot)", as: nil, headers: ["Signature-Input": "sig=(\"@method\")", "Signature": "sig=:AAAA:"])
            #expect(forged.status == 401)
            #expect(forged.code == "bad_signature")
            let method = try await client.call(.patch, "/v1/lots", as: 0)
            #expect(method.status == 405 && method.code == "method_not_allowed" && method.allow == "POST", "\(method.json)")
            let completion = try await client.call(.get, "/v1/lots/\(lot)/completion")
            #expect(completion.status == 405 && completion.allow == "POST")
            let lots = try await client.call(.delete, "/v1/lots/\(lot)")
            #expect(lots.status == 405 && lots.allow == "GET", "Lot Enquiry is the only method of /v1/lots/{lotId}")
            #expect(try await client.call(.get, "/v1/lots/\(lot)/nothing").status == 404)
        }
    }
}
