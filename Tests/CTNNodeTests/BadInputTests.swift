import CTNModel
import Foundation
import Testing

/// Every kind of bad input answers 4xx with an RFC 9457 problem whose `code` and `field` are
/// stable, and changes nothing: the ledger head and the lot's state are the same afterwards.
@Suite("Bad input")
struct BadInputTests {
    /// The state a refused call must not touch: ledger head and the lot as its owner sees it.
    static func state(_ c: NodeHarness.Client, lot: String) async throws -> String {
        let head = try await c.call(.get, "/v1/ledger/head", as: nil)
        let l = try await c.call(.get, "/v1/lots/\(lot)")
        let m = try await c.call(.get, "/v1/lots/\(lot)/material-uses")
        return CanonicalJSON.encode([head["seq"] ?? .null, head["hash"] ?? .null, l.json, m.json])
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var method: String
        var path: String  // {open}, {done}, {eq} are replaced
        var body: String
        var status: Int
        var code: String
        var field: String?
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "malformed JSON", method: "POST", path: "/v1/lots/{open}/material-uses", body: #"{"category":"resin-abs","quantity":1,"#,
            status: 400, code: "malformed_json"),
        Case(name: "not an object", method: "POST", path: "/v1/lots", body: #"["piece"]"#, status: 400, code: "wrong_type", field: "body"),
        Case(
            name: "duplicate key", method: "POST", path: "/v1/lots", body: #"{"declaredUnit":"piece","declaredUnit":"kg"}"#, status: 400,
            code: "malformed_json"),
        Case(
            name: "unknown field", method: "POST", path: "/v1/lots/{open}/material-uses",
            body: #"{"category":"resin-abs","quantity":1,"unit":"kg","name":"ABS from ACME"}"#, status: 400, code: "unknown_field",
            field: "name"),
        Case(
            name: "missing parameter", method: "POST", path: "/v1/lots/{open}/equipment-uses",
            body: #"{"equipmentId":"{eq}","unit":"min"}"#, status: 400, code: "missing_field", field: "activity"),
        Case(
            name: "neither material lot nor category", method: "POST", path: "/v1/lots/{open}/material-uses",
            body: #"{"quantity":1,"unit":"kg"}"#, status: 400, code: "missing_field", field: "materialLotId"),
        Case(
            name: "both material lot and category", method: "POST", path: "/v1/lots/{open}/material-uses",
            body: #"{"materialLotId":"{done}","category":"resin-abs","quantity":1,"unit":"kg"}"#, status: 400, code: "conflicting_fields",
            field: "category"),
        Case(
            name: "wrong type", method: "POST", path: "/v1/lots/{open}/equipment-uses",
            body: #"{"equipmentId":"{eq}","activity":"5","unit":"min"}"#, status: 400, code: "wrong_type", field: "activity"),
        Case(
            name: "negative number", method: "POST", path: "/v1/lots/{open}/material-uses",
            body: #"{"category":"resin-abs","quantity":-1,"unit":"kg"}"#, status: 422, code: "invalid_value", field: "quantity"),
        Case(
            name: "zero activity", method: "POST", path: "/v1/lots/{open}/equipment-uses",
            body: #"{"equipmentId":"{eq}","activity":0,"unit":"min"}"#, status: 422, code: "invalid_value", field: "activity"),
        Case(
            name: "non-finite number", method: "POST", path: "/v1/lots/{open}/material-uses",
            body: #"{"category":"resin-abs","quantity":1e999,"unit":"kg"}"#, status: 400, code: "malformed_json"),
        Case(
            name: "negative intensity", method: "PUT", path: "/v1/equipment/{eq}/intensity",
            body: #"{"intensity":-0.2,"unit":"kg-CO2e/min"}"#, status: 422, code: "invalid_value", field: "intensity"),
        Case(
            name: "unknown unit", method: "POST", path: "/v1/lots/{open}/material-uses",
            body: #"{"category":"resin-abs","quantity":1,"unit":"stone"}"#, status: 422, code: "unknown_unit", field: "unit"),
        Case(
            name: "unit of the wrong dimension", method: "POST", path: "/v1/lots/{open}/material-uses",
            body: #"{"category":"resin-abs","quantity":1,"unit":"min"}"#, status: 422, code: "incompatible_unit", field: "unit"),
        Case(
            name: "intensity unit not per activity", method: "PUT", path: "/v1/equipment/{eq}/intensity",
            body: #"{"intensity":1,"unit":"kg-CO2e/kg"}"#, status: 422, code: "incompatible_unit", field: "unit"),
        Case(
            name: "unknown category", method: "POST", path: "/v1/lots/{open}/material-uses",
            body: #"{"category":"unobtainium","quantity":1,"unit":"kg"}"#, status: 422, code: "unknown_category", field: "category"),
        Case(
            name: "malformed ID", method: "POST", path: "/v1/lots/{open}/equipment-uses",
            body: #"{"equipmentId":"furnace-1","activity":1,"unit":"min"}"#, status: 422, code: "invalid_value", field: "equipmentId"),
        Case(
            name: "unknown lot", method: "POST", path: "/v1/lots/00000000000000000000000000000000/material-uses",
            body: #"{"category":"resin-abs","quantity":1,"unit":"kg"}"#, status: 404, code: "not_found", field: "lotId"),
        Case(
            name: "unknown equipment", method: "POST", path: "/v1/lots/{open}/equipment-uses",
            body: #"{"equipmentId":"00000000000000000000000000000000","activity":1,"unit":"min"}"#, status: 404, code: "not_found",
            field: "equipmentId"),
        Case(
            name: "unknown material lot", method: "POST", path: "/v1/lots/{open}/material-uses",
            body: #"{"materialLotId":"00000000000000000000000000000000","quantity":1,"unit":"piece"}"#, status: 404, code: "not_found",
            field: "materialLotId"),
        Case(
            name: "use of a completed lot", method: "POST", path: "/v1/lots/{done}/material-uses",
            body: #"{"category":"resin-abs","quantity":1,"unit":"kg"}"#, status: 409, code: "lot_completed", field: "lotId"),
        Case(
            name: "completing a completed lot", method: "POST", path: "/v1/lots/{done}/completion", body: #"{"completed":1}"#, status: 409,
            code: "lot_completed", field: "lotId"),
        Case(
            name: "shipping more than was completed", method: "POST", path: "/v1/lots/{done}/shipments",
            body: #"{"consignee":"22222222222222222222222222222222","quantity":9}"#, status: 409, code: "quantity_exceeds_available",
            field: "quantity"),
        Case(
            name: "shipping an open lot", method: "POST", path: "/v1/lots/{open}/shipments",
            body: #"{"consignee":"22222222222222222222222222222222","quantity":1}"#, status: 409, code: "lot_not_completed", field: "lotId"),
        Case(
            name: "more defects than completed", method: "POST", path: "/v1/lots/{open}/completion", body: #"{"completed":3,"defects":4}"#,
            status: 422, code: "defects_exceed_completed", field: "defects"),
        Case(
            name: "using more of a material lot than is left", method: "POST", path: "/v1/lots/{open}/material-uses",
            body: #"{"materialLotId":"{done}","quantity":9,"unit":"piece"}"#, status: 409, code: "quantity_exceeds_available",
            field: "quantity"),
        Case(
            name: "source time in the future", method: "POST", path: "/v1/lots/{open}/material-uses",
            body: #"{"category":"resin-abs","quantity":1,"unit":"kg","time":"2999-01-01T00:00:00Z"}"#, status: 422, code: "invalid_value",
            field: "time"),
        Case(
            name: "body over the size limit", method: "POST", path: "/v1/lots/{open}/material-uses",
            body: "{\"category\":\"" + String(repeating: "x", count: 70_000) + "\"}", status: 413, code: "body_too_large"),
        Case(
            name: "null material lot (issue 10: took the node down)", method: "POST", path: "/v1/lots/{open}/material-uses",
            body: #"{"materialLotId":null,"quantity":1,"unit":"kg"}"#, status: 400, code: "wrong_type", field: "materialLotId"),
        Case(
            name: "null category", method: "POST", path: "/v1/lots/{open}/material-uses",
            body: #"{"category":null,"quantity":1,"unit":"kg"}"#, status: 400, code: "wrong_type", field: "category"),
        Case(
            name: "null time on completion", method: "POST", path: "/v1/lots/{open}/completion", body: #"{"completed":1,"time":null}"#,
            status: 400, code: "wrong_type", field: "time"),
        Case(
            name: "subnormal completed units", method: "POST", path: "/v1/lots/{open}/completion", body: #"{"completed":5e-324}"#,
            status: 422, code: "invalid_value", field: "completed"),
        Case(
            name: "a quantity over the bound of the definition", method: "POST", path: "/v1/lots/{open}/material-uses",
            body: #"{"category":"resin-abs","quantity":1e13,"unit":"kg"}"#, status: 422, code: "invalid_value", field: "quantity"),
        Case(
            name: "correction with nothing to correct", method: "POST", path: "/v1/lots/{done}/corrections", body: #"{"reason":"typo"}"#,
            status: 422, code: "missing_field", field: "completed"),
        Case(
            name: "correction without a reason", method: "POST", path: "/v1/lots/{done}/corrections", body: #"{"defects":0}"#, status: 400,
            code: "missing_field", field: "reason"),
        Case(
            name: "correcting an open lot", method: "POST", path: "/v1/lots/{open}/corrections", body: #"{"reason":"x","defects":0}"#,
            status: 409, code: "lot_not_completed", field: "lotId"),
        Case(
            name: "correction below what was used", method: "POST", path: "/v1/lots/{done}/corrections",
            body: #"{"reason":"x","defects":5}"#, status: 409, code: "quantity_exceeds_available", field: "defects"),
        Case(
            name: "material lot on an unknown node", method: "POST", path: "/v1/lots/{open}/material-uses",
            body: #"{"materialLotId":"{done}","node":"ghost","quantity":1,"unit":"piece"}"#, status: 422, code: "unknown_node",
            field: "node"),
        Case(
            name: "malformed node ID", method: "POST", path: "/v1/lots/{open}/material-uses",
            body: #"{"materialLotId":"{done}","node":"Steel Works","quantity":1,"unit":"piece"}"#, status: 422, code: "invalid_value",
            field: "node"),
        Case(
            name: "agreement with an unknown scope", method: "POST", path: "/v1/agreements",
            body:
                #"{"grantee":"22222222222222222222222222222222","contracts":["material-use-enquiry"],"scope":"everything","purpose":"audit"}"#,
            status: 422, code: "invalid_value", field: "scope"),
        Case(
            name: "agreement opening a contract that is not an enquiry", method: "POST", path: "/v1/agreements",
            body: #"{"grantee":"22222222222222222222222222222222","contracts":["lot-shipment"],"scope":"all","purpose":"audit"}"#,
            status: 422, code: "invalid_value", field: "contracts[0]"),
        Case(
            name: "agreement for one lot without the lot", method: "POST", path: "/v1/agreements",
            body: #"{"grantee":"22222222222222222222222222222222","contracts":["material-use-enquiry"],"scope":"lot","purpose":"audit"}"#,
            status: 400, code: "missing_field", field: "lotId"),
        Case(
            name: "agreement that has already expired", method: "POST", path: "/v1/agreements",
            body:
                #"{"grantee":"22222222222222222222222222222222","contracts":["material-use-enquiry"],"scope":"all","purpose":"audit","expiresAt":"2001-01-01T00:00:00Z"}"#,
            status: 422, code: "invalid_value", field: "expiresAt"),
        Case(
            name: "energy report without emission factor for its period", method: "POST", path: "/v1/energy-reports",
            body:
                #"{"periodStart":"2030-01-01T00:00:00Z","periodEnd":"2030-01-02T00:00:00Z","energy":[{"type":"electricity","consumption":1,"unit":"kWh"}],"equipment":[{"equipmentId":"{eq}","operatingTime":1,"unit":"h","performance":[{"type":"electricity","value":1,"unit":"kW"}]}]}"#,
            status: 422, code: "no_emission_factor", field: "energy[0].emissionFactor"),
        Case(
            name: "energy report naming foreign or unknown equipment", method: "POST", path: "/v1/energy-reports",
            body:
                #"{"periodStart":"2021-10-01T00:00:00Z","periodEnd":"2021-10-02T00:00:00Z","energy":[{"type":"electricity","consumption":1,"unit":"kWh"}],"equipment":[{"equipmentId":"{eq}","operatingTime":1,"unit":"h","performance":[{"type":"electricity","value":1,"unit":"kW"}]},{"equipmentId":"00000000000000000000000000000000","operatingTime":1,"unit":"h","performance":[{"type":"electricity","value":1,"unit":"kW"}]}]}"#,
            status: 404, code: "not_found", field: "equipment[1].equipmentId"),
        // PostgreSQL cannot keep a NUL in a text: it is refused before anything reads it, on every store.
        Case(
            name: "NUL in the path", method: "POST", path: "/v1/lots/{open}%00/material-uses",
            body: #"{"category":"resin-abs","quantity":1,"unit":"kg"}"#, status: 422, code: "invalid_value", field: "path"),
        Case(
            name: "NUL in a query parameter", method: "POST", path: "/v1/lots/{open}/material-uses?node=a%00b",
            body: #"{"category":"resin-abs","quantity":1,"unit":"kg"}"#, status: 422, code: "invalid_value", field: "node"),
    ]

    @Test("Refused with a precise problem, and nothing changed", arguments: cases)
    func refused(_ c: Case) async throws {
        let h = try await NodeHarness()
        try await h.run { client in
            // A completed lot of 5 pieces and an open lot, with equipment.
            let eq = client.id(try await client.call(.post, "/v1/equipment", ["activityUnit": "min"]), "equipmentId")
            _ = try await client.call(.put, "/v1/equipment/\(eq)/intensity", ["intensity": 0.25, "unit": "kg-CO2e/min"])
            let done = client.id(try await client.call(.post, "/v1/lots", ["declaredUnit": "piece"]), "lotId")
            _ = try await client.call(
                .post, "/v1/lots/\(done)/equipment-uses", ["equipmentId": .string(eq), "activity": 10, "unit": "min"])
            let completed = try await client.call(.post, "/v1/lots/\(done)/completion", ["completed": 6, "defects": 1])
            #expect(completed.status == 200)
            let open = client.id(try await client.call(.post, "/v1/lots", ["declaredUnit": "piece"]), "lotId")
            _ = try await client.call(
                .post, "/v1/lots/\(open)/material-uses", ["materialLotId": .string(done), "quantity": 2, "unit": "piece"])

            let before = try await Self.state(client, lot: open)
            let beforeDone = try await Self.state(client, lot: done)
            let path = c.path.replacingOccurrences(of: "{open}", with: open).replacingOccurrences(of: "{done}", with: done)
            let body = c.body.replacingOccurrences(of: "{eq}", with: eq).replacingOccurrences(of: "{done}", with: done)
            let r = try await client.call(c.method == "PUT" ? .put : .post, path.replacingOccurrences(of: "{eq}", with: eq), raw: body)
            #expect(r.status == c.status, "\(c.name): \(r.json)")
            #expect(r.code == c.code, "\(c.name): \(r.json)")
            #expect(r.field == c.field, "\(c.name): \(r.json)")
            #expect(r.contentType == "application/problem+json")
            #expect(r["status"] == .number(Double(c.status)))
            #expect(r["detail"]?.stringValue?.isEmpty == false)
            #expect(try await Self.state(client, lot: open) == before, "\(c.name) changed the open lot or the ledger")
            #expect(try await Self.state(client, lot: done) == beforeDone, "\(c.name) changed the completed lot")
        }
    }

    @Test("Trace and peer endpoints refuse bad parameters and unsigned calls")
    func traceParameters() async throws {
        let h = try await NodeHarness()
        try await h.run { client in
            let lot = client.id(try await client.call(.post, "/v1/lots", ["declaredUnit": "piece"]), "lotId")
            for (query, field) in [
                ("deadlineMs=0", "deadlineMs"), ("deadlineMs=abc", "deadlineMs"), ("maxDepth=51", "maxDepth"), ("node=Bad%20Node", "node"),
            ] {
                let r = try await client.call(.get, "/v1/lots/\(lot)/trace?\(query)")
                #expect(r.status == 422 && r.field == field, "\(query): \(r.json)")
            }
            let unknownNode = try await client.call(.get, "/v1/lots/\(lot)/trace?node=ghost")
            #expect(unknownNode.status == 422 && unknownNode.code == "unknown_node")
            #expect(try await client.call(.get, "/v1/lots/00000000000000000000000000000000/trace").status == 404)
            #expect(try await client.call(.get, "/v1/lots/\(lot)/trace", as: nil).status == 401)
            let unsigned = try await client.call(.post, "/v1/federation/lots", as: nil, raw: #"{"lots":[]}"#)
            #expect(unsigned.status == 401 && unsigned.code == "bad_signature")
            // An open lot traces to itself with no statement yet.
            let t = try await client.call(.get, "/v1/lots/\(lot)/trace")
            #expect(t.status == 200 && t["complete"] == .bool(true) && t["breakdown"] == .array([]) && t["statement"] == nil)
        }
    }

    @Test("Missing or revoked tokens answer 401; unknown routes answer a problem")
    func auth() async throws {
        let h = try await NodeHarness()
        try await h.run { client in
            let none = try await client.call(.post, "/v1/lots", as: nil, ["declaredUnit": "piece"])
            #expect(none.status == 401 && none.code == "unauthorized")
            _ = try await h.node.store.revokeToken(tokenId: "token-1", at: 1)
            let revoked = try await client.call(.get, "/v1/equipment", as: 1)
            #expect(revoked.status == 401)
            let route = try await client.call(.get, "/v1/nothing-here")
            #expect(route.status == 404 && route.code == "no_such_route")
            #expect(try await h.node.store.signedHead() == nil, "nothing may have been written")
        }
    }
}
