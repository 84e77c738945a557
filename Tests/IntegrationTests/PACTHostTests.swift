import CTNModel
import CurlHTTP
import Foundation
import Testing

/// A tenant's PACT host on a real node over HTTPS, driven as the PACT conformance cases drive a
/// host, for v2.3 and v3.0: tokens with good and bad credentials, list, get, pagination through
/// `Link`, bad tokens on every endpoint, an unknown footprint, plain HTTP, Published events and
/// invalid event bodies; every footprint served validated against the official schemas
/// (`scripts/pact-validate.py`). Figures: 10 kg of S45C (0.393 kg-CO2e/kg) in 10 kg of bar is
/// 0.393 kg-CO2e per kilogram; 2 kg in 4 pieces 0.1965 per piece (v3.0 only: v2.3 has no pieces).
@Suite("PACT host", .serialized)
struct PACTHostTests {
    struct Host {
        let node: NodeProcess
        let business: String
        let token: String
        let clientId: String
        let secret: String
        var curl: CurlClient { CurlClient(caFile: node.caFile) }

        func call(_ method: String, _ path: String, headers: [String] = [], body: String? = nil) throws -> HTTPResult {
            try curl.request(method, node.base + path, headers: headers, body: body.map { Array($0.utf8) })
        }

        func accessToken() throws -> String {
            let basic = Data("\(clientId):\(secret)".utf8).base64EncodedString()
            let r = try call(
                "POST", "/pact/auth/token", headers: ["Authorization: Basic \(basic)", "Content-Type: application/x-www-form-urlencoded"],
                body: "grant_type=client_credentials")
            return try #require(try JSONParser.parse(r.body)["access_token"]?.stringValue, "\(r.status) \(r.text)")
        }

        func api(_ method: String, _ path: String, _ body: JSONValue? = nil) throws -> NodeProcess.Reply {
            try node.call(method, path, token: token, body)
        }
    }

    static func host() throws -> Host {
        let node = try NodeProcess(nodeId: "pact-host")
        let (business, token) = try node.addTenant()
        let client = try JSONParser.parse(
            Array(
                try NodeProcess.ctn(["pact", "client", "add", "--data", node.data.path, "--tenant", business, "--label", "a buyer"]).out
                    .utf8))
        try node.start()
        return Host(
            node: node, business: business, token: token, clientId: try #require(client["clientId"]?.stringValue),
            secret: try #require(client["clientSecret"]?.stringValue))
    }

    /// A completed lot of `completed` units made of `kg` of S45C.
    static func lot(_ h: Host, unit: String, kg: Double, completed: Double) throws -> String {
        let lot = try h.api("POST", "/v1/lots", ["declaredUnit": .string(unit)]).str("lotId")
        _ = try h.api("POST", "/v1/lots/\(lot)/material-uses", ["category": "steel-s45c", "quantity": .number(kg), "unit": "kg"])
        _ = try h.api("POST", "/v1/lots/\(lot)/completion", ["completed": .number(completed)])
        return lot
    }

    static func json(_ r: HTTPResult) -> JSONValue { (try? JSONParser.parse(r.body)) ?? .null }

    static func validate(_ version: String, _ body: [UInt8]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pact-\(UUID().uuidString).json")
        try Data(body).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", NodeProcess.root.appendingPathComponent("scripts/pact-validate.py").path, version, file.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return p.terminationStatus == 0 ? "valid" : text
    }

    @Test("Tokens, list, get, Link pagination, bad tokens, unknown footprints, events; every footprint valid against the official schemas")
    func conformance() throws {
        let h = try Self.host()
        defer { h.node.stop() }
        // Publication needs a profile and a completed lot.
        let bar = try Self.lot(h, unit: "kg", kg: 10, completed: 10)
        let brackets = try Self.lot(h, unit: "piece", kg: 2, completed: 4)
        #expect(
            try h.api("POST", "/v1/pact/footprints", ["lotId": .string(bar), "productName": "Bar", "productCategoryCpc": "41231"]).code
                == "no_pact_profile")
        #expect(
            try h.api("PUT", "/v1/pact/profile", ["companyName": "Acme Steel", "companyIds": ["urn:lei:529900T8BM49AURSDO55"]]).status
                == 200)
        let barId = try h.api(
            "POST", "/v1/pact/footprints",
            ["lotId": .string(bar), "productName": "Bar S45C", "productCategoryCpc": "41231", "productIds": ["urn:gtin:4012345678901"]]
        ).str("id")
        let bracketId = try h.api(
            "POST", "/v1/pact/footprints", ["lotId": .string(brackets), "productName": "Bracket", "productCategoryCpc": "42999"]
        )
        .str("id")
        #expect(barId.count == 36 && bracketId.count == 36)

