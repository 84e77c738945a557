import CTNModel
import Foundation
import HTTPTypes
import Testing

/// Every parameter of every contract, given values of the wrong kind or at the edges of its
/// domain: the node answers a problem or a success, never a 5xx, never traps, and a refused call
/// writes nothing.
@Suite("Odd values")
struct OddValueTests {
    static let definitions = (try? ContractDefinition.loadAll(folder: NodeHarness.root.appendingPathComponent("Contracts"))) ?? []

    /// Contracts whose base body is refused by the state of the world, not by its shape: a deletion
    /// request to this node itself (no peers here), and a declaration booking (a declaration is
    /// addressed to a consignee, never to the business that issued it), a CBAM verification (by a
    /// business independent of the operator, which the world's one business is not) and its attachment
    /// (which needs a statement from such a verifier), and a summary booking (the world's summary is
    /// booked already: its imports need it).
    static let refusedByState: Set<String> = [
        "deletion-request", "mass-balance-declaration", "cbam-verification", "cbam-verification-attachment", "cbam-summary-booking",
    ]

    /// The odd values tried for each parameter.
    static let oddValues: [(String, JSONValue)] = [
        ("null", .null), ("empty string", ""), ("empty array", []), ("empty object", [:]), ("negative", -1), ("zero", 0),
        ("subnormal", .number(5e-324)), ("huge", .number(1e308)), ("fraction", 0.5),
        ("long string", .string(String(repeating: "x", count: 300))),
        ("ID of nothing", .string(String(repeating: "0", count: 32))), ("true", true),
    ]

    @Test("Every body parameter of every contract with every odd value: no 5xx, refusals write nothing", arguments: definitions.map(\.id))
    func bodies(_ id: String) async throws {
        let definition = try #require(Self.definitions.first { $0.id == id })
        let h = try await NodeHarness()
        try await h.run { client in
            let world = try await World(client)
            let path = world.path(definition)
            let base = world.body(definition)
            var names = (definition.body ?? []).map(\.name)
            // Fields of the items of arrays of objects (energy lines, equipment lines) too.
            for p in definition.body ?? [] where p.kind == .array && p.itemKind == nil {
                for item in p.items ?? [] { names.append("\(p.name)[0].\(item.name)") }
            }
            // The untouched body is valid, so that each odd value is the only thing wrong with a call.
            let plain = try await client.call(
                HTTPRequest.Method(definition.method) ?? .post, path, raw: CanonicalJSON.encode(.object(base)))
            #expect(plain.status < 500, "\(id) base body: \(plain.json)")
            #expect(plain.status < 400 || Self.refusedByState.contains(id), "\(id) base body: \(plain.status) \(plain.json)")
            if plain.status >= 400 { #expect(definition.defines(status: plain.status, code: plain.code ?? ""), "\(id): \(plain.json)") }
            for name in names {
                for (label, value) in Self.oddValues {
                    let body = Self.replacing(base, name, with: value)
                    let before = try await client.call(.get, "/v1/ledger/head", as: nil)["seq"]
                    let r = try await client.call(
                        HTTPRequest.Method(definition.method) ?? .post, path, raw: CanonicalJSON.encode(.object(body)))
                    #expect(r.status < 500, "\(id) \(name) = \(label): \(r.status) \(r.json)")
                    if r.status >= 400 {
                        #expect(r.contentType == "application/problem+json", "\(id) \(name) = \(label)")
                        // The refusal is one the contract's definition (and so the OpenAPI document) lists.
                        #expect(
                            definition.defines(status: r.status, code: r.code ?? ""),
                            "\(id) \(name) = \(label): undefined \(r.status) \(r.json)")
                        let after = try await client.call(.get, "/v1/ledger/head", as: nil)["seq"]
                        #expect(after == before, "\(id) \(name) = \(label) was refused but wrote")
                    }
                }
            }
            #expect(try await client.call(.get, "/healthz", as: nil).status == 200)
        }
    }

    @Test(
        "Every path parameter with odd values: 4xx problems, never 5xx",
        arguments: definitions.filter { !$0.pathParameters.isEmpty }.map(\.id))
    func paths(_ id: String) async throws {
        let definition = try #require(Self.definitions.first { $0.id == id })
        let h = try await NodeHarness()
        try await h.run { client in
            let world = try await World(client)
            let body = CanonicalJSON.encode(.object(world.body(definition)))
            for odd in [
                "", "%00", "..", "null", String(repeating: "f", count: 33), String(repeating: "0", count: 32), "%F0%9F%92%A5", "-1",
            ] {
                var path = definition.path
                for p in definition.pathParameters { path = path.replacingOccurrences(of: "{\(p.name)}", with: odd) }
                let r = try await client.call(HTTPRequest.Method(definition.method) ?? .get, path, raw: definition.body == nil ? nil : body)
                #expect(r.status < 500 && r.status >= 400, "\(id) with \(odd): \(r.status) \(r.json)")
                // An odd value that still reaches the contract's route is refused as the definition says.
                if r.code != "no_such_route", r.code != "method_not_allowed" {
                    #expect(definition.defines(status: r.status, code: r.code ?? ""), "\(id) with \(odd): undefined \(r.status) \(r.json)")
                }
            }
        }
    }

