import CTNFederation
import CTNLedger
import CTNModel
import Crypto
import CurlHTTP
import Foundation
import Testing

/// Three real `ctn serve` processes over HTTPS on loopback, peered through exported directory
/// entries: a steel supplier, a parts maker and an assembler. Expected figures are worked out by
/// hand in the comments; tolerance 1e-9 kg-CO2e (the node computes in doubles).
@Suite("Federation: three nodes over HTTPS", .serialized)
struct FederationTests {
    static let tolerance = 1e-9

    final class Network: Sendable {
        let steel: NodeProcess, parts: NodeProcess, assembler: NodeProcess
        let ports: [String: Int]
        var nodes: [NodeProcess] { [steel, parts, assembler] }

        init() throws {
            var ports: [String: Int] = [:]
            for id in ["steel", "parts", "assembler"] { ports[id] = freePort() }
            self.ports = ports
            steel = try NodeProcess(nodeId: "steel", publicURL: "https://127.0.0.1:\(try #require(ports["steel"]))")
            parts = try NodeProcess(nodeId: "parts", publicURL: "https://127.0.0.1:\(try #require(ports["parts"]))")
            assembler = try NodeProcess(nodeId: "assembler", publicURL: "https://127.0.0.1:\(try #require(ports["assembler"]))")
            // Every node adds the other two from their exported entries.
            for a in nodes {
                let entry = a.data.appendingPathComponent("own-entry.json")
                try Data(try NodeProcess.ctn(["federation", "export", "--data", a.data.path]).out.utf8).write(to: entry)
                for b in nodes where b !== a { _ = try NodeProcess.ctn(["federation", "add", "--data", b.data.path, entry.path]) }
            }
        }

        func start(_ n: NodeProcess) throws {
            let id = n === steel ? "steel" : n === parts ? "parts" : "assembler"
            try n.start(port: try #require(ports[id]))
        }

        func stopAll() { for n in nodes { n.stop() } }
    }

    /// The chain most tests read, loaded once through the API: 100 kg of steel on the steel node,
    /// 10 parts of 20 kg of it on the parts node, 2 products of 4 parts and 1 kg ABS on the assembler's.
    final class Chain: Sendable {
        let net: Network
        let s: (businessId: String, token: String)
        let p: (businessId: String, token: String)
        let a: (businessId: String, token: String)
        let outsider: (businessId: String, token: String)
        let steelLot: String
        let partLot: String
        let product: String
        /// The answers of the loading calls, for the figures test.
        let steelDone: NodeProcess.Reply
        let steelUse: NodeProcess.Reply
        let partDone: NodeProcess.Reply
        let partUse: NodeProcess.Reply
        let productDone: NodeProcess.Reply
        let notShipped: NodeProcess.Reply
        let tooMuch: NodeProcess.Reply

        init() throws {
            let net = try Network()
            self.net = net
            let s = try net.steel.addTenant()
            let p = try net.parts.addTenant()
            let a = try net.assembler.addTenant()
            let outsider = try net.assembler.addTenant()
            for n in net.nodes { try net.start(n) }

            // Steel supplier: 100 kg S45C (100 × 0.393 = 39.3) and a furnace at 0.5 kg-CO2e/min for 60 min (30);
            // 100 kg completed: 69.3 / 100 = 0.693 kg-CO2e/kg.
            let st = net.steel
            let furnace = try st.call("POST", "/v1/equipment", token: s.token, ["activityUnit": "min"]).str("equipmentId")
            _ = try st.call("PUT", "/v1/equipment/\(furnace)/intensity", token: s.token, ["intensity": 0.5, "unit": "kg-CO2e/min"])
            let steelLot = try st.call("POST", "/v1/lots", token: s.token, ["declaredUnit": "kg"]).str("lotId")
            _ = try st.call(
                "POST", "/v1/lots/\(steelLot)/material-uses", token: s.token, ["category": "steel-s45c", "quantity": 100, "unit": "kg"])
            _ = try st.call(
                "POST", "/v1/lots/\(steelLot)/equipment-uses", token: s.token,
                ["equipmentId": .string(furnace), "activity": 60, "unit": "min"]
            )
            let steelDone = try st.call("POST", "/v1/lots/\(steelLot)/completion", token: s.token, ["completed": 100])
            _ = try st.call(
                "POST", "/v1/lots/\(steelLot)/shipments", token: s.token,
                ["consignee": .string("\(p.businessId)@parts"), "quantity": 50]
            )

            // Before it was shipped to it, nobody else may use the lot: the assembler was shipped nothing.
            let pt = net.parts
            let asm = net.assembler
            let stray = try asm.call("POST", "/v1/lots", token: a.token, ["declaredUnit": "piece"]).str("lotId")
            let notShipped = try asm.call(
                "POST", "/v1/lots/\(stray)/material-uses", token: a.token,
                ["materialLotId": .string(steelLot), "node": "steel", "quantity": 1, "unit": "kg"])

            // Parts maker: 20 kg of the steel lot (20 × 0.693 = 13.86) and 10 min at 0.2 (2);
            // 10 pieces: 15.86 / 10 = 1.586 kg-CO2e/piece.
            let press = try pt.call("POST", "/v1/equipment", token: p.token, ["activityUnit": "min"]).str("equipmentId")
            _ = try pt.call("PUT", "/v1/equipment/\(press)/intensity", token: p.token, ["intensity": 0.2, "unit": "kg-CO2e/min"])
            let partLot = try pt.call("POST", "/v1/lots", token: p.token, ["declaredUnit": "piece"]).str("lotId")
            let steelUse = try pt.call(
                "POST", "/v1/lots/\(partLot)/material-uses", token: p.token,
                ["materialLotId": .string(steelLot), "node": "steel", "quantity": 20, "unit": "kg"])
            // More than the 50 kg shipped is refused, and leaves nothing behind.
            let tooMuch = try pt.call(
                "POST", "/v1/lots/\(partLot)/material-uses", token: p.token,
                ["materialLotId": .string(steelLot), "node": "steel", "quantity": 31, "unit": "kg"])
            _ = try pt.call(
                "POST", "/v1/lots/\(partLot)/equipment-uses", token: p.token,
                ["equipmentId": .string(press), "activity": 10, "unit": "min"])
            let partDone = try pt.call("POST", "/v1/lots/\(partLot)/completion", token: p.token, ["completed": 10])
            _ = try pt.call(
                "POST", "/v1/lots/\(partLot)/shipments", token: p.token,
                ["consignee": .string("\(a.businessId)@assembler"), "quantity": 4]
            )

            // Assembler: 4 parts (4 × 1.586 = 6.344) and 1 kg ABS (0.254); 2 pieces: 6.598 / 2 = 3.299.
            let product = try asm.call("POST", "/v1/lots", token: a.token, ["declaredUnit": "piece"]).str("lotId")
            let partUse = try asm.call(
                "POST", "/v1/lots/\(product)/material-uses", token: a.token,
                ["materialLotId": .string(partLot), "node": "parts", "quantity": 4, "unit": "piece"])
            _ = try asm.call(
                "POST", "/v1/lots/\(product)/material-uses", token: a.token, ["category": "resin-abs", "quantity": 1, "unit": "kg"])
            let productDone = try asm.call("POST", "/v1/lots/\(product)/completion", token: a.token, ["completed": 2])
            self.s = s
            self.p = p
            self.a = a
            self.outsider = outsider
            self.steelLot = steelLot
            self.partLot = partLot
            self.product = product
            self.steelDone = steelDone
            self.steelUse = steelUse
            self.partDone = partDone
            self.partUse = partUse
            self.productDone = productDone
            self.notShipped = notShipped
            self.tooMuch = tooMuch
        }
    }