        // Tokens: good credentials 200 with a Bearer token; random ones 401 with the OAuth2 error.
        let token = try h.accessToken()
        let wrong = try h.call(
            "POST", "/pact/auth/token", headers: ["Authorization: Basic \(Data("nobody:nothing".utf8).base64EncodedString())"],
            body: "grant_type=client_credentials")
        #expect(wrong.status == 401 && Self.json(wrong)["error"] == "invalid_client")
        let discovery = Self.json(try h.call("GET", "/pact/.well-known/openid-configuration"))
        #expect(discovery["token_endpoint"]?.stringValue?.hasSuffix("/pact/auth/token") == true)
        let bearer = ["Authorization: Bearer \(token)"]

        for version in ["2", "3"] {
            let list = try h.call("GET", "/pact/\(version)/footprints", headers: bearer)
            #expect(list.status == 200 && list.headers["content-type"]?.hasPrefix("application/json") == true)
            let data = Self.json(list)["data"]?.arrayValue ?? []
            #expect(data.count == (version == "2" ? 1 : 2), "v\(version): \(list.text)")
            #expect(try Self.validate(version == "2" ? "2.3" : "3.0", list.body) == "valid")
            let first = try #require(data.first)
            let unitKey = version == "2" ? "pCfExcludingBiogenic" : "pcfExcludingBiogenicUptake"
            #expect(first["id"] == .string(barId) && first["pcf"]?[unitKey] == "0.393")
            #expect(first["productIds"]?.arrayValue?.contains(.string("urn:ctn:lot:pact-host:\(bar)")) == true)
            // Get: the footprint, a zero UUID 404 with the version's code, a malformed ID 400.
            let get = try h.call("GET", "/pact/\(version)/footprints/\(barId)", headers: bearer)
            #expect(get.status == 200 && Self.json(get)["data"]?["id"] == .string(barId))
            let zero = try h.call("GET", "/pact/\(version)/footprints/00000000-0000-0000-0000-000000000000", headers: bearer)
            #expect(zero.status == 404 && Self.json(zero)["code"] == .string(version == "2" ? "NoSuchFootprint" : "NotFound"))
            // Bad tokens on every endpoint: 400 BadRequest.
            for (method, path) in [
                ("GET", "/pact/\(version)/footprints"), ("GET", "/pact/\(version)/footprints/\(barId)"),
                ("POST", "/pact/\(version)/events"),
            ] {
                let r = try h.call(method, path, headers: ["Authorization: Bearer not-a-token"], body: method == "POST" ? "{}" : nil)
                #expect(r.status == 400 && Self.json(r)["code"] == "BadRequest", "\(method) \(path): \(r.text)")
            }
            // Events: a Published event with UUIDs is accepted, one with a URN refused, garbage refused.
            func event(_ data: JSONValue, type: String) -> String {
                CanonicalJSON.encode([
                    "specversion": "1.0", "id": .string(UUID().uuidString), "source": .string("//buyer.example/\(version)/events"),
                    "time": "2026-12-01T00:00:00Z", "type": .string(type), "data": data,
                ])
            }
            let published =
                version == "2" ? "org.wbcsd.pathfinder.ProductFootprint.Published.v1" : "org.wbcsd.pact.ProductFootprint.PublishedEvent.3"
            let headers = bearer + ["Content-Type: application/cloudevents+json; charset=UTF-8"]
            #expect(
                try h.call(
                    "POST", "/pact/\(version)/events", headers: headers, body: event(["pfIds": .array([.string(barId)])], type: published)
                ).status == 200)
            #expect(
                try h.call("POST", "/pact/\(version)/events", headers: headers, body: event(["pfIds": ["urn:gtin:1"]], type: published))
                    .status == 400)
            #expect(try h.call("POST", "/pact/\(version)/events", headers: headers, body: "not json").status == 400)
            #expect(
                try h.call("POST", "/pact/\(version)/events", headers: headers, body: event([:], type: "org.example.Other")).status == 400)
        }

        // Pagination: limit=1 gives one footprint and an absolute Link to the next page, whose page is the second.
        let page = try h.call("GET", "/pact/3/footprints?limit=1", headers: bearer)
        let link = try #require(page.headers["link"], "\(page.headers)")
        #expect(link.hasPrefix("<https://127.0.0.1:\(h.node.port)/pact/3/footprints?") && link.hasSuffix(">; rel=\"next\""))
        let next = String(link.dropFirst().prefix { $0 != ">" })
        let second = try h.curl.request("GET", next, headers: bearer)
        #expect(Self.json(second)["data"]?.arrayValue?.map { $0["id"] } == [.string(bracketId)])
        #expect(second.headers["link"] == nil)
        // v2.3 pages the same way (its one footprint: no next link with limit=1).
        let v2page = try h.call("GET", "/pact/2/footprints?limit=1", headers: bearer)
        #expect(Self.json(v2page)["data"]?.arrayValue?.count == 1 && v2page.headers["link"] == nil)
        #expect(try h.call("GET", "/pact/2/footprints?limit=0", headers: bearer).status == 400)
        let filtered = try h.call("GET", "/pact/2/footprints?%24filter=created%20ge%20%272026%27", headers: bearer)
        #expect(Self.json(filtered)["code"] == "NotImplemented")
        // v3 filters: a product ID, a status, a bogus value gives an empty list.
        let byProduct = try h.call("GET", "/pact/3/footprints?productId=urn:gtin:4012345678901", headers: bearer)
        #expect(Self.json(byProduct)["data"]?.arrayValue?.count == 1)
        let bogus = try h.call("GET", "/pact/3/footprints?status=Bogus", headers: bearer)
        #expect(Self.json(bogus)["data"] == [])

        // Plain HTTP to the HTTPS port is not answered.
        #expect(throws: (any Error).self) {
            try CurlClient().request("GET", "http://127.0.0.1:\(h.node.port)/pact/2/footprints", headers: bearer)
        }
    }

    @Test(
        "A correction deprecates the footprint and publishes its successor; withdrawal and a revoked client end access; names stay out of the ledger"
    )
    func lifecycle() throws {
        let h = try Self.host()
        defer { h.node.stop() }
        let bar = try Self.lot(h, unit: "kg", kg: 10, completed: 10)
        _ = try h.api("PUT", "/v1/pact/profile", ["companyName": "Zebra Steel Works", "companyIds": ["urn:lei:529900T8BM49AURSDO55"]])
        let first = try h.api(
            "POST", "/v1/pact/footprints", ["lotId": .string(bar), "productName": "Zebra Bar Nine", "productCategoryCpc": "41231"]
        )
        .str("id")
        // 2 of the 10 kg were scrap: 3.93 / 8 = 0.49125 kg-CO2e/kg.
        _ = try h.api("POST", "/v1/lots/\(bar)/corrections", ["defects": 2, "reason": "scrap"])
        let bearer = ["Authorization: Bearer \(try h.accessToken())"]
        let list = Self.json(try h.call("GET", "/pact/2/footprints", headers: bearer))["data"]?.arrayValue ?? []
        #expect(list.count == 2)
        let old = list.first { $0["id"] == .string(first) }
        let successor = list.first { $0["id"] != .string(first) }
        #expect(old?["status"] == "Deprecated" && successor?["status"] == "Active")
        #expect(successor?["precedingPfIds"] == .array([.string(first)]) && successor?["version"] == 2)
        #expect(successor?["pcf"]?["pCfExcludingBiogenic"] == "0.49125")
        let successorId = try #require(successor?["id"]?.stringValue)
        // Withdrawn: no longer served.
        #expect(try h.api("DELETE", "/v1/pact/footprints/\(successorId)").status == 200)
        #expect(try h.call("GET", "/pact/2/footprints/\(successorId)", headers: bearer).status == 404)
        // The names are published on the host, never in the ledger (which keeps their hashes).
        let ledger = try NodeProcess.ctn(["ledger", "export", "--data", h.node.data.path]).out
        #expect(!ledger.contains("Zebra") && ledger.contains("pact.footprint-published") && ledger.contains("productNameSha256"))
        // A revoked client's token is refused at once, and it gets no new one.
        _ = try NodeProcess.ctn(["pact", "client", "revoke", "--data", h.node.data.path, h.clientId])
        #expect(try h.call("GET", "/pact/2/footprints", headers: bearer).status == 400)
        let basic = Data("\(h.clientId):\(h.secret)".utf8).base64EncodedString()
        let again = try h.call(
            "POST", "/pact/auth/token", headers: ["Authorization: Basic \(basic)"], body: "grant_type=client_credentials")
        #expect(again.status == 401 && Self.json(again)["error"] == "invalid_client")
    }

    @Test(
        "A supplier's PACT footprint as a material on another node: 5 kg at 0.393 = 1.965 kg-CO2e, kept as evidence, traced as source pact")
    func footprintAsMaterial() throws {
        let mill = try Self.host()
        defer { mill.node.stop() }
        let bar = try Self.lot(mill, unit: "kg", kg: 10, completed: 10)
        _ = try mill.api("PUT", "/v1/pact/profile", ["companyName": "Mill", "companyIds": ["urn:lei:529900T8BM49AURSDO55"]])
        let footprint = try mill.api(
            "POST", "/v1/pact/footprints", ["lotId": .string(bar), "productName": "Bar", "productCategoryCpc": "41231"]
        )
        .str("id")
        let maker = try NodeProcess(nodeId: "maker")
        let (makerBusiness, makerToken) = try maker.addTenant()
        let registered = try JSONParser.parse(
            Array(
                try NodeProcess.ctn([
                    "pact", "supplier", "add", "--data", maker.data.path, "--tenant", makerBusiness, "--base-url", mill.node.base + "/pact",
                    "--client-id", mill.clientId, "--client-secret", mill.secret, "--cacert", mill.node.caFile,
                ]).out.utf8))
        let supplier = try #require(registered["supplier"]?.stringValue)
        try maker.start()
        defer { maker.stop() }
        let lot = try maker.call("POST", "/v1/lots", token: makerToken, ["declaredUnit": "piece"]).str("lotId")
        let use = try maker.call(
            "POST", "/v1/lots/\(lot)/material-uses", token: makerToken,
            ["pactFootprintId": .string(footprint), "supplier": .string(supplier), "quantity": 5, "unit": "kg"])
        #expect(use.status == 201, "\(use.json)")
        #expect(abs(use.num("co2") - 5 * 0.393) <= 1e-12 && use["source"] == "pact" && use["pactFootprintId"] == .string(footprint))
        let done = try maker.call("POST", "/v1/lots/\(lot)/completion", token: makerToken, ["completed": 2])
        #expect(abs(done.num("co2PerUnit") - 5 * 0.393 / 2) <= 1e-12)
        let trace = try maker.call("GET", "/v1/lots/\(lot)/trace", token: makerToken)
        let leaf = trace["breakdown"]?.arrayValue?.first
        #expect(
            leaf?["source"] == "pact" && leaf?["supplier"] == .string(supplier) && leaf?["pactFootprintId"] == .string(footprint),
            "\(trace.json)")
        // The footprint as fetched, and its hash, are in the maker's ledger.
        let ledger = try NodeProcess.ctn(["ledger", "export", "--data", maker.data.path, "--contract", "material-use"]).out
        #expect(ledger.contains("pactFootprintSha256") && ledger.contains(footprint))
        // Unknown supplier, unknown footprint, and a deprecated one after the mill corrected its lot.
        let open = try maker.call("POST", "/v1/lots", token: makerToken, ["declaredUnit": "piece"]).str("lotId")
        let unknown = try maker.call(
            "POST", "/v1/lots/\(open)/material-uses", token: makerToken,
            ["pactFootprintId": .string(footprint), "supplier": .string(String(repeating: "0", count: 32)), "quantity": 1, "unit": "kg"])
        #expect(unknown.status == 404 && unknown["field"] == "supplier", "\(unknown.json)")
        let missing = try maker.call(
            "POST", "/v1/lots/\(open)/material-uses", token: makerToken,
            ["pactFootprintId": "00000000-0000-4000-8000-000000000000", "supplier": .string(supplier), "quantity": 1, "unit": "kg"])
        #expect(missing.status == 404 && missing["field"] == "pactFootprintId", "\(missing.json)")
        _ = try mill.api("POST", "/v1/lots/\(bar)/corrections", ["defects": 2, "reason": "scrap"])
        let deprecated = try maker.call(
            "POST", "/v1/lots/\(open)/material-uses", token: makerToken,
            ["pactFootprintId": .string(footprint), "supplier": .string(supplier), "quantity": 1, "unit": "kg"])
        #expect(deprecated.status == 409 && deprecated.code == "pact_footprint_deprecated", "\(deprecated.json)")
    }

    @Test(
        "RequestCreated from a registered partner is answered by a RequestFulfilled (or RequestRejected) callback to its host, which records it"
    )
    func requestCallbacks() throws {
        let mill = try Self.host()
        defer { mill.node.stop() }
        let bar = try Self.lot(mill, unit: "kg", kg: 10, completed: 10)
        _ = try mill.api("PUT", "/v1/pact/profile", ["companyName": "Mill", "companyIds": ["urn:lei:529900T8BM49AURSDO55"]])
        let footprint = try mill.api(
            "POST", "/v1/pact/footprints",
            ["lotId": .string(bar), "productName": "Bar", "productCategoryCpc": "41231", "productIds": ["urn:gtin:4012345678901"]]
        ).str("id")
        // The buyer runs a PACT host too (a real listener), and gives the mill credentials for it.
        let buyer = try NodeProcess(nodeId: "buyer")
        let (buyerBusiness, _) = try buyer.addTenant()
        let credentials = try JSONParser.parse(
            Array(try NodeProcess.ctn(["pact", "client", "add", "--data", buyer.data.path, "--tenant", buyerBusiness]).out.utf8))
        try buyer.start()
        defer { buyer.stop() }
        let millBusiness = mill.business
        _ = try NodeProcess.ctn([
            "pact", "supplier", "add", "--data", mill.node.data.path, "--tenant", millBusiness, "--base-url", buyer.base + "/pact",
            "--client-id", try #require(credentials["clientId"]?.stringValue), "--client-secret",
            try #require(credentials["clientSecret"]?.stringValue),
            "--cacert", buyer.caFile, "--for-client", mill.clientId,
        ])
        let bearer = ["Authorization: Bearer \(try mill.accessToken())", "Content-Type: application/cloudevents+json"]
        func request(_ productIds: [String], id: String) -> String {
            CanonicalJSON.encode([
                "specversion": "1.0", "id": .string(id), "source": .string(buyer.base + "/pact"), "time": "2026-12-01T00:00:00Z",
                "type": "org.wbcsd.pathfinder.ProductFootprintRequest.Created.v1",
                "data": ["pf": ["productIds": .array(productIds.map { .string($0) })]],
            ])
        }
        #expect(
            try mill.call("POST", "/pact/2/events", headers: bearer, body: request(["urn:gtin:4012345678901"], id: "req-1")).status == 200)
        #expect(try mill.call("POST", "/pact/2/events", headers: bearer, body: request(["urn:pact:null"], id: "req-2")).status == 200)
        // A requester that is not a registered partner is refused at once.
        let stranger = request(["urn:gtin:4012345678901"], id: "req-3").replacingOccurrences(
            of: buyer.base, with: "https://stranger.example")
        #expect(try mill.call("POST", "/pact/2/events", headers: bearer, body: stranger).status == 400)
        // The callbacks arrive at the buyer's host within seconds.
        var received: [JSONValue] = []
        for _ in 0..<50 {
            received =
                try JSONParser.parse(Array(try NodeProcess.ctn(["pact", "events", "--data", buyer.data.path]).out.utf8)).arrayValue ?? []
            if received.count >= 2 { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        let fulfilled = received.first { $0["type"] == "org.wbcsd.pathfinder.ProductFootprintRequest.Fulfilled.v1" }
        let rejected = received.first { $0["type"] == "org.wbcsd.pathfinder.ProductFootprintRequest.Rejected.v1" }
        #expect(
            fulfilled?["data"]?["requestEventId"] == "req-1" && fulfilled?["data"]?["pfs"]?.arrayValue?.first?["id"] == .string(footprint),
            "\(received)")
        #expect(rejected?["data"]?["requestEventId"] == "req-2" && rejected?["data"]?["error"]?["code"] == "NoSuchFootprint")
        let pfs = try #require(fulfilled?["data"]?["pfs"])
        #expect(try Self.validate("2.3", Array(CanonicalJSON.encode(["data": pfs]).utf8)) == "valid")
        // A replayed request (same source and ID) is accepted but not answered twice.
        #expect(
            try mill.call("POST", "/pact/2/events", headers: bearer, body: request(["urn:gtin:4012345678901"], id: "req-1")).status == 200)
        // The same in v3.0: the request's filters are those of ListFootprints.
        let v3 = CanonicalJSON.encode([
            "specversion": "1.0", "id": "req-4", "source": .string(buyer.base + "/pact"), "time": "2026-12-01T00:00:00Z",
            "type": "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3", "data": ["productId": ["urn:gtin:4012345678901"]],
        ])
        #expect(try mill.call("POST", "/pact/3/events", headers: bearer, body: v3).status == 200)
        var v3Answer: JSONValue?
        for _ in 0..<50 {
            let all =
                try JSONParser.parse(Array(try NodeProcess.ctn(["pact", "events", "--data", buyer.data.path]).out.utf8)).arrayValue ?? []
            v3Answer = all.first { $0["type"] == "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3" }
            if v3Answer != nil { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        #expect(v3Answer?["data"]?["requestEventId"] == "req-4" && v3Answer?["version"] == 3)
        let all = try JSONParser.parse(Array(try NodeProcess.ctn(["pact", "events", "--data", buyer.data.path]).out.utf8)).arrayValue ?? []
        #expect(all.filter { $0["data"]?["requestEventId"] == "req-1" }.count == 1, "req-1 answered once")
        let v3pfs = try #require(v3Answer?["data"]?["pfs"])
        #expect(try Self.validate("3.0", Array(CanonicalJSON.encode(["data": v3pfs]).utf8)) == "valid")
    }
}