    /// `body` with the field at `path` (`name` or `name[0].field`) set to `value`.
    static func replacing(_ body: JSONObject, _ path: String, with value: JSONValue) -> JSONObject {
        var copy = body
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2, parts[0].hasSuffix("[0]") {
            let array = String(parts[0].dropLast(3))
            var items = copy[array]?.arrayValue ?? []
            var first = items.first?.objectValue ?? JSONObject()
            first[parts[1]] = value
            if items.isEmpty { items = [.object(first)] } else { items[0] = .object(first) }
            copy[array] = .array(items)
        } else {
            copy[path] = value
        }
        return copy
    }

    /// Real things to point at: the caller's equipment with an intensity, an open lot, a completed lot.
    struct World {
        let equipment: String
        let open: String
        let done: String
        let consignee: String
        let certificate: String
        let agreement: String
        /// A locked site period, restated once (the latest snapshot, with a parent).
        let snapshot: String
        /// A published PACT footprint of the completed lot.
        let footprint: String
        /// A CBAM installation of the caller, and a report of it.
        let installation: String
        let report: String
        /// A reconciled mass-balance batch that made 55 t of CF (5 t of it certified) from received PAN.
        let batch: String

        /// The window of the world's batch, and one around it for attestations.
        static let batchWindow: JSONValue = ["start": "2026-11-01T00:00:00Z", "end": "2026-11-02T00:00:00Z"]
        static let wideWindow: JSONValue = ["start": "2026-10-01T00:00:00Z", "end": "2026-12-01T00:00:00Z"]

        /// A small calculation document: one fuel source, one grid connection.
        static func calculation(site: String) -> JSONValue {
            [
                "site": .string(site), "period": ["start": "2026-10-01T00:00:00Z", "end": "2026-11-01T00:00:00Z"],
                "boundary": ["kind": "SITE_OPERATIONAL"],
                "sources": [
                    [
                        "id": "boiler", "scope": 1, "preferredMethod": "fuel-combustion",
                        "fuel": [
                            "activity": ["value": 10, "unit": "t", "u": 0.02], "ncv": ["value": 48, "unit": "GJ/t"],
                            "ef": ["value": 56.1, "unit": "kg-CO2/GJ"],
                        ],
                    ],
                    [
                        "id": "grid", "scope": 2, "electricity": ["value": 50, "unit": "MWh"],
                        "locationFactor": ["value": 0.45, "unit": "t-CO2/MWh"], "residualMixFactor": ["value": 0.6, "unit": "t-CO2/MWh"],
                    ],
                ],
                "monteCarlo": ["samples": 1000, "seed": 1],
            ]
        }

        func allocation() -> JSONValue { [["equipmentId": .string(equipment), "activity": 100, "unit": "min"]] }

