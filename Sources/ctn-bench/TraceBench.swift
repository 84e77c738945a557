import CTNModel
import CurlHTTP
import Dispatch
import Foundation
import Synchronization

// ctn-bench trace: starts N real `ctn serve` processes over HTTPS on loopback, peered with each
// other, builds a supply tree through the public API (every lot uses `branching` lots of the
// next level, spread round-robin over the nodes, each shipped to its user's business), and times
// `GET /v1/lots/{root}/trace` cold (all nodes just restarted) and warm, against the baseline of
// depth x one Lot Enquiry round trip measured in the same run. The client asks for the answer in
// CBOR (`Accept: application/cbor`) and decodes whatever type comes back; the warm trace is timed
// again with the JSON answer. `--ctn PATH` runs the nodes from another build (a baseline commit)
// under this same client.
//
//   swift run -c release ctn-bench trace [--nodes 5] [--depth 5] [--branching 4] [--rounds 3] [--warm 10] [--ctn PATH]
//   CTN_BENCH_MARKS=1 also prints each cold trace's window in CLOCK_MONOTONIC ns, to cut a `perf record -k CLOCK_MONOTONIC` profile.

struct TraceBench {
    let bin: URL
    let work: URL
    let nodes: Int, depth: Int, branching: Int, rounds: Int, warm: Int

    /// One node process of the benchmark; what changes while it runs sits behind a mutex.
    final class Node: Sendable {
        let id: String
        let data: URL
        let port: Int
        private let state = Mutex<NodeState>(NodeState())
        var process: Process? {
            get { state.withLock { $0.process } }
            set { state.withLock { $0.process = newValue } }
        }
        var token: String {
            get { state.withLock { $0.token } }
            set { state.withLock { $0.token = newValue } }
        }
        var business: String {
            get { state.withLock { $0.business } }
            set { state.withLock { $0.business = newValue } }
        }
        var base: String { "https://127.0.0.1:\(port)" }
        var ca: String { data.appendingPathComponent("tls/ca.pem").path }
        init(id: String, data: URL, port: Int) {
            self.id = id
            self.data = data
            self.port = port
        }
    }

    func ctn(_ args: [String]) throws -> String { try BenchProcess.ctn(bin, args) }

    func start(_ n: Node) throws {
        let p = Process()
        p.executableURL = bin
        p.arguments = ["serve", "--data", n.data.path, "--port", String(n.port)]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        var text = ""
        while !text.contains("listening on") {
            let d = out.fileHandleForReading.availableData
            guard !d.isEmpty else { throw BenchError("node \(n.id) did not start") }
            text += String(decoding: d, as: UTF8.self)
        }
        n.process = p
    }

    func stop(_ n: Node) {
        n.process?.terminate()
        n.process?.waitUntilExit()
        n.process = nil
    }

    static func call(
        _ client: CurlClient, _ n: Node, _ method: String, _ path: String, _ body: JSONValue? = nil, accept: String? = nil
    ) throws -> JSONValue {
        let r = try client.request(
            method, n.base + path, headers: ["Authorization: Bearer \(n.token)"] + (accept.map { ["Accept: \($0)"] } ?? []),
            body: body.map { CanonicalJSON.bytes($0) })
        guard r.status < 300, let v = try? CBOR.decodeAnswer(r.body, contentType: r.headers["content-type"]) else {
            throw BenchError("\(method) \(path) on \(n.id): \(r.status) \(r.text)")
        }
        return v
    }

