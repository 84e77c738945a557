import CTNLedger
import CTNModel
import CTNTrace
import Crypto
import Foundation
import Testing

/// An in-memory network of nodes answering in the shape of `ContractService.disclose`, with
/// statements signed by each node's real key. It counts what the walker asks of it.
final class TestNetwork: TraceSource, @unchecked Sendable {
    struct Use {
        var lot: String
        var node: String
        var quantity: Double
        var co2: Double
    }
    struct Lot {
        var co2PerUnit: Double
        var uses: [Use]
        var disclosed = true
        var category: Double? = nil
    }

    var keys: [String: NodeKeys] = [:]
    var lots: [String: [String: Lot]] = [:]
    var slow: [String: Double] = [:]
    var tamper: Set<String> = []
    private let lock = NSLock()
    private(set) var asked: [String: Int] = [:]
    private(set) var requests = 0

    func add(_ node: String, _ id: String, _ lot: Lot) {
        if keys[node] == nil { keys[node] = NodeKeys.generate(nodeId: node) }
        lots[node, default: [:]][id] = lot
    }

    static func id(_ n: Int) -> String { String(format: "%032x", n) }

    func fetch(node: String, lotIds: [String], onward: [String], deadline: Date) async throws -> TraceBatch {
        lock.withLock {
            requests += 1
            for id in lotIds { asked[node + "/" + id, default: 0] += 1 }
        }
        if let s = slow[node] { try await Task.sleep(nanoseconds: UInt64(s * 1e9)) }
        guard let held = lots[node], let k = keys[node] else { throw URLError(.cannotConnectToHost) }
        return TraceBatch(
            lots: try lotIds.map { id in
                guard let l = held[id] else { return ["lotId": .string(id), "found": false] }
                let payload: JSONValue = [
                    "lotId": .string(id), "nodeId": .string(node), "status": "completed", "declaredUnit": "piece",
                    "co2PerUnit": .number(l.co2PerUnit), "version": 1,
                ]
                var jws = try LotStatement.sign(payload, keys: k)
                if tamper.contains(id) {
                    // Same signature, another figure.
                    let p = jws.split(separator: ".").map(String.init)
                    var o = payload.objectValue ?? JSONObject()
                    o["co2PerUnit"] = .number(l.co2PerUnit / 2)
                    jws = p[0] + "." + Base64URL.encode(CanonicalJSON.bytes(.object(o))) + "." + p[2]
                }
                var uses: [JSONValue] = l.uses.map { u in
                    [
                        "materialLotId": .string(u.lot), "node": .string(u.node), "quantity": .number(u.quantity), "unit": "piece",
                        "co2": .number(u.co2), "co2PerUnit": .number(u.co2 / u.quantity), "statementVersion": 1,
                    ]
                }
                if let c = l.category {
                    uses.append(["category": "steel-s45c", "quantity": 1, "unit": "kg", "co2": .number(c), "co2PerUnit": .number(c)])
                }
                return [
                    "lotId": .string(id), "found": true, "status": "completed", "declaredUnit": "piece", "statement": .string(jws),
                    "materialUses": l.disclosed ? .array(uses) : "undisclosed",
                ]
            })
    }

    func publicKey(node: String) -> Curve25519.Signing.PublicKey? { keys[node]?.signingKey.publicKey }
}

@Suite("Trace walk")
struct TraceWalkerTests {
    /// R(n1) uses 2 × A(n2) and 1 × B(n3); A and B both use C(n3): C is reached twice.
    static func diamond() -> TestNetwork {
        let net = TestNetwork()
        let (r, a, b, c) = (TestNetwork.id(1), TestNetwork.id(2), TestNetwork.id(3), TestNetwork.id(4))
        net.add(
            "n1", r,
            .init(co2PerUnit: 10, uses: [.init(lot: a, node: "n2", quantity: 2, co2: 6), .init(lot: b, node: "n3", quantity: 1, co2: 2)]))
        net.add("n2", a, .init(co2PerUnit: 3, uses: [.init(lot: c, node: "n3", quantity: 1, co2: 1)]))
        net.add("n3", b, .init(co2PerUnit: 2, uses: [.init(lot: c, node: "n3", quantity: 1, co2: 1)], category: 0.5))
        net.add("n3", c, .init(co2PerUnit: 1, uses: []))
        return net
    }

