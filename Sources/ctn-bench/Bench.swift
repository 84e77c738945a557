import CTNLedger
import CTNModel
import CTNStore
import Foundation
import GRDB

// ctn-bench: starts a real `ctn serve` process on loopback and measures, in one run, durable
// contract writes over HTTP at 1/16/64 clients, Lot Enquiry reads, and two baselines measured in
// the same run: raw SQLite inserts in the node's mode (WAL, synchronous=FULL) and the same HTTP
// server answering a constant (GET /healthz).
//
//   swift run -c release ctn-bench [--seconds S] [--rounds R]
//   swift run -c release ctn-bench trace [--nodes 5] [--depth 5] [--branching 4] [--rounds 3]  (see TraceBench.swift)
//   swift run -c release ctn-bench crash [--trials 100] [--clients 32]                       (see CrashBench.swift)
//   swift run -c release ctn-bench fair [--seconds 3] [--rounds 3]                          (see FairBench.swift)
//   swift run -c release ctn-bench size [--tenants 1000] [--lots 1000] [--rounds 3] [--postgres URL [--processes 2] [--load-via-sqlite]]  (SizeBench.swift)
//   swift run -c release ctn-bench parse [--rounds 7] [--iterations 2000]                     (see ParseBench.swift)
//   swift run -c release ctn-bench simulate [--rounds 7] [--lots 2000] [--machines 20]        (see SimulateBench.swift)

@main
enum Bench {
    static func main() throws {
        let args = CommandLine.arguments
        func arg(_ name: String, _ def: Double) -> Double {
            if let i = args.firstIndex(of: name), i + 1 < args.count, let v = Double(args[i + 1]) { return v }
            return def
        }
        let seconds = arg("--seconds", 3)
        let rounds = Int(arg("--rounds", 3))
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("ctn")
        if args.count > 1, args[1] == "crash" {
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-crash-bench-\(getpid())")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: work) }
            try CrashBench(bin: binary, work: work, trials: Int(arg("--trials", 100)), clients: Int(arg("--clients", 32))).run()
            return
        }
        if args.count > 1, args[1] == "fair" {
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-fair-bench-\(getpid())")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: work) }
            try FairBench(bin: binary, work: work, seconds: seconds, rounds: rounds).run()
            return
        }
        if args.count > 1, args[1] == "size" {
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-size-bench-\(getpid())")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: work) }
            try SizeBench(
                bin: binary, work: work, tenants: Int(arg("--tenants", 1000)), lots: Int(arg("--lots", 1000)), seconds: seconds,
                rounds: rounds, loaders: Int(arg("--loaders", 32)),
                keep: args.firstIndex(of: "--keep").flatMap { $0 + 1 < args.count ? URL(fileURLWithPath: args[$0 + 1]) : nil },
                postgres: args.firstIndex(of: "--postgres").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil },
                processes: Int(arg("--processes", 1)), viaSQLite: args.contains("--load-via-sqlite")
            ).run()
            return
        }
        if args.count > 1, args[1] == "parse" {
            try ParseBench(rounds: Int(arg("--rounds", 7)), iterations: Int(arg("--iterations", 2000))).run()
            return
        }
        if args.count > 1, args[1] == "simulate" {
            SimulateBench(rounds: Int(arg("--rounds", 7)), lots: Int(arg("--lots", 2000)), machines: Int(arg("--machines", 20))).run()
            return
        }
        if args.count > 1, args[1] == "trace" {
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-trace-bench-\(getpid())")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: work) }
            // `--ctn PATH`: the nodes run another build's `ctn` (a baseline) under the same client.
            let other = args.firstIndex(of: "--ctn").flatMap { $0 + 1 < args.count ? URL(fileURLWithPath: args[$0 + 1]) : nil }
            try TraceBench(
                bin: other ?? binary, work: work, nodes: Int(arg("--nodes", 5)), depth: Int(arg("--depth", 5)),
                branching: Int(arg("--branching", 4)), rounds: rounds, warm: Int(arg("--warm", 10))
            ).run()
            return
        }