    /// Started by the first test that needs it; its servers end with the test process.
    static let shared = Result { try Chain() }

    /// The same chain on three nodes of its own, for tests that change or stop them.
    struct FreshChain {
        let net: Network
        let s: (businessId: String, token: String)
        let p: (businessId: String, token: String)
        let a: (businessId: String, token: String)
        let steelLot: String
        let partLot: String
        let product: String

        init() throws {
            let net = try Network()
            let (st, pt, asm) = (net.steel, net.parts, net.assembler)
            let s = try st.addTenant()
            let p = try pt.addTenant()
            let a = try asm.addTenant()
            for n in net.nodes { try net.start(n) }
            // 100 kg of S45C and 60 min at 0.5: 0.693 per kg; 20 kg of it and 10 min at 0.2 in 10 parts: 1.586 each;
            // 4 parts and 1 kg ABS in 2 products: 3.299 each (the shared chain, on nodes of its own).
            let furnace = try st.call("POST", "/v1/equipment", token: s.token, ["activityUnit": "min"]).str("equipmentId")
            _ = try st.call("PUT", "/v1/equipment/\(furnace)/intensity", token: s.token, ["intensity": 0.5, "unit": "kg-CO2e/min"])
            let steelLot = try st.call("POST", "/v1/lots", token: s.token, ["declaredUnit": "kg"]).str("lotId")
            _ = try st.call(
                "POST", "/v1/lots/\(steelLot)/material-uses", token: s.token, ["category": "steel-s45c", "quantity": 100, "unit": "kg"])
            _ = try st.call(
                "POST", "/v1/lots/\(steelLot)/equipment-uses", token: s.token,
                ["equipmentId": .string(furnace), "activity": 60, "unit": "min"])
            _ = try st.call("POST", "/v1/lots/\(steelLot)/completion", token: s.token, ["completed": 100])
            _ = try st.call(
                "POST", "/v1/lots/\(steelLot)/shipments", token: s.token, ["consignee": .string("\(p.businessId)@parts"), "quantity": 50])
            let press = try pt.call("POST", "/v1/equipment", token: p.token, ["activityUnit": "min"]).str("equipmentId")
            _ = try pt.call("PUT", "/v1/equipment/\(press)/intensity", token: p.token, ["intensity": 0.2, "unit": "kg-CO2e/min"])
            let partLot = try pt.call("POST", "/v1/lots", token: p.token, ["declaredUnit": "piece"]).str("lotId")
            _ = try pt.call(
                "POST", "/v1/lots/\(partLot)/material-uses", token: p.token,
                ["materialLotId": .string(steelLot), "node": "steel", "quantity": 20, "unit": "kg"])
            _ = try pt.call(
                "POST", "/v1/lots/\(partLot)/equipment-uses", token: p.token,
                ["equipmentId": .string(press), "activity": 10, "unit": "min"])
            _ = try pt.call("POST", "/v1/lots/\(partLot)/completion", token: p.token, ["completed": 10])
            _ = try pt.call(
                "POST", "/v1/lots/\(partLot)/shipments", token: p.token, ["consignee": .string("\(a.businessId)@assembler"), "quantity": 4])
            let product = try asm.call("POST", "/v1/lots", token: a.token, ["declaredUnit": "piece"]).str("lotId")
            _ = try asm.call(
                "POST", "/v1/lots/\(product)/material-uses", token: a.token,
                ["materialLotId": .string(partLot), "node": "parts", "quantity": 4, "unit": "piece"])
            _ = try asm.call(
                "POST", "/v1/lots/\(product)/material-uses", token: a.token, ["category": "resin-abs", "quantity": 1, "unit": "kg"])
            _ = try asm.call("POST", "/v1/lots/\(product)/completion", token: a.token, ["completed": 2])
            #expect(FederationTests.close(try asm.call("GET", "/v1/lots/\(product)", token: a.token).num("co2PerUnit"), 3.299))
            self.net = net
            self.s = s
            self.p = p
            self.a = a
            self.steelLot = steelLot
            self.partLot = partLot
            self.product = product
        }
    }

    /// Headers of a signed GET of `path` by the assembler's node (or `node`) for `business`, meant for `target`.
    struct SignedGet {
        let path: String
        let key: Curve25519.Signing.PrivateKey