        init(_ client: NodeHarness.Client) async throws {
            equipment = client.id(try await client.call(.post, "/v1/equipment", ["activityUnit": "min"]), "equipmentId")
            _ = try await client.call(.put, "/v1/equipment/\(equipment)/intensity", ["intensity": 0.25, "unit": "kg-CO2e/min"])
            done = client.id(try await client.call(.post, "/v1/lots", ["declaredUnit": "kg"]), "lotId")
            _ = try await client.call(.post, "/v1/lots/\(done)/material-uses", ["category": "steel-s45c", "quantity": 10, "unit": "kg"])
            _ = try await client.call(.post, "/v1/lots/\(done)/completion", ["completed": 10])
            open = client.id(try await client.call(.post, "/v1/lots", ["declaredUnit": "kg"]), "lotId")
            consignee = client.tenants[1].businessId
            certificate = try await client.call(.post, "/v1/certifications", ["lotId": .string(done)])["certificate"]?.stringValue ?? ""
            agreement = client.id(
                try await client.call(
                    .post, "/v1/agreements",
                    ["grantee": .string(consignee), "contracts": ["material-use-enquiry"], "scope": "all", "purpose": "audit"]),
                "agreementId")
            let first = client.id(
                try await client.call(
                    .post, "/v1/site-periods",
                    [
                        "calculation": Self.calculation(site: String(repeating: "5", count: 32)),
                        "allocation": [["equipmentId": .string(equipment), "activity": 100, "unit": "min"]],
                    ]), "snapshotId")
            _ = try await client.call(.put, "/v1/pact/profile", ["companyName": "A", "companyIds": ["urn:lei:529900T8BM49AURSDO55"]])
            footprint = client.id(
                try await client.call(
                    .post, "/v1/pact/footprints", ["lotId": .string(done), "productName": "B", "productCategoryCpc": "41231"]),
                "id")
            for (pool, tonnes) in [("certified", 10), ("conventional", 200)] {
                var receipt = JSONObject(["material": "PAN", "pool": .string(pool)])
                receipt["mass"] = ["value": .number(Double(tonnes)), "unit": "t"]
                receipt["time"] = "2026-10-15T00:00:00Z"
                if pool == "certified" {
                    receipt["scheme"] = "ISCC PLUS"
                    receipt["supplierDeclaration"] = "SD-1"
                }
                _ = try await client.call(.post, "/v1/mass-balance/receipts", .object(receipt))
            }
            installation = client.id(
                try await client.call(
                    .post, "/v1/cbam/installations",
                    ["name": "W", "address": "A", "country": "TR", "unlocode": "TRALA", "latitude": 38.8, "longitude": 26.97]),
                "installationId")
            report = client.id(
                try await client.call(
                    .post, "/v1/cbam/reports",
                    [
                        "installation": .string(installation), "period": ["start": "2026-01-01T00:00:00Z", "end": "2027-01-01T00:00:00Z"],
                        "processes": [
                            [
                                "id": "steel", "goods": [["cn": "7208 51 20"]], "activityLevel": ["value": 1, "unit": "t"],
                                "directEmissions": ["value": 1, "unit": "t-CO2e"], "electricityConsumed": ["value": 1, "unit": "MWh"],
                                "electricityFactor": ["value": 0.5, "unit": "t-CO2e/MWh"],
                            ]
                        ],
                    ]), "reportId")
            _ = try await client.call(.post, "/v1/cbam/summaries", ["reportId": .string(report)])
            batch = client.id(
                try await client.call(
                    .post, "/v1/mass-balance/batches",
                    [
                        "inputs": [
                            ["material": "PAN", "pool": "certified", "scheme": "ISCC PLUS", "mass": ["value": 10, "unit": "t"]],
                            ["material": "PAN", "pool": "conventional", "mass": ["value": 100, "unit": "t"]],
                        ],
                        "outputs": [["material": "CF", "mass": ["value": 55, "unit": "t"]]], "conversionFactor": 0.5, "tolerance": 0.02,
                        "window": Self.batchWindow,
                    ]), "batchId")
            snapshot = client.id(
                try await client.call(
                    .post, "/v1/site-periods/\(first)/restatements",
                    ["calculation": Self.calculation(site: String(repeating: "5", count: 32)), "reason": "a late fuel delivery note"]),
                "snapshotId")
        }

        func path(_ definition: ContractDefinition) -> String {
            var path = definition.path
            let lot = ["lot-completed", "material-use", "equipment-use"].contains(definition.id) ? open : done
            path = path.replacingOccurrences(of: "{lotId}", with: lot)
            path = path.replacingOccurrences(of: "{equipmentId}", with: equipment)
            path = path.replacingOccurrences(of: "{category}", with: "steel-s45c")
            path = path.replacingOccurrences(of: "{agreementId}", with: agreement)
            path = path.replacingOccurrences(of: "{snapshotId}", with: snapshot)
            path = path.replacingOccurrences(of: "{footprintId}", with: footprint)
            path = path.replacingOccurrences(of: "{batchId}", with: batch)
            path = path.replacingOccurrences(of: "{installationId}", with: installation)
            // The world's report takes one carbon price: the base body states it, later ones are refused (409, defined).
            path = path.replacingOccurrences(of: "{reportId}", with: report)
            if definition.id == "cbam-defaults" { path += "?cn=7208%2010%2000&country=CN" }
            return path
        }