    @Test("A shared lot is fetched once, one request per node and level, every figure carried through")
    func diamondWalk() async {
        let net = Self.diamond()
        let t = await TraceWalker(source: net).walk(lotId: TestNetwork.id(1), node: "n1")
        #expect(t["complete"] == .bool(true))
        #expect(net.asked["n3/" + TestNetwork.id(4)] == 1, "C fetched once")
        // Level 0: n1; level 1: n2 and n3; level 2: n3 (C).
        #expect(net.requests == 4 && t["stats"]?["requests"] == .number(4) && t["stats"]?["lots"] == .number(4))
        let inputs = t["breakdown"]?.arrayValue ?? []
        #expect(inputs.map { $0["co2"]?.numberValue ?? -1 } == [6, 2])
        #expect(inputs[0]["co2PerUnit"] == .number(3) && inputs[0]["verified"] == .bool(true))
        // C appears under both A and B.
        #expect(inputs[0]["breakdown"]?.arrayValue?.first?["lotId"] == .string(TestNetwork.id(4)))
        #expect(inputs[1]["breakdown"]?.arrayValue?.first?["lotId"] == .string(TestNetwork.id(4)))
        #expect(inputs[1]["breakdown"]?.arrayValue?.last?["category"] == "steel-s45c")
    }

    @Test("A cycle is cut and reported, never followed")
    func cycle() async {
        let net = Self.diamond()
        net.lots["n3"]?[TestNetwork.id(4)]?.uses = [.init(lot: TestNetwork.id(1), node: "n1", quantity: 1, co2: 10)]
        let t = await TraceWalker(source: net).walk(lotId: TestNetwork.id(1), node: "n1")
        #expect(t["complete"] == .bool(false))
        #expect(net.asked["n1/" + TestNetwork.id(1)] == 1)
        let c = t["breakdown"]?.arrayValue?.first?["breakdown"]?.arrayValue?.first
        let back = c?["breakdown"]?.arrayValue?.first
        #expect(back?["breakdown"] == "cut" && back?["reason"]?.stringValue?.hasPrefix("cycle") == true)
    }

    @Test("A chain deeper than the limit is cut at the limit")
    func depthLimit() async {
        let net = TestNetwork()
        for i in 0..<60 {
            net.add(
                "n\(i % 3)", TestNetwork.id(i),
                .init(co2PerUnit: 1, uses: i < 59 ? [.init(lot: TestNetwork.id(i + 1), node: "n\((i + 1) % 3)", quantity: 1, co2: 1)] : []))
        }
        let t = await TraceWalker(source: net).walk(lotId: TestNetwork.id(0), node: "n0")
        #expect(t["complete"] == .bool(false))
        #expect(t["stats"]?["lots"] == .number(51), "levels 0…50 fetched")
        var node = t
        for _ in 0..<51 { node = node["breakdown"]?.arrayValue?.first ?? .null }
        #expect(node["lotId"] == .string(TestNetwork.id(51)) && node["breakdown"] == "cut")
    }

    @Test("An altered statement, an unknown lot and an unreachable node make the trace incomplete and say why")
    func refusals() async {
        let net = Self.diamond()
        net.tamper.insert(TestNetwork.id(2))
        net.lots["n3"] = nil  // n3 does not answer
        let t = await TraceWalker(source: net).walk(lotId: TestNetwork.id(1), node: "n1")
        #expect(t["complete"] == .bool(false))
        let inputs = t["breakdown"]?.arrayValue ?? []
        #expect(inputs[0]["breakdown"] == "unreachable" && inputs[0]["reason"]?.stringValue?.contains("refused") == true)
        #expect(inputs[1]["breakdown"] == "unreachable")
        #expect(t["unreachable"]?.arrayValue?.contains { $0["node"] == "n3" } == true)
        // Figures the parent recorded stay visible.
        #expect(inputs[0]["co2"] == .number(6))
    }

    @Test("Undisclosed breakdowns are shown as such and stop the walk there without making it incomplete")
    func undisclosed() async {
        let net = Self.diamond()
        net.lots["n2"]?[TestNetwork.id(2)]?.disclosed = false
        let t = await TraceWalker(source: net).walk(lotId: TestNetwork.id(1), node: "n1")
        #expect(t["complete"] == .bool(true), "\(CanonicalJSON.encode(t))")
        #expect(t["breakdown"]?.arrayValue?.first?["breakdown"] == "undisclosed")
    }

    @Test("The deadline holds even when a node never answers")
    func deadline() async {
        let net = Self.diamond()
        net.slow["n3"] = 30
        var options = TraceOptions()
        options.timeout = 0.5
        let started = Date()
        let t = await TraceWalker(source: net, options: options).walk(lotId: TestNetwork.id(1), node: "n1")
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed < 2, "returned after \(elapsed) s")
        #expect(t["complete"] == .bool(false))
        #expect(t["unreachable"]?.arrayValue?.contains { $0["node"] == "n3" } == true)
        #expect(t["breakdown"]?.arrayValue?.first?["verified"] == .bool(true), "what arrived in time is kept")
    }
}