    func run() throws {
        func ms(_ d: Double) -> String { String(format: "%.2f", d * 1000) }

        // Nodes, peered both ways with their exported entries.
        let all = (0..<nodes).map { i in Node(id: "bench-\(i)", data: work.appendingPathComponent("n\(i)"), port: freeLoopbackPort()) }
        for n in all {
            _ = try ctn(["init", "--data", n.data.path, "--node-id", n.id, "--public-url", n.base])
            let t = try JSONParser.parse(Array(try ctn(["tenant", "add", "--data", n.data.path]).utf8))
            n.token = t["token"]!.stringValue!
            n.business = t["businessId"]!.stringValue!
        }
        for n in all {
            let entry = n.data.appendingPathComponent("entry.json")
            try Data(try ctn(["federation", "export", "--data", n.data.path]).utf8).write(to: entry)
            for m in all where m !== n { _ = try ctn(["federation", "add", "--data", m.data.path, entry.path]) }
        }
        for n in all { try start(n) }
        defer { for n in all { stop(n) } }

        // The tree, leaves first: level k holds branching^k lots; lot j of level k is on node (j + k) % nodes.
        let setupStart = Date()
        var levels: [[(node: Node, lot: String)]] = Array(repeating: [], count: depth + 1)
        let root = all[0]
        for k in stride(from: depth, through: 0, by: -1) {
            let count = Int(pow(Double(branching), Double(k)))
            let made = Mutex<[(node: Node, lot: String)?]>(Array(repeating: nil, count: count))
            let failure = Mutex<Error?>(nil)
            let children = k < depth ? levels[k + 1] : []
            DispatchQueue.concurrentPerform(iterations: 8) { worker in
                var clients: [String: CurlClient] = [:]
                for j in stride(from: worker, to: count, by: 8) {
                    do {
                        let n = all[(j + k) % nodes]
                        let c = clients[n.id] ?? CurlClient(caFile: n.ca)
                        clients[n.id] = c
                        let lot = try Self.call(c, n, "POST", "/v1/lots", ["declaredUnit": "piece"])["lotId"]!.stringValue!
                        if k == depth {
                            _ = try Self.call(
                                c, n, "POST", "/v1/lots/\(lot)/material-uses", ["category": "steel-s45c", "quantity": 2, "unit": "kg"])
                        } else {
                            for child in children[(j * branching)..<((j + 1) * branching)] {
                                var b: JSONObject = JSONObject(["materialLotId": .string(child.lot), "quantity": 1, "unit": "piece"])
                                if child.node !== n { b["node"] = .string(child.node.id) }
                                _ = try Self.call(c, n, "POST", "/v1/lots/\(lot)/material-uses", .object(b))
                            }
                        }
                        _ = try Self.call(c, n, "POST", "/v1/lots/\(lot)/completion", ["completed": 1])
                        made.withLock { $0[j] = (n, lot) }
                    } catch {
                        failure.withLock { $0 = error }
                    }
                }
            }
            if let error = failure.withLock({ $0 }) { throw error }
            levels[k] = made.withLock { $0.compactMap { $0 } }
            guard levels[k].count == count else { throw BenchError("level \(k) is incomplete") }
            // Ship each lot of this level to the business whose lot of the level above uses it.
            if k > 0 {
                let lots = levels[k]
                DispatchQueue.concurrentPerform(iterations: 8) { worker in
                    var clients: [String: CurlClient] = [:]
                    for j in stride(from: worker, to: lots.count, by: 8) {
                        let (n, lot) = lots[j]
                        let parent = all[(j / branching + k - 1) % nodes]
                        guard parent !== n else { continue }
                        let c = clients[n.id] ?? CurlClient(caFile: n.ca)
                        clients[n.id] = c
                        do {
                            _ = try Self.call(
                                c, n, "POST", "/v1/lots/\(lot)/shipments",
                                ["consignee": .string("\(parent.business)@\(parent.id)"), "quantity": 1])
                        } catch { failure.withLock { $0 = error } }
                    }
                }
                if let error = failure.withLock({ $0 }) { throw error }
            }
        }
        // Every owner lets the root's business read its breakdowns beyond the first level.
        for n in all where n !== root {
            _ = try Self.call(
                CurlClient(caFile: n.ca), n, "POST", "/v1/agreements",
                [
                    "grantee": .string("\(root.business)@\(root.id)"), "scope": "all", "contracts": ["material-use-enquiry"],
                    "purpose": "benchmark",
                ])
        }
        let rootLot = levels[0][0].lot
        let totalLots = levels.map(\.count).reduce(0, +)
        print(
            "ctn-bench trace: \(totalLots) lots on \(nodes) nodes, depth \(depth), branching \(branching); setup through the API took \(String(format: "%.1f", Date().timeIntervalSince(setupStart))) s"
        )
        print("\(ProcessInfo.processInfo.activeProcessorCount) cores; every node a separate `ctn serve` process over HTTPS")
        print("")

        let tracePath = "/v1/lots/\(rootLot)/trace?deadlineMs=60000"
        let marks = ProcessInfo.processInfo.environment["CTN_BENCH_MARKS"] != nil
        func timed(_ c: CurlClient, _ path: String, accept: String? = CBOR.mediaType) throws -> (Double, JSONValue) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let v = try Self.call(c, root, "GET", path, accept: accept)
            return (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9, v)
        }
        var rtts: [Double] = []
        var colds: [Double] = []
        var warms: [Double] = []
        var warmsJSON: [Double] = []
        /// The walk's own time as the root node reports it (`stats.elapsedMs`), warm.
        var walks: [Double] = []
        var baselines: [Double] = []
        for round in 0..<rounds {
            // Cold: every node restarted (no connections, no caches in any process).
            for n in all { stop(n) }
            for n in all { try start(n) }
            let client = CurlClient(caFile: root.ca, timeout: 120)
            let coldStart = DispatchTime.now().uptimeNanoseconds
            let (cold, v) = try timed(client, tracePath)
            if marks {
                // CLOCK_MONOTONIC, as `perf record -k CLOCK_MONOTONIC` stamps its samples: to cut a profile to the cold traces.
                print("mark cold \(coldStart) \(DispatchTime.now().uptimeNanoseconds)")
            }
            guard v["complete"] == .bool(true), v["stats"]?["lots"] == .number(Double(totalLots)) else {
                throw BenchError(
                    "cold trace incomplete: \(CanonicalJSON.encode(v["stats"] ?? .null)) \(CanonicalJSON.encode(v["unreachable"] ?? .null))"
                )
            }
            colds.append(cold)
            for _ in 0..<warm {
                let (t, w) = try timed(client, tracePath)
                guard w["complete"] == .bool(true) else { throw BenchError("warm trace incomplete") }
                warms.append(t)
                walks.append((w["stats"]?["elapsedMs"]?.numberValue ?? .nan) / 1000)
            }
            // The same warm trace answered in JSON (what a client that does not ask for CBOR gets).
            for _ in 0..<warm {
                let (t, w) = try timed(client, tracePath, accept: nil)
                guard w["complete"] == .bool(true) else { throw BenchError("warm trace incomplete") }
                warmsJSON.append(t)
            }
            // Baseline, same round: one Lot Enquiry round trip on a kept-alive HTTPS connection, times depth.
            var rt: [Double] = []
            for _ in 0..<200 { rt.append(try timed(client, "/v1/lots/\(rootLot)", accept: nil).0) }
            rtts += rt
            baselines.append(median(rt) * Double(depth))
            print(
                "round \(round + 1): cold \(ms(cold)) ms, warm median \(ms(median(Array(warms.suffix(warm))))) ms, Lot Enquiry RTT median \(ms(median(rt))) ms"
            )
        }
        let baseline = median(baselines)
        print("")
        print("trace of \(totalLots) lots                      median ms")
        print("  cold (all nodes restarted)           \(ms(median(colds)).leftPad(12))")
        print("  warm                                 \(ms(median(warms)).leftPad(12))")
        print("  warm, answer in JSON                 \(ms(median(warmsJSON)).leftPad(12))")
        print("  warm, the walk alone (root's stats)  \(ms(median(walks)).leftPad(12))")
        print("  baseline: \(depth) x Lot Enquiry RTT        \(ms(baseline).leftPad(12))   (RTT median \(ms(median(rtts))) ms)")
        print(
            "ratios: cold / baseline = \(String(format: "%.1f", median(colds) / baseline)), warm / baseline = \(String(format: "%.1f", median(warms) / baseline)); aim: cold <= 2x baseline: \(median(colds) <= 2 * baseline ? "met" : "NOT met")"
        )
        print(
            "per lot: cold \(String(format: "%.0f", median(colds) / Double(totalLots) * 1e6)) µs, warm \(String(format: "%.0f", median(warms) / Double(totalLots) * 1e6)) µs"
        )
        let answer = try timed(CurlClient(caFile: root.ca, timeout: 120), tracePath).1
        print("answer: \(CanonicalJSON.encode(answer["stats"] ?? .null)), \(CanonicalJSON.bytes(answer).count / 1024) KiB")
        if let file = ProcessInfo.processInfo.environment["CTN_BENCH_ANSWER"] {
            // The last answer, for reading: CTN_BENCH_ANSWER=/tmp/trace.json ctn-bench trace
            try Data(CanonicalJSON.bytes(answer)).write(to: URL(fileURLWithPath: file))
        }
    }
}