        func fmt(_ d: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", d) }

        let work = FileManager.default.temporaryDirectory.appendingPathComponent("ctn-bench-\(getpid())")
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let bin = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("ctn")

        func run(_ arguments: [String]) throws -> String { try BenchProcess.ctn(bin, arguments) }

        // MARK: Baseline 1: raw SQLite inserts, same mode as the node.
        func sqliteBaseline(rowsPerTransaction: Int, seconds: Double) throws -> Double {
            let path = work.appendingPathComponent("raw-\(rowsPerTransaction)-\(UUID().uuidString).sqlite").path
            var config = Configuration()
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            let pool = try DatabasePool(path: path, configuration: config)
            try pool.write { db in
                try db.execute(sql: "CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT NOT NULL, b REAL NOT NULL, c TEXT NOT NULL)")
            }
            let start = Date()
            var n = 0
            while Date().timeIntervalSince(start) < seconds {
                try pool.write { db in
                    for _ in 0..<rowsPerTransaction {
                        try db.cachedStatement(sql: "INSERT INTO t(a, b, c) VALUES (?, ?, ?)")
                            .execute(arguments: ["0123456789abcdef0123456789abcdef", Double(n), String(repeating: "x", count: 200)])
                        n += 1
                    }
                }
            }
            return Double(n) / Date().timeIntervalSince(start)
        }

        // MARK: The node
        let dataDir = work.appendingPathComponent("node")
        _ = try run(["init", "--data", dataDir.path, "--node-id", "bench"])
        let tenant = try JSONParser.parse(Array(try run(["tenant", "add", "--data", dataDir.path]).utf8))
        let token = tenant["token"]!.stringValue!

        // One tenant makes every call: the node's capacity is measured, not a tenant's limit.
        let (server, port) = try BenchProcess.serve(bin, data: dataDir, extra: ["--tenant-rate", "0", "--tenant-heavy", "0"])
        defer {
            server.terminate()
            server.waitUntilExit()
        }

        // Setup through the API: equipment with an intensity, and one open lot per client.
        let setup = try LoadConnection(port: port)
        func post(_ path: String, _ body: String, method: String = "POST") throws -> JSONValue {
            let (status, b) = try setup.roundTrip(httpRequest(method, path, token: token, body: body))
            guard status < 300 else { throw BenchError("\(path): \(status) \(String(decoding: b, as: UTF8.self))") }
            return try JSONParser.parse(b)
        }
        let equipmentId = try post("/v1/equipment", #"{"activityUnit":"min"}"#)["equipmentId"]!.stringValue!
        _ = try post("/v1/equipment/\(equipmentId)/intensity", #"{"intensity":0.251,"unit":"kg-CO2e/min"}"#, method: "PUT")
        let lots = try (0..<64).map { _ in try post("/v1/lots", #"{"declaredUnit":"piece"}"#)["lotId"]!.stringValue! }
        let doneLot = try post("/v1/lots", #"{"declaredUnit":"piece"}"#)["lotId"]!.stringValue!
        _ = try post("/v1/lots/\(doneLot)/equipment-uses", #"{"equipmentId":"\#(equipmentId)","activity":6,"unit":"min"}"#)
        _ = try post("/v1/lots/\(doneLot)/completion", #"{"completed":10,"defects":0}"#)

        let useBody = #"{"equipmentId":"\#(equipmentId)","activity":1.5,"unit":"min"}"#
        let writeRequests = lots.map { httpRequest("POST", "/v1/lots/\($0)/equipment-uses", token: token, body: useBody) }
        let readRequest = httpRequest("GET", "/v1/lots/\(doneLot)")
        let constantRequest = httpRequest("GET", "/healthz")

        print("ctn-bench: \(rounds) rounds of \(fmt(seconds, 1)) s per scenario; \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print("")

        // Rounds interleave the scenarios, so each ratio compares figures taken minutes, not
        // tens of seconds, apart on this shared machine.
        let wr = writeRequests
        let rr = readRequest
        let cr = constantRequest
        let scenarios: [(name: String, clients: Int, expect: Int, make: @Sendable (Int, Int) -> [UInt8])] = [
            ("constant GET /healthz, 64 clients", 64, 200, { _, _ in cr }),
            ("Equipment Use writes, 1 client", 1, 201, { c, _ in wr[c] }),
            ("Equipment Use writes, 16 clients", 16, 201, { c, _ in wr[c] }),
            ("Equipment Use writes, 64 clients", 64, 201, { c, _ in wr[c] }),
            ("Lot Enquiry reads, 64 clients", 64, 200, { _, _ in rr }),
        ]
        var table: [(String, [LoadResult])] = scenarios.map { ($0.name, []) }
        var rawSingle: [Double] = []
        var rawBatched: [Double] = []
        for _ in 0..<rounds {
            rawSingle.append(try sqliteBaseline(rowsPerTransaction: 1, seconds: seconds))
            rawBatched.append(try sqliteBaseline(rowsPerTransaction: 64, seconds: seconds))
            for (k, sc) in scenarios.enumerated() {
                table[k].1.append(try runEpollLoad(port: port, clients: sc.clients, seconds: seconds, make: sc.make, expect: sc.expect))
            }
        }

        print("scenario                                  req/s (median)   p50 ms    p99 ms   errors")
        for (name, rs) in table {
            let best = rs.sorted { $0.perSecond < $1.perSecond }[rs.count / 2]
            print(
                name.padding(toLength: 40, withPad: " ", startingAt: 0), fmt(median(rs.map(\.perSecond))).leftPad(14),
                fmt(best.percentile(0.5) / 1000, 2).leftPad(9), fmt(best.percentile(0.99) / 1000, 2).leftPad(9),
                String(rs.map(\.errors).reduce(0, +)).leftPad(8))
        }
        print("raw SQLite insert, 1 row per commit         ", fmt(median(rawSingle)).leftPad(12), " rows/s")
        print("raw SQLite insert, 64 rows per commit       ", fmt(median(rawBatched)).leftPad(12), " rows/s")
        print("")
        let write64 = median(table[3].1.map(\.perSecond))
        let reads = median(table[4].1.map(\.perSecond))
        /// Median over rounds of the per-round ratio.
        func ratio(_ a: [Double], _ b: [Double]) -> Double { median(zip(a, b).map { $0 / $1 }) }
        let w = table[3].1.map(\.perSecond)
        let c = table[0].1.map(\.perSecond)
        let r = table[4].1.map(\.perSecond)
        print("ratios (median over rounds of each round's ratio):")
        print("  durable writes @64 / constant HTTP @64         = \(fmt(ratio(w, c), 3))")
        print("  durable writes @64 / raw SQLite 1 row/commit   = \(fmt(ratio(w, rawSingle), 2))")
        print("  durable writes @64 / raw SQLite 64 rows/commit = \(fmt(ratio(w, rawBatched), 3))")
        print("  Lot Enquiry reads @64 / constant HTTP @64      = \(fmt(ratio(r, c), 3))")
        print(
            "targets: writes @64 >= 5000/s: \(write64 >= 5000 ? "met" : "NOT met"); reads @64 >= 20000/s: \(reads >= 20000 ? "met" : "NOT met")"
        )

        // Every write must be in the ledger: verify it after the run.
        server.terminate()
        server.waitUntilExit()
        let verify = try run(["ledger", "verify", "--data", dataDir.path, "--json"])
        print("ledger after the run: \(verify.trimmingCharacters(in: .whitespacesAndNewlines))")

    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