        func callAsFunction(
            _ business: String, node: String = "assembler", key other: Curve25519.Signing.PrivateKey? = nil, at: Date = Date(),
            target: String = "parts"
        ) -> [String: String] {
            MessageSignature.sign(
                method: "GET", path: path, body: [], actingBusiness: business, nodeId: node, target: target, key: other ?? key, now: at)
        }
    }

    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= tolerance } ?? false }

    @Test("Cross-node material uses carry the suppliers' verified CFPs: 13.86, 6.344, 3.299; unshipped and over-quantity uses refused")
    func crossNodeFigures() throws {
        let chain = try Self.shared.get()
        let (net, p) = (chain.net, chain.p)
        let (st, pt) = (net.steel, net.parts)
        let (steelLot, partLot) = (chain.steelLot, chain.partLot)
        #expect(Self.close(chain.steelDone.num("co2PerUnit"), 0.693), "(100 × 0.393 + 60 × 0.5) / 100")
        #expect(chain.notShipped.status == 404 && chain.notShipped["field"] == "materialLotId", "\(chain.notShipped.json)")
        #expect(chain.steelUse.status == 201, "\(chain.steelUse.json)")
        #expect(Self.close(chain.steelUse.num("co2"), 13.86), "20 × 0.693")
        #expect(chain.steelUse.num("statementVersion") == 1 && chain.steelUse.str("node") == "steel")
        // The 50 kg shipped, which bound the use, rest on the steel node's signed word, kept with the use.
        let claim = try #require(chain.steelUse["shipmentClaim"]?.stringValue)
        let shipped = try ShipmentClaim.verify(
            claim, publicKey: try NodeKeys.read(from: st.data).signingKey.publicKey, node: "steel", lotId: steelLot,
            consignee: "\(p.businessId)@parts")
        #expect(shipped.shipped == 50)
        #expect(chain.tooMuch.status == 409 && chain.tooMuch.code == "quantity_exceeds_available", "31 kg more than the 50 shipped")
        #expect(Self.close(chain.partDone.num("co2PerUnit"), 1.586), "(13.86 + 10 × 0.2) / 10")
        #expect(Self.close(chain.partUse.num("co2"), 6.344), "4 × 1.586: \(chain.partUse.json)")
        #expect(Self.close(chain.productDone.num("co2PerUnit"), 3.299), "(6.344 + 0.254) / 2")
        // The refused over-quantity use left nothing behind: one use of the steel lot on the parts lot.
        let uses = try pt.call("GET", "/v1/lots/\(partLot)/material-uses", token: p.token)["materialUses"]?.arrayValue ?? []
        #expect(uses.count == 1)
    }

    @Test("A remote consignee reads the breakdown directly and through its own node; other businesses get 404")
    func remoteConsignee() throws {
        let chain = try Self.shared.get()
        let (net, a, outsider) = (chain.net, chain.a, chain.outsider)
        let (pt, asm) = (net.parts, net.assembler)
        let partLot = chain.partLot
        let key = try NodeKeys.read(from: asm.data).signingKey
        let muPath = "/v1/lots/\(partLot)/material-uses"
        let signed = SignedGet(path: muPath, key: key)
        // The remote consignee reads the parts lot's breakdown through its node; any other business gets 404.
        let consigneeRead = try pt.call("GET", muPath, token: nil, headers: signed("\(a.businessId)@assembler"))
        #expect(consigneeRead.status == 200 && Self.close(consigneeRead["materialUses"]?.arrayValue?.first?["co2"]?.numberValue, 13.86))
        #expect(try pt.call("GET", muPath, token: nil, headers: signed("\(outsider.businessId)@assembler")).status == 404)
        #expect(
            try pt.call(
                "GET", "/v1/lots/\(partLot)/equipment-uses", token: nil,
                headers: MessageSignature.sign(
                    method: "GET", path: "/v1/lots/\(partLot)/equipment-uses", body: [],
                    actingBusiness: "\(outsider.businessId)@assembler", nodeId: "assembler", target: "parts", key: key)
            ).status == 404)
        // The same through the consignee's own node, which forwards the enquiry signed for its business.
        let viaOwnNode = try asm.call("GET", "\(muPath)?node=parts", token: a.token)
        #expect(
            viaOwnNode.status == 200 && Self.close(viaOwnNode["materialUses"]?.arrayValue?.first?["co2"]?.numberValue, 13.86),
            "\(viaOwnNode.json)")
        #expect(try asm.call("GET", "/v1/lots/\(partLot)/equipment-uses?node=parts", token: a.token).status == 200)
        let outsiderVia = try asm.call("GET", "\(muPath)?node=parts", token: outsider.token)
        #expect(outsiderVia.status == 404 && outsiderVia.code == "not_found", "\(outsiderVia.json)")
        #expect(try asm.call("GET", "/v1/lots/\(partLot)/equipment-uses?node=parts", token: outsider.token).status == 404)
    }

    @Test("Signed requests with another key, an unknown node, a stale or absurd date, or a replayed nonce are refused")
    func refusedSignatures() throws {
        let chain = try Self.shared.get()
        let (net, a) = (chain.net, chain.a)
        let (pt, asm) = (net.parts, net.assembler)
        let partLot = chain.partLot
        let key = try NodeKeys.read(from: asm.data).signingKey
        let muPath = "/v1/lots/\(partLot)/material-uses"
        let signed = SignedGet(path: muPath, key: key)
        // Refused requests: another key, an unknown node, a stale date, a replayed signature.
        let once = signed("\(a.businessId)@assembler")
        #expect(try pt.call("GET", muPath, token: nil, headers: once).status == 200)
        #expect(try pt.call("GET", muPath, token: nil, headers: once).code == "bad_signature", "replay")
        #expect(
            try pt.call("GET", muPath, token: nil, headers: signed("\(a.businessId)@assembler", key: Curve25519.Signing.PrivateKey())).code
                == "bad_signature")
        #expect(try pt.call("GET", muPath, token: nil, headers: signed("\(a.businessId)@ghost", node: "ghost")).code == "bad_signature")
        #expect(
            try pt.call("GET", muPath, token: nil, headers: signed("\(a.businessId)@assembler", at: Date().addingTimeInterval(-900))).code
                == "bad_signature")
        // Signed for another node: a request cannot be replayed from one node to the next.
        let forSteel = signed("\(a.businessId)@assembler", target: "steel")
        let replayedElsewhere = try pt.call("GET", muPath, token: nil, headers: forSteel)
        #expect(replayedElsewhere.code == "bad_signature" && replayedElsewhere.status == 401, "\(replayedElsewhere.json)")
        // A date whose year does not fit is refused, and the node keeps serving.
        var absurd = signed("\(a.businessId)@assembler")
        absurd["date"] = "Mon, 01 Jan -2147483648 00:00:00 GMT"
        #expect(try pt.call("GET", muPath, token: nil, headers: absurd).code == "bad_signature")
        #expect(try pt.call("GET", "/healthz", token: nil).status == 200)
    }

    @Test("A trace batch with a forged onward grant is refused with the index of the grant")
    func forgedOnwardGrant() throws {
        let chain = try Self.shared.get()
        let (net, p, a) = (chain.net, chain.p, chain.a)
        let (st, asm) = (net.steel, net.assembler)
        let (steelLot, partLot) = (chain.steelLot, chain.partLot)
        let key = try NodeKeys.read(from: asm.data).signingKey
        // A peer's trace batch with a forged onward grant is refused with the index of the grant.
        let forgedOnward = try OnwardGrant.sign(
            holder: "\(p.businessId)@parts", to: "\(a.businessId)@assembler", lot: steelLot, node: "steel", via: partLot,
            keys: NodeKeys.generate(nodeId: "parts"))
        let batchBody = CanonicalJSON.bytes(["lots": [.string(steelLot)], "onward": [.string(forgedOnward)]])
        let batch = try st.call(
            "POST", "/v1/federation/lots", token: nil, try JSONParser.parse(batchBody),
            headers: MessageSignature.sign(
                method: "POST", path: "/v1/federation/lots", body: batchBody,
                actingBusiness: "\(a.businessId)@assembler", nodeId: "assembler", target: "steel", key: key))
        #expect(batch.status == 422 && batch.code == "bad_onward_grant" && batch["field"] == "onward[0]", "\(batch.json)")
    }

    @Test(
        "A trace batch asked with the tag of the node's last answer is unchanged while nothing changed, the reads logged again; another tag, another reader, a write or an expired agreement get the full answer"
    )
    func unchangedBatches() throws {
        // Nodes of its own: it writes, and it reads the steel lot as the parts maker.
        let chain = try FreshChain()
        let (net, s, p, a) = (chain.net, chain.s, chain.p, chain.a)
        defer { net.stopAll() }
        let (st, pt, asm) = (net.steel, net.parts, net.assembler)
        let steelLot = chain.steelLot
        let partsKey = try NodeKeys.read(from: pt.data).signingKey
        let assemblerKey = try NodeKeys.read(from: asm.data).signingKey
        /// A batch of the steel lot, signed by the parts node for its business (the lot's consignee).
        func ask(known: JSONValue? = nil, asAssembler: Bool = false) throws -> NodeProcess.Reply {
            var body = JSONObject(["lots": [.string(steelLot)]])
            if let known { body["known"] = known }
            let bytes = CanonicalJSON.bytes(.object(body))
            let (business, node, key) =
                asAssembler ? ("\(a.businessId)@assembler", "assembler", assemblerKey) : ("\(p.businessId)@parts", "parts", partsKey)
            return try st.call(
                "POST", "/v1/federation/lots", token: nil, try JSONParser.parse(bytes),
                headers: MessageSignature.sign(
                    method: "POST", path: "/v1/federation/lots", body: bytes, actingBusiness: business, nodeId: node, target: "steel",
                    key: key))
        }
        func reads() throws -> Int {
            (try st.call("GET", "/v1/usage", token: s.token)["usage"]?.arrayValue ?? []).filter {
                $0["reader"] == .string("\(p.businessId)@parts") && $0["lotId"] == .string(steelLot)
            }.count
        }
        let full = try ask()
        #expect(full.status == 200 && full["lots"]?.arrayValue?.count == 1 && full["unchanged"] == nil, "\(full.json)")
        let tag = try #require(full["answerTag"]?.stringValue)
        let size = try #require(full["treeHead"]?["size"]?.numberValue)
        let logged = try reads()
        // The same request with that tag: unchanged, under the same head, the read logged again.
        let again = try ask(known: .string(tag))
        #expect(again.status == 200 && again["unchanged"] == .bool(true) && again["lots"] == nil, "\(again.json)")
        #expect(again["treeHead"]?["size"]?.numberValue == size && again["treeHead"]?["root"] == full["treeHead"]?["root"])
        #expect(try reads() == logged + 1)
        // Another tag, or another reader with this one: the full answer, under a new tag.
        let otherTag = try ask(known: "1-abc")
        #expect(otherTag["lots"]?.arrayValue?.count == 1 && otherTag["answerTag"] != full["answerTag"])
        let latest = try #require(otherTag["answerTag"]?.stringValue)
        let other = try ask(known: .string(latest), asAssembler: true)
        #expect(other.status == 200 && other["lots"]?.arrayValue?.count == 1 && other["unchanged"] == nil, "\(other.json)")
        // The first tag no longer names the node's last answer to the parts maker.
        #expect(try ask(known: .string(tag))["unchanged"] == nil)
        // Bad tags are refused, naming the field.
        for bad: JSONValue in [12, "", "ABC", .string(String(repeating: "a", count: 65))] {
            let r = try ask(known: bad)
            #expect(r.status == 422 && r["field"] == "known", "\(bad): \(r.json)")
        }
        // A write on the steel node (a new lot) grows its log: the full answer again, under the new head.
        let current = try #require(try ask()["answerTag"]?.stringValue)
        #expect(try ask(known: .string(current))["unchanged"] == .bool(true))
        #expect(try st.call("POST", "/v1/lots", token: s.token, ["declaredUnit": "kg"]).status == 201)
        let grown = try ask(known: .string(current))
        #expect(grown["lots"]?.arrayValue?.count == 1 && grown["unchanged"] == nil, "\(grown.json)")
        #expect(try #require(grown["treeHead"]?["size"]?.numberValue) > size)
        // An agreement that runs out: the answer it opened holds only until then.
        let brief = try st.call(
            "POST", "/v1/agreements", token: s.token,
            [
                "grantee": .string("\(a.businessId)@assembler"), "scope": "lot", "lotId": .string(steelLot),
                "contracts": ["material-use-enquiry"], "purpose": "one look",
                "expiresAt": .string(Timestamp.format(millis: Timestamp.nowMillis() + 1500)),
            ])
        #expect(brief.status == 201)
        let opened = try ask(asAssembler: true)
        #expect(opened["lots"]?.arrayValue?.first?["materialUses"]?.arrayValue != nil, "\(opened.json)")
        let openedTag = try #require(opened["answerTag"]?.stringValue)
        #expect(try ask(known: .string(openedTag), asAssembler: true)["unchanged"] == .bool(true), "within the agreement's term")
        Thread.sleep(forTimeInterval: 1.7)
        let closed = try ask(known: .string(openedTag), asAssembler: true)
        #expect(closed["unchanged"] == nil && closed["lots"]?.arrayValue?.first?["materialUses"] == "undisclosed", "\(closed.json)")

        // With everything open to the assembler (an agreement of the steel owner), a walk asks no
        // grants: the next walk from the same lot asks every batch of the last one at once, and when
        // all are unchanged it is done in one round, with the same tree.
        func withoutStats(_ v: JSONValue) -> JSONValue {
            guard var o = v.objectValue else { return v }
            o["stats"] = nil
            return .object(o)
        }
        let all = try st.call(
            "POST", "/v1/agreements", token: s.token,
            [
                "grantee": .string("\(a.businessId)@assembler"), "scope": "all", "contracts": ["material-use-enquiry"],
                "purpose": "audit",
            ])
        #expect(all.status == 201)
        let trace = "/v1/lots/\(chain.product)/trace"
        let first = try asm.call("GET", trace, token: a.token)
        #expect(first["complete"] == .bool(true) && first["stats"]?["rounds"]?.numberValue == 3, "\(first["stats"] ?? .null)")
        let steelUnder = first["breakdown"]?.arrayValue?.first { $0["node"] == "parts" }?["breakdown"]?.arrayValue?.first
        #expect(steelUnder?["breakdown"]?.arrayValue?.isEmpty == false, "the steel breakdown is open")
        let second = try asm.call("GET", trace, token: a.token)
        #expect(second["stats"]?["rounds"]?.numberValue == 1, "\(second["stats"] ?? .null)")
        #expect(second["stats"]?["unchanged"] == second["stats"]?["requests"])
        #expect(withoutStats(second.json) == withoutStats(first.json))
        // A write on the steel node: its batch is not unchanged, so the walk goes level by level again, to the same tree.
        #expect(try st.call("POST", "/v1/lots", token: s.token, ["declaredUnit": "kg"]).status == 201)
        let third = try asm.call("GET", trace, token: a.token)
        let stats = third["stats"]
        #expect((stats?["rounds"]?.numberValue ?? 0) > 1 && (stats?["unchanged"]?.numberValue ?? 0) >= 1, "\(stats ?? .null)")
        /// The tree without its log proofs (the steel lot's now leads to the grown log's head).
        func withoutProofs(_ v: JSONValue) -> JSONValue {
            switch v {
            case .array(let items): return .array(items.map(withoutProofs))
            case .object(var o):
                o["logProof"] = nil
                for (k, child) in o.pairs { o[k] = withoutProofs(child) }
                return .object(o)
            default: return v
            }
        }
        #expect(withoutProofs(third.json)["breakdown"] == withoutProofs(first.json)["breakdown"])
        // The agreement revoked: the replay of the plan fails at the steel node, and the breakdown closes.
        #expect(try st.call("DELETE", "/v1/agreements/\(all.str("agreementId"))", token: s.token).status == 200)
        let closed2 = try asm.call("GET", trace, token: a.token)
        let steelClosed = closed2["breakdown"]?.arrayValue?.first { $0["node"] == "parts" }?["breakdown"]?.arrayValue?.first
        #expect(steelClosed?["breakdown"] == "undisclosed", "\(closed2.json)")
    }

    @Test("The product's trace shows every figure, verified; another business of the node sees statements only")
    func fullTrace() throws {
        let chain = try Self.shared.get()
        let (net, a, outsider) = (chain.net, chain.a, chain.outsider)
        let asm = net.assembler
        let (steelLot, partLot, product) = (chain.steelLot, chain.partLot, chain.product)
        // The full trace from the assembler's product.
        let trace = try asm.call("GET", "/v1/lots/\(product)/trace", token: a.token)
        #expect(trace.status == 200, "\(trace.json)")
        #expect(trace["complete"] == .bool(true), "\(trace.json)")
        #expect(Self.close(trace.num("co2PerUnit"), 3.299) && trace["verified"] == .bool(true))
        let inputs = trace["breakdown"]?.arrayValue ?? []
        #expect(inputs.count == 2)
        let partNode = inputs.first { $0["lotId"]?.stringValue == partLot }
        #expect(partNode?["node"] == "parts" && partNode?["verified"] == .bool(true))
        #expect(Self.close(partNode?["co2PerUnit"]?.numberValue, 1.586) && Self.close(partNode?["co2"]?.numberValue, 6.344))
        #expect(partNode?["quantity"]?.numberValue == 4)
        let steelNode = partNode?["breakdown"]?.arrayValue?.first { $0["lotId"]?.stringValue == steelLot }
        #expect(steelNode?["node"] == "steel" && Self.close(steelNode?["co2PerUnit"]?.numberValue, 0.693))
        #expect(Self.close(steelNode?["co2"]?.numberValue, 13.86) && steelNode?["quantity"]?.numberValue == 20)
        // The steel supplier disclosed its breakdown to the parts maker only.
        #expect(steelNode?["breakdown"] == "undisclosed")
        let abs = inputs.first { $0["category"] == "resin-abs" }
        #expect(Self.close(abs?["co2"]?.numberValue, 0.254))
        // The same walk for another business of the assembler's node: statements, no breakdowns.
        let outsiderTrace = try asm.call("GET", "/v1/lots/\(partLot)/trace?node=parts", token: outsider.token)
        #expect(outsiderTrace["breakdown"] == "undisclosed" && Self.close(outsiderTrace.num("co2PerUnit"), 1.586))
        // Asked for CBOR, the same trace comes as CBOR holding the same tree (the walk's time aside).
        let binary = try asm.call("GET", "/v1/lots/\(product)/trace", token: a.token, headers: ["Accept": "application/cbor"])
        #expect(binary.status == 200 && binary.cbor, "\(binary.json)")
        func withoutTime(_ v: JSONValue) -> JSONValue {
            guard var o = v.objectValue, var stats = o["stats"]?.objectValue else { return v }
            stats["elapsedMs"] = nil
            stats["unchanged"] = nil  // the second walk takes unchanged batches from what the first kept
            o["stats"] = .object(stats)
            return .object(o)
        }
        #expect(withoutTime(binary.json) == withoutTime(trace.json))
        #expect(try asm.call("GET", "/v1/lots/\(product)/trace", token: a.token, headers: ["Accept": "application/json"]).cbor == false)
    }

    @Test("An agreement opens the steel breakdown to the assembler until revoked or expired; usage logs name every reader")
    func agreementsAndUsage() throws {
        let chain = try Self.shared.get()
        let (net, s, p, a, outsider) = (chain.net, chain.s, chain.p, chain.a, chain.outsider)
        let (st, pt, asm) = (net.steel, net.parts, net.assembler)
        let (steelLot, partLot, product) = (chain.steelLot, chain.partLot, chain.product)
        // An agreement lets the assembler see upstream of its supplier: the steel breakdown (100 kg S45C → 39.3).
        let grant = try st.call(
            "POST", "/v1/agreements", token: s.token,
            [
                "grantee": .string("\(a.businessId)@assembler"), "scope": "all",
                "contracts": ["material-use-enquiry"], "purpose": "product CFP audit",
            ])
        #expect(grant.status == 201, "\(grant.json)")
        let deeper = try asm.call("GET", "/v1/lots/\(product)/trace", token: a.token)
        let steelOpen = deeper["breakdown"]?.arrayValue?.first { $0["lotId"]?.stringValue == partLot }?["breakdown"]?.arrayValue?.first
        #expect(steelOpen?["disclosedAs"] == .string("agreement:\(grant.str("agreementId"))"))
        #expect(
            Self.close(steelOpen?["breakdown"]?.arrayValue?.first?["co2"]?.numberValue, 39.3)
                && Self.close(steelOpen?["materialCO2"]?.numberValue, 39.3))
        // Another business of the assembler's node is not covered by it.
        #expect(try asm.call("GET", "/v1/lots/\(steelLot)/trace?node=steel", token: outsider.token)["breakdown"] == "undisclosed")
        // Reading under the agreement directly (through the assembler's node), then 404 once it is revoked or expired.
        let steelMU = "/v1/lots/\(steelLot)/material-uses?node=steel"
        #expect(try asm.call("GET", steelMU, token: a.token).status == 200)
        #expect(try st.call("DELETE", "/v1/agreements/\(grant.str("agreementId"))", token: s.token)["inForce"] == .bool(false))
        #expect(try asm.call("GET", steelMU, token: a.token).status == 404, "revoked")
        let brief = try st.call(
            "POST", "/v1/agreements", token: s.token,
            [
                "grantee": .string("\(a.businessId)@assembler"), "scope": "lot", "lotId": .string(steelLot),
                "contracts": ["material-use-enquiry"], "purpose": "one look",
                "expiresAt": .string(Timestamp.format(millis: Timestamp.nowMillis() + 2500)),
            ])
        #expect(brief.status == 201)
        #expect(try asm.call("GET", steelMU, token: a.token).status == 200, "within its term")
        Thread.sleep(forTimeInterval: 2.7)
        #expect(try asm.call("GET", steelMU, token: a.token).status == 404, "expired")
        let revoked = try asm.call("GET", "/v1/lots/\(steelLot)/trace?node=steel", token: a.token)
        #expect(revoked["breakdown"] == "undisclosed", "revocation takes effect at once")
        // The owners' usage logs: who read what, on what basis. Refused reads are not in them.
        let steelUsage = try st.call("GET", "/v1/usage", token: s.token)["usage"]?.arrayValue ?? []
        let byAgreement = steelUsage.filter { $0["reader"] == .string("\(a.businessId)@assembler") && $0["lotId"] == .string(steelLot) }
        #expect(byAgreement.contains { $0["basis"] == .string("agreement:\(grant.str("agreementId"))") })
        #expect(byAgreement.contains { $0["basis"] == .string("agreement:\(brief.str("agreementId"))") })
        #expect(
            byAgreement.allSatisfy { $0["basis"]?.stringValue?.hasPrefix("agreement:") == true && $0["contract"] == "material-use-enquiry" }
        )
        #expect(
            steelUsage.contains { $0["reader"] == .string("\(p.businessId)@parts") && $0["basis"] == "consignee" } == false,
            "the parts maker never read the steel breakdown")
        #expect(!steelUsage.contains { $0["reader"] == .string("\(outsider.businessId)@assembler") })
        let partsUsage = try pt.call("GET", "/v1/usage", token: p.token)["usage"]?.arrayValue ?? []
        #expect(
            partsUsage.contains {
                $0["reader"] == .string("\(a.businessId)@assembler") && $0["basis"] == "consignee"
                    && $0["contract"] == "facility-usage-enquiry"
            })
        #expect(!partsUsage.contains { $0["reader"] == .string("\(outsider.businessId)@assembler") })
    }

    @Test(
        "A plain agreement stops at its grantee; a transitive one opens upstream to the grantee's customers, across nodes and on one node")
    func transitiveAgreements() throws {
        let chain = try Self.shared.get()
        let (net, s, p, a, outsider) = (chain.net, chain.s, chain.p, chain.a, chain.outsider)
        let (st, pt, asm) = (net.steel, net.parts, net.assembler)
        let (partLot, product) = (chain.partLot, chain.product)
        func steelUnderProduct() throws -> JSONValue? {
            try asm.call("GET", "/v1/lots/\(product)/trace", token: a.token)["breakdown"]?.arrayValue?
                .first { $0["lotId"]?.stringValue == partLot }?["breakdown"]?.arrayValue?.first
        }
        // Agreements to the parts maker: a plain one stops at it; a transitive one lets its customer trace two levels up.
        let plain = try st.call(
            "POST", "/v1/agreements", token: s.token,
            [
                "grantee": .string("\(p.businessId)@parts"), "scope": "shipped",
                "contracts": ["material-use-enquiry"], "purpose": "supplier audit",
            ])
        #expect(plain.status == 201 && plain["transitive"] == .bool(false))
        #expect(try steelUnderProduct()?["breakdown"] == "undisclosed", "a non-transitive agreement stops after one level")
        _ = try st.call("DELETE", "/v1/agreements/\(plain.str("agreementId"))", token: s.token)
        let onward = try st.call(
            "POST", "/v1/agreements", token: s.token,
            [
                "grantee": .string("\(p.businessId)@parts"), "scope": "shipped", "transitive": true,
                "contracts": ["material-use-enquiry"], "purpose": "CFP disclosure to customers",
            ])
        // The grantee lists, through its own node, what the steel node's owners granted it.
        let received = try pt.call("GET", "/v1/agreements?node=steel", token: p.token)["received"]?.arrayValue ?? []
        #expect(
            received.contains {
                $0["agreementId"] == .string(onward.str("agreementId")) && $0["transitive"] == .bool(true) && $0["inForce"] == .bool(true)
            })
        #expect(received.contains { $0["agreementId"] == .string(plain.str("agreementId")) && $0["inForce"] == .bool(false) })
        #expect(try asm.call("GET", "/v1/agreements?node=steel", token: outsider.token)["received"]?.arrayValue?.isEmpty == true)
        let viaParts = try steelUnderProduct()
        #expect(
            viaParts?["disclosedAs"] == .string("agreement:\(onward.str("agreementId")) via \(p.businessId)@parts"),
            "\(viaParts.map(CanonicalJSON.encode) ?? "")")
        #expect(Self.close(viaParts?["breakdown"]?.arrayValue?.first?["co2"]?.numberValue, 39.3))
        #expect(
            try st.call("GET", "/v1/usage", token: s.token)["usage"]?.arrayValue?.first?["basis"]
                == .string("agreement:\(onward.str("agreementId")) via \(p.businessId)@parts"))
        // The outsider gets no onward grant from the parts node, so nothing more.
        #expect(try asm.call("GET", "/v1/lots/\(partLot)/trace?node=parts", token: outsider.token)["breakdown"] == "undisclosed")
        _ = try st.call("DELETE", "/v1/agreements/\(onward.str("agreementId"))", token: s.token)
        #expect(try steelUnderProduct()?["breakdown"] == "undisclosed", "revoked")

        // The same with supplier and grantee on one node: a foundry and a machine shop both hosted by the parts node.
        let foundry = try pt.addTenant()
        let shop = try pt.addTenant()
        let casting = try pt.call("POST", "/v1/lots", token: foundry.token, ["declaredUnit": "kg"]).str("lotId")
        _ = try pt.call(
            "POST", "/v1/lots/\(casting)/material-uses", token: foundry.token, ["category": "steel-s45c", "quantity": 10, "unit": "kg"])
        _ = try pt.call("POST", "/v1/lots/\(casting)/completion", token: foundry.token, ["completed": 10])
        _ = try pt.call(
            "POST", "/v1/lots/\(casting)/shipments", token: foundry.token, ["consignee": .string(shop.businessId), "quantity": 10])
        let housing = try pt.call("POST", "/v1/lots", token: shop.token, ["declaredUnit": "piece"]).str("lotId")
        #expect(
            try pt.call(
                "POST", "/v1/lots/\(housing)/material-uses", token: shop.token,
                ["materialLotId": .string(casting), "quantity": 5, "unit": "kg"]
            ).status == 201)
        _ = try pt.call("POST", "/v1/lots/\(housing)/completion", token: shop.token, ["completed": 5])
        _ = try pt.call(
            "POST", "/v1/lots/\(housing)/shipments", token: shop.token, ["consignee": .string("\(a.businessId)@assembler"), "quantity": 5])
        func castingSeen() throws -> JSONValue? {
            try asm.call("GET", "/v1/lots/\(housing)/trace?node=parts", token: a.token)["breakdown"]?.arrayValue?.first
        }
        #expect(try castingSeen()?["breakdown"] == "undisclosed")
        let local = try pt.call(
            "POST", "/v1/agreements", token: foundry.token,
            [
                "grantee": .string(shop.businessId), "scope": "shipped", "transitive": true,
                "contracts": ["material-use-enquiry"], "purpose": "CFP disclosure to customers",
            ])
        #expect(try castingSeen()?["disclosedAs"] == .string("agreement:\(local.str("agreementId")) via \(shop.businessId)@parts"))
    }

    @Test("The CLI prints the trace tree with its figures")
    func cliTrace() throws {
        let chain = try Self.shared.get()
        let (net, a) = (chain.net, chain.a)
        let asm = net.assembler
        let product = chain.product
        // The CLI prints the tree with its figures.
        let cli = try NodeProcess.ctn(["trace", product, "--node", asm.base, "--token", a.token, "--cacert", asm.caFile]).out
        #expect(
            cli.contains("3.299 kg-CO2e/piece") && cli.contains("→ 6.344 kg-CO2e") && cli.contains("→ 13.86 kg-CO2e")
                && cli.contains("complete: yes"), "\(cli)")
    }

    @Test(
        "A supplier's correction: version 2 upstream, the downstream lot keeps the version it used, both ledgers keep version 1, altered statements refused"
    )
    func correction() throws {
        let fresh = try FreshChain()
        let net = fresh.net
        defer { net.stopAll() }
        let (st, pt, asm) = (net.steel, net.parts, net.assembler)
        let (s, p, a) = (fresh.s, fresh.p, fresh.a)
        let (steelLot, partLot, product) = (fresh.steelLot, fresh.partLot, fresh.product)
        _ = (st, pt, asm, s, p, a, steelLot, partLot, product)
        // A correction by the supplier: 10 of the 100 kg were defective. 69.3 / 90 = 0.77 kg-CO2e/kg, version 2.
        let corrected = try st.call(
            "POST", "/v1/lots/\(steelLot)/corrections", token: s.token, ["defects": 10, "reason": "scrap found at inspection"])
        #expect(
            corrected.status == 200 && corrected.num("version") == 2 && Self.close(corrected.num("co2PerUnit"), 0.77), "\(corrected.json)")
        #expect(corrected["previous"]?["version"] == .number(1) && Self.close(corrected["previous"]?["co2PerUnit"]?.numberValue, 0.693))
        // Good units may not fall below the 50 kg shipped.
        #expect(
            try st.call("POST", "/v1/lots/\(steelLot)/corrections", token: s.token, ["defects": 60, "reason": "x"]).code
                == "quantity_exceeds_available")
        let again = try asm.call("GET", "/v1/lots/\(product)/trace", token: a.token)
        let steelAgain = again["breakdown"]?.arrayValue?.first { $0["lotId"]?.stringValue == partLot }?["breakdown"]?.arrayValue?.first
        #expect(steelAgain?["version"] == .number(2) && Self.close(steelAgain?["co2PerUnit"]?.numberValue, 0.77))
        #expect(steelAgain?["statementVersionUsed"] == .number(1) && steelAgain?["superseded"] == .bool(true))
        #expect(Self.close(steelAgain?["co2"]?.numberValue, 13.86), "the parts lot's CO2 rests on the version it used")
        // Both ledgers keep the first version: the supplier's completion event, and the statement in the parts maker's material use.
        let steelLedger = try NodeProcess.ctn(["ledger", "export", "--data", st.data.path]).out
        #expect(
            steelLedger.contains("\"lot.completed\"") && steelLedger.contains("\"lot.corrected\"")
                && steelLedger.contains("scrap found at inspection"))
        let partsLedger = try NodeProcess.ctn(["ledger", "export", "--data", pt.data.path, "--contract", "material-use"]).out
        let keptLine = try #require(partsLedger.split(separator: "\n").first { $0.contains(steelLot) })
        let kept = try JSONParser.parse(Array(keptLine.utf8))
        let keptClaims = try StatementClaims.verify(
            try #require(kept["payload"]?["statement"]?.stringValue),
            publicKey: try NodeKeys.read(from: st.data).signingKey.publicKey, lotId: steelLot, nodeId: "steel")
        #expect(keptClaims.version == 1 && Self.close(keptClaims.co2PerUnit, 0.693))
        // An altered statement does not verify: the payload's CO2 changed, the signature kept.
        let parts3 = keptClaims.jws.split(separator: ".").map(String.init)
        let encodedClaims = try #require(Base64URL.decode(parts3[1]))
        var payload = try #require(try JSONParser.parse(encodedClaims).objectValue)
        payload["co2PerUnit"] = 0.5
        let altered = parts3[0] + "." + Base64URL.encode(CanonicalJSON.bytes(.object(payload))) + "." + parts3[2]
        #expect(throws: LotStatement.Invalid.self) {
            try StatementClaims.verify(
                altered, publicKey: try NodeKeys.read(from: st.data).signingKey.publicKey, lotId: steelLot, nodeId: "steel")
        }
        let cliVerify = try NodeProcess.ctn(
            ["statement", "verify", "--node-json", st.data.appendingPathComponent("node.json").path, altered], expectSuccess: false)
        #expect(cliVerify.status != 0)
        // Anyone with the peer directory verifies offline: the parts maker's directory knows the steel node.
        let viaDirectory = try NodeProcess.ctn([
            "statement", "verify", "--peers", pt.data.appendingPathComponent("peers.json").path, "--json", keptClaims.jws,
        ]).out
        #expect(viaDirectory.contains("\"version\":1") && viaDirectory.contains(steelLot))
        #expect(
            try NodeProcess.ctn(
                ["statement", "verify", "--peers", pt.data.appendingPathComponent("peers.json").path, altered], expectSuccess: false
            ).status != 0)
    }

    @Test("Plain HTTP reaches no peer, and a directory entry with an http:// URL is refused")
    func plainHTTP() throws {
        let net = try Network()
        defer { net.stopAll() }
        let (st, pt) = (net.steel, net.parts)
        for n in net.nodes { try net.start(n) }
        // Plain HTTP to a peer: no answer from its TLS port, and a directory entry with an http:// URL is refused.
        #expect(throws: CurlError.self) {
            try CurlClient(timeout: 3).request("GET", "http://127.0.0.1:\(try #require(net.ports["parts"]))/healthz")
        }
        let entry = try NodeProcess.ctn(["federation", "export", "--data", pt.data.path]).out.replacingOccurrences(
            of: "https://", with: "http://")
        let plainFile = st.data.appendingPathComponent("plain-entry.json")
        try Data(entry.utf8).write(to: plainFile)
        #expect(try NodeProcess.ctn(["federation", "add", "--data", st.data.path, plainFile.path], expectSuccess: false).status != 0)
    }

    @Test(
        "With the steel node stopped the trace says so within its deadline; a statement failing the pinned key is refused, nothing written")
    func stoppedNodeAndForgedStatement() throws {
        let fresh = try FreshChain()
        let net = fresh.net
        defer { net.stopAll() }
        let (st, pt, asm) = (net.steel, net.parts, net.assembler)
        let (s, p, a) = (fresh.s, fresh.p, fresh.a)
        let (steelLot, partLot, product) = (fresh.steelLot, fresh.partLot, fresh.product)
        _ = (st, pt, asm, s, p, a, steelLot, partLot, product)
        // With the steel node stopped, the trace says so within its deadline.
        net.steel.stop()
        let started = Date()
        let partial = try asm.call("GET", "/v1/lots/\(product)/trace?deadlineMs=4000", token: a.token)
        let elapsed = Date().timeIntervalSince(started)
        #expect(partial.status == 200 && partial["complete"] == .bool(false), "\(partial.json)")
        #expect(partial["unreachable"]?.arrayValue?.contains { $0["node"] == "steel" } == true)
        #expect(elapsed < 4 + 1.5, "answered after \(elapsed) s")
        let steelGone = partial["breakdown"]?.arrayValue?.first { $0["lotId"]?.stringValue == partLot }?["breakdown"]?.arrayValue?.first
        #expect(steelGone?["breakdown"] == "unreachable" && Self.close(steelGone?["co2"]?.numberValue, 13.86))
        // A statement that does not verify with the key the directory pins is refused, and nothing is written.
        try net.start(net.steel)
        let lot2 = try st.call("POST", "/v1/lots", token: s.token, ["declaredUnit": "kg"]).str("lotId")
        _ = try st.call("POST", "/v1/lots/\(lot2)/material-uses", token: s.token, ["category": "steel-s45c", "quantity": 10, "unit": "kg"])
        _ = try st.call("POST", "/v1/lots/\(lot2)/completion", token: s.token, ["completed": 10])
        _ = try st.call(
            "POST", "/v1/lots/\(lot2)/shipments", token: s.token, ["consignee": .string("\(a.businessId)@assembler"), "quantity": 10])
        asm.stop()
        let peersFile = asm.data.appendingPathComponent("peers.json")
        let wrongKey = Curve25519.Signing.PrivateKey().publicKey.rawRepresentation.base64EncodedString()
        let steelKey = try NodeKeys.read(from: st.data).publicKeyBase64
        try Data(try String(contentsOf: peersFile, encoding: .utf8).replacingOccurrences(of: steelKey, with: wrongKey).utf8).write(
            to: peersFile)
        try net.start(asm)
        let lot3 = try asm.call("POST", "/v1/lots", token: a.token, ["declaredUnit": "piece"]).str("lotId")
        let headBefore = try asm.call("GET", "/v1/ledger/head", token: nil).num("seq")
        let forged = try asm.call(
            "POST", "/v1/lots/\(lot3)/material-uses", token: a.token,
            ["materialLotId": .string(lot2), "node": "steel", "quantity": 1, "unit": "kg"])
        #expect(forged.status == 502 && forged.code == "bad_statement" && forged["field"] == "materialLotId", "\(forged.json)")
        #expect(try asm.call("GET", "/v1/ledger/head", token: nil).num("seq") == headBefore)
        #expect(try asm.call("GET", "/v1/lots/\(lot3)/material-uses", token: a.token)["materialUses"]?.arrayValue?.isEmpty == true)
    }

    @Test("The main job: three node processes, a chain loaded through the API, a complete trace printed")
    func mainJobDemo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-fdemo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try NodeProcess.ctn(["federation", "demo", "--data", dir.path, "--port", String(freePort()), "--once"]).out
        // Steel: (1050 × 0.393 + 2 × 120) / 1000 per kg; brackets: (150 kg of it + 50 min × 0.251) / 98 good;
        // product: (40 brackets + 3 kg ABS × 0.254 + 120 min × 0.0125) / 10.
        let steel = (1050 * 0.393 + 2 * 120) / 1000
        let bracket = (150 * steel + 50 * 0.251) / 98
        let product = (40 * bracket + 3 * 0.254 + 120 * 0.0125) / 10
        func shown(_ d: Double) -> String { CanonicalJSON.number((d * 1e6).rounded() / 1e6) }
        #expect(out.contains("\(shown(product)) kg-CO2e/piece"), "\(out)")
        #expect(out.contains("\(shown(bracket)) kg-CO2e/piece") && out.contains("\(shown(steel)) kg-CO2e/kg"))
        #expect(out.contains("complete: yes"))
        // Each node lists the other two as peers.
        let left = try NodeProcess.ctn(["federation", "list", "--data", dir.appendingPathComponent("steel").path]).out
        #expect(left.contains("parts") && left.contains("assembler"))
        for id in ["steel", "parts", "assembler"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("\(id)/peers.json").path))
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("federation/\(id).json").path))
        }
    }
}