        /// A body the definition accepts, naming the things of this world.
        func body(_ definition: ContractDefinition) -> JSONObject {
            var body = JSONObject()
            let excluded = Set(definition.exactlyOneOf.flatMap { $0.dropFirst() })
            for p in definition.body ?? [] where p.required || definition.exactlyOneOf.contains(where: { $0.first == p.name }) {
                guard !excluded.contains(p.name) else { continue }
                body[p.name] = value(p, definition)
            }
            if definition.id == "lot-correction" { body["defects"] = 0 }
            // A site calculation that calculates (the lock's on a site of its own, so that it is not locked yet).
            if definition.id == "calculation" { return Self.calculation(site: String(repeating: "6", count: 32)).objectValue ?? body }
            if definition.id == "period-lock" {
                body["calculation"] = Self.calculation(site: String(repeating: "7", count: 32))
                body["allocation"] = allocation()
            }
            if definition.id == "period-restatement" { body["calculation"] = Self.calculation(site: String(repeating: "5", count: 32)) }
            if definition.id == "pact-profile" { body["companyIds"] = ["urn:lei:529900T8BM49AURSDO55"] }
            if definition.id == "pact-publication" { body["productCategoryCpc"] = "41231" }
            massBalance(definition.id, &body)
            simulation(definition.id, &body)
            return body
        }

        /// Mass-balance bodies that the world's pools can carry: conventional PAN in, conventional CF out.
        func massBalance(_ id: String, _ body: inout JSONObject) {
            let kg: JSONValue = ["value": 1, "unit": "kg"]
            switch id {
            case "mass-balance-receipt": body["pool"] = "conventional"
            case "mass-balance-batch":
                body["inputs"] = [["material": "PAN", "pool": "conventional", "mass": kg]]
                body["outputs"] = [["material": "CF", "mass": ["value": 0.5, "unit": "kg"]]]
            case "mass-balance-attestation": body["window"] = Self.wideWindow
            case "mass-balance-utility": body["window"] = Self.wideWindow
            case "mass-balance-dispatch":
                body["material"] = "CF"
                body["certifiedMass"] = ["value": 0, "unit": "kg"]
            case "cbam-import":
                body["reportId"] = .string(report)
                body["cn"] = "7208 51 20"
                body["mass"] = ["value": 1, "unit": "t"]
            case "cbam-summary-booking": body["reportId"] = .string(report)
            case "cbam-carbon-price": body["price"] = ["value": 30, "currency": "EUR"]
            case "cbam-installation":
                body["country"] = "TR"
                body["unlocode"] = "TRALA"
            case "cbam-report":
                body["installation"] = .string(installation)
                body["period"] = ["start": "2026-01-01T00:00:00Z", "end": "2027-01-01T00:00:00Z"]
                body["processes"] = [
                    [
                        "id": "steel", "goods": [["cn": "7208 51 20"]], "activityLevel": ["value": 1, "unit": "t"],
                        "directEmissions": ["value": 1, "unit": "t-CO2e"], "electricityConsumed": ["value": 1, "unit": "MWh"],
                        "electricityFactor": ["value": 0.5, "unit": "t-CO2e/MWh"],
                    ]
                ]
            default: break
            }
        }

        func value(_ p: ParameterDef, _ definition: ContractDefinition) -> JSONValue {
            if p.name == "scope" { return "all" }
            if let allowed = p.allowed?.first, p.kind != .array { return .string(allowed) }
            switch (p.name, p.kind) {
            case ("certificate", _): return .string(certificate)
            case ("equipmentId", _): return .string(equipment)
            case ("materialLotId", _), ("lotId", _): return .string(done)
            case ("consignee", _), ("grantee", _): return .string(consignee)
            case (_, .id128): return .string(done)
            case ("periodStart", _): return "2021-10-01T00:00:00Z"
            case ("periodEnd", _): return "2021-10-02T00:00:00Z"
            case (_, .timestamp): return "2026-01-01T00:00:00Z"
            case (_, .number), (_, .integer): return 1
            case (_, .boolean): return false
            case (_, .unit): return p.unitKind == "rate" ? "kg-CO2e/min" : (definition.id == "equipment-use" ? "min" : "kg")
            case (_, .category): return "steel-s45c"
            case (_, .energyType): return "electricity"
            case (_, .nodeId): return "test-node"
            case (_, .business): return .string(consignee)
            case (_, .string): return "audit"
            case (_, .array):
                if let kind = p.itemKind {
                    var item = p
                    item.kind = kind
                    item.itemKind = nil
                    return [value(item, definition)]
                }
                var o = JSONObject()
                for item in p.items ?? [] where item.required { o[item.name] = value(item, definition) }
                if p.name == "equipment" { o["unit"] = "h" }
                if p.name == "energy" { o["unit"] = "kWh" }
                if p.name == "performance" { o["unit"] = "kW" }
                return [.object(o)]
            case (_, .object):
                var o = JSONObject()
                for item in p.items ?? [] where item.required { o[item.name] = value(item, definition) }
                return .object(o)
            }
        }
    }
}
