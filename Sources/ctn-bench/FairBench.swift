import CTNModel
import Foundation

// ctn-bench fair: does one tenant flooding a node slow another tenant down? Two nodes (one with
// the standard per-tenant limits, one with none: `--tenant-rate 0 --tenant-heavy 0`), each with
// tenants A and B (B's own record lifts its rate, so that B can be measured at full speed). In every round, on each node: B alone (Lot Enquiry of its own lot, 2 clients,
// closed loop), then B again while A floods Lot Enquiry with 64 clients (closed loop, every
// connection calling again as soon as it is answered, Retry-After ignored). Quotes B's p50 and
// p99 alone and under the flood, and the ratio, per node; the target is B's p99 under the flood
// at most 2x alone on the node with limits.
//
//   swift run -c release ctn-bench fair [--seconds 3] [--rounds 3]

struct FairBench {
    let bin: URL
    let work: URL
    let seconds: Double
    let rounds: Int

    final class Server {
        let name: String
        let process: Process
        let port: UInt16
        let a: (token: String, lot: String)
        let b: (token: String, lot: String)
        init(name: String, process: Process, port: UInt16, a: (String, String), b: (String, String)) {
            self.name = name
            self.process = process
            self.port = port
            self.a = a
            self.b = b
        }
    }

    func ctn(_ args: [String]) throws -> String { try BenchProcess.ctn(bin, args) }

    func server(_ name: String, _ extra: [String]) throws -> Server {
        let data = work.appendingPathComponent(name)
        _ = try ctn(["init", "--data", data.path, "--node-id", "fair-\(name)"])
        let added = try (0..<2).map { _ in try JSONParser.parse(Array(try ctn(["tenant", "add", "--data", data.path]).utf8)) }
        let tokens = added.map { $0["token"]?.stringValue ?? "" }
        // B is measured at full speed (2 clients, closed loop): its own record lifts the rate, so
        // that only A, the flood, meets the node's default limit.
        _ = try ctn(["tenant", "limits", "--data", data.path, added[1]["tenantId"]?.stringValue ?? "", "--rate", "0"])
        let (p, port) = try BenchProcess.serve(bin, data: data, extra: extra)
        let setup = try LoadConnection(port: port)
        func lot(_ token: String) throws -> String {
            func post(_ path: String, _ body: String) throws -> JSONValue {
                let (status, b) = try setup.roundTrip(httpRequest("POST", path, token: token, body: body))
                guard status < 300 else { throw BenchError("\(path): \(status)") }
                return try JSONParser.parse(b)
            }
            let id = try post("/v1/lots", #"{"declaredUnit":"kg"}"#)["lotId"]!.stringValue!
            _ = try post("/v1/lots/\(id)/material-uses", #"{"category":"steel-s45c","quantity":2,"unit":"kg"}"#)
            _ = try post("/v1/lots/\(id)/completion", #"{"completed":2}"#)
            return id
        }
        return Server(name: name, process: p, port: port, a: (tokens[0], try lot(tokens[0])), b: (tokens[1], try lot(tokens[1])))
    }

    func run() throws {
        func fmt(_ d: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", d) }
        let servers = [try server("limits", []), try server("nolimits", ["--tenant-rate", "0", "--tenant-heavy", "0"])]
        defer {
            for s in servers {
                s.process.terminate()
                s.process.waitUntilExit()
            }
        }
        print("ctn-bench fair: \(rounds) rounds of \(fmt(seconds, 1)) s; \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print("B: Lot Enquiry, 2 clients; A's flood: Lot Enquiry, 64 clients, Retry-After ignored")
        print("")
        struct Figures {
            var aloneP50: [Double] = []
            var aloneP99: [Double] = []
            var floodP50: [Double] = []
            var floodP99: [Double] = []
            var aAdmitted: [Double] = []
            var aRefused: [Double] = []
        }
        var figures = [Figures](repeating: Figures(), count: servers.count)
        for _ in 0..<rounds {
            for (k, s) in servers.enumerated() {
                let bRequest = httpRequest("GET", "/v1/lots/\(s.b.lot)", token: s.b.token)
                let aRequest = httpRequest("GET", "/v1/lots/\(s.a.lot)", token: s.a.token)
                let alone = try runEpollLoad(port: s.port, clients: 2, seconds: seconds, make: { _, _ in bRequest }, expect: 200)
                // A's flood starts first and runs past B's window on both sides.
                let flood = FloodThread(port: s.port, seconds: seconds + 1.0, request: aRequest)
                flood.start()
                Thread.sleep(forTimeInterval: 0.5)
                let under = try runEpollLoad(port: s.port, clients: 2, seconds: seconds, make: { _, _ in bRequest }, expect: 200)
                while !flood.done { Thread.sleep(forTimeInterval: 0.05) }
                guard alone.errors == 0, under.errors == 0, let a = flood.result else {
                    throw BenchError(
                        "\(s.name): B had \(alone.errors) + \(under.errors) refusals, or A's flood failed (\(flood.failure ?? "no failure"))"
                    )
                }
                figures[k].aloneP50.append(alone.percentile(0.5) / 1000)
                figures[k].aloneP99.append(alone.percentile(0.99) / 1000)
                figures[k].floodP50.append(under.percentile(0.5) / 1000)
                figures[k].floodP99.append(under.percentile(0.99) / 1000)
                figures[k].aAdmitted.append(Double(a.requests - a.errors) / a.seconds)
                figures[k].aRefused.append(Double(a.errors) / a.seconds)
            }
        }
        print("node        B p50 alone  B p99 alone  B p50 flood  B p99 flood  p99 ratio  A admitted/s  A refused/s")
        for (k, s) in servers.enumerated() {
            let f = figures[k]
            let ratio = median(zip(f.floodP99, f.aloneP99).map { $0 / $1 })
            print(
                s.name.padding(toLength: 10, withPad: " ", startingAt: 0), fmt(median(f.aloneP50)).leftPad(12),
                fmt(median(f.aloneP99)).leftPad(12), fmt(median(f.floodP50)).leftPad(12), fmt(median(f.floodP99)).leftPad(12),
                fmt(ratio).leftPad(10), fmt(median(f.aAdmitted), 0).leftPad(13), fmt(median(f.aRefused), 0).leftPad(12))
        }
        let limited = figures[0]
        let ratio = median(zip(limited.floodP99, limited.aloneP99).map { $0 / $1 })
        print("(ms; medians over rounds; the ratio is the median of each round's B p99 under the flood / B p99 alone)")
        print("target: B's p99 under A's flood <= 2x alone, with limits: \(ratio <= 2 ? "met" : "NOT met") (\(fmt(ratio)))")
    }
}
