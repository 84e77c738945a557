import CTNModel
import Foundation
import Synchronization

// ctn-bench size: does a node slow down as it fills? Loads one node with `--tenants` tenants of
// `--lots` lots each (every lot registered and given one Material Use: two ledger events per lot),
// then measures, in the same run and interleaved round by round, Lot Enquiry (64 clients, lots
// drawn at random from all of them) and Material Use (64 clients, each on an open lot of its own
// tenant) on the full node and on an empty one (one tenant, 64 lots). Quotes p50, p99 and
// throughput for both and the growth ratio full / empty. Both nodes run without tenant limits.
//
//   swift run -c release ctn-bench size [--tenants 1000] [--lots 1000] [--seconds 3] [--rounds 3] [--loaders 32] [--keep DIR]
//                                       [--postgres URL [--processes 2] [--load-via-sqlite]]
//
// `--postgres URL` runs both nodes on PostgreSQL, each in a new database on URL's server, with
// `--processes` `ctn serve` processes per node (the load and the clients spread over them).
// `--load-via-sqlite` loads the full node on SQLite and moves it with `ctn store migrate` (the
// same data, much sooner than PostgreSQL's write path loads it over HTTP).
//
// `--keep DIR` keeps the full node (and its tokens and lot IDs, mode 0600) in DIR, and reuses it
// when it is there: a second run measures at once, without loading again.

struct SizeBench {
    let bin: URL
    let work: URL
    let tenants: Int
    let lots: Int
    let seconds: Double
    let rounds: Int
    let loaders: Int
    /// Where to keep the full node and its tokens and lot IDs between runs (reused when there).
    var keep: URL? = nil
    /// A PostgreSQL server's URL: the nodes' databases are made there (nil: SQLite files).
    var postgres: String? = nil
    /// Server processes per node (PostgreSQL only).
    var processes = 1
    /// Load the full node on SQLite (faster), then move it to PostgreSQL with `ctn store migrate`.
    var viaSQLite = false

    struct Server {
        var processes: [Process]
        var ports: [UInt16]
        var data: URL
        var database: String?

        func stop() {
            for p in processes where p.isRunning { p.terminate() }
            for p in processes { p.waitUntilExit() }
        }
    }

    func ctn(_ args: [String], database: String? = nil) throws -> String { try BenchProcess.ctn(bin, args, database: database) }

    /// A node with `count` tenants made before it serves (the CLI writes the database directly).
    func node(_ name: String, tenants count: Int, at folder: URL? = nil, sqlite: Bool = false) throws -> (Server, [String]) {
        let data = folder ?? work.appendingPathComponent(name)
        let database = sqlite ? nil : try postgres.map { try BenchPostgres.create($0, name: "size_\(name)") }
        _ = try ctn(["init", "--data", data.path, "--node-id", "size-\(name)"], database: database)
        var tokens: [String] = []
        for _ in 0..<count {
            tokens.append(
                try JSONParser.parse(Array(try ctn(["tenant", "add", "--data", data.path], database: database).utf8))["token"]!.stringValue!
            )
        }
        return (try serve(data, database: database), tokens)
    }

    /// `processes` servers of the node in `data` (one on SQLite).
    func serve(_ data: URL, database: String?) throws -> Server {
        var server = Server(processes: [], ports: [], data: data, database: database)
        for _ in 0..<(database == nil ? 1 : max(1, processes)) {
            let (p, port) = try BenchProcess.serve(
                bin, data: data, extra: ["--tenant-rate", "0", "--tenant-heavy", "0"], database: database)
            server.processes.append(p)
            server.ports.append(port)
        }
        return server
    }

    static let useBody = #"{"category":"steel-s45c","quantity":1.25,"unit":"kg"}"#

    /// Registers `perTenant` lots of every tenant, each with one Material Use, over `loaders`
    /// connections; returns every lot ID (by tenant).
    func load(_ ports: [UInt16], tokens: [String], perTenant: Int, loaders: Int) throws -> [[String]] {
        let ids = Mutex([[String]](repeating: [], count: tokens.count))
        let failure = Mutex<String?>(nil)
        let done = Atomic<Int>(0)
        let start = Date()
        let group = DispatchGroup()
        for k in 0..<loaders {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    let c = try LoadConnection(port: ports[k % ports.count])
                    for t in stride(from: k, to: tokens.count, by: loaders) {
                        var mine: [String] = []
                        mine.reserveCapacity(perTenant)
                        for _ in 0..<perTenant {
                            let (s1, b1) = try c.roundTrip(
                                httpRequest("POST", "/v1/lots", token: tokens[t], body: #"{"declaredUnit":"kg"}"#))
                            guard s1 == 201, let id = try JSONParser.parse(b1)["lotId"]?.stringValue else { throw BenchError("lot: \(s1)") }
                            let (s2, _) = try c.roundTrip(
                                httpRequest("POST", "/v1/lots/\(id)/material-uses", token: tokens[t], body: Self.useBody))
                            guard s2 == 201 else { throw BenchError("material use: \(s2)") }
                            mine.append(id)
                            let n = done.add(1, ordering: .relaxed).newValue
                            if n % 50_000 == 0 {
                                let rate = Double(n * 2) / Date().timeIntervalSince(start)
                                print("  \(n) lots loaded (\(Int(rate)) writes/s)")
                            }
                        }
                        let got = mine
                        ids.withLock { $0[t] = got }
                    }
                } catch {
                    failure.withLock { $0 = "\(error)" }
                }
            }
        }
        group.wait()
        if let f = failure.withLock({ $0 }) { throw BenchError("loading failed: \(f)") }
        return ids.withLock { $0 }
    }

    func run() throws {
        func fmt(_ d: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", d) }
        umask(0o077)  // the kept tokens are secrets
        let store = postgres == nil ? "SQLite" : "PostgreSQL, \(max(1, processes)) process(es) per node"
        print(
            "ctn-bench size: \(tenants) tenants x \(lots) lots on \(store); \(rounds) rounds of \(fmt(seconds, 1)) s; \(ProcessInfo.processInfo.activeProcessorCount) cores"
        )
        let (empty, emptyTokens) = try node("empty", tenants: 64)
        let kept = keep.map { k in
            (
                data: k.appendingPathComponent("full"), tokens: k.appendingPathComponent("full-tokens.txt"),
                lots: k.appendingPathComponent("full-lots.txt"), database: k.appendingPathComponent("full-database.txt")
            )
        }
        var reused: (tokens: [String], lots: [[String]])? = nil
        if let kept, let t = try? String(contentsOf: kept.tokens, encoding: .utf8),
            let l = try? String(contentsOf: kept.lots, encoding: .utf8)
        {
            let tokens = t.split(separator: "\n").map(String.init)
            var lots = [[String]](repeating: [], count: tokens.count)
            for line in l.split(separator: "\n") {
                let parts = line.split(separator: " ")
                if parts.count == 2, let t = Int(parts[0]), t < tokens.count { lots[t].append(String(parts[1])) }
            }
            reused = (tokens, lots)
        }
        var full: Server
        let fullTokens: [String]
        if let reused, let kept {
            let database = try? String(contentsOf: kept.database, encoding: .utf8)
            (full, fullTokens) = (try serve(kept.data, database: database), reused.tokens)
            print("reusing the full node in \(kept.data.path)")
        } else {
            (full, fullTokens) = try node("full", tenants: tenants, at: kept?.data, sqlite: viaSQLite)
        }
        defer {
            for s in [empty, full] { s.stop() }
        }
        let emptyLots = try load(empty.ports, tokens: emptyTokens, perTenant: 1, loaders: 8)
        let fullLots: [[String]]
        if let reused {
            fullLots = reused.lots
        } else {
            let loadStart = Date()
            fullLots = try load(full.ports, tokens: fullTokens, perTenant: lots, loaders: loaders)
            let loadSeconds = Date().timeIntervalSince(loadStart)
            print(
                "loaded \(tenants * lots) lots and \(tenants * lots) material uses in \(fmt(loadSeconds, 0)) s (\(fmt(Double(2 * tenants * lots) / loadSeconds, 0)) writes/s)"
            )
            if viaSQLite, let postgres {
                full.stop()
                let database = try BenchPostgres.create(postgres, name: "size_full")
                let start = Date()
                let moved = try ctn(["store", "migrate", "--data", full.data.path, "--json"], database: database)
                print(
                    "moved to PostgreSQL with ctn store migrate in \(fmt(Date().timeIntervalSince(start), 0)) s: \(moved.trimmingCharacters(in: .whitespacesAndNewlines))"
                )
                full = try serve(full.data, database: database)
            }
            if let kept {
                try fullTokens.joined(separator: "\n").write(to: kept.tokens, atomically: true, encoding: .utf8)
                let lines = fullLots.enumerated().flatMap { t, ids in ids.map { "\(t) \($0)" } }
                try lines.joined(separator: "\n").write(to: kept.lots, atomically: true, encoding: .utf8)
                if let database = full.database { try database.write(to: kept.database, atomically: true, encoding: .utf8) }
            }
        }

        // Lot Enquiry of lots drawn at random: on the full node from all of them.
        var rng = SystemRandomNumberGenerator()
        let all = fullLots.flatMap { $0 }
        let fullReads = (0..<100_000).map { _ in httpRequest("GET", "/v1/lots/\(all[Int.random(in: 0..<all.count, using: &rng)])") }
        let emptyAll = emptyLots.flatMap { $0 }
        let emptyReads = (0..<100_000).map { _ in
            httpRequest("GET", "/v1/lots/\(emptyAll[Int.random(in: 0..<emptyAll.count, using: &rng)])")
        }
        // Material Use: each client on one open lot of a tenant of its own.
        let fullUses = (0..<64).map { c in
            let t = c * max(1, tenants / 64) % tenants
            return httpRequest("POST", "/v1/lots/\(fullLots[t][0])/material-uses", token: fullTokens[t], body: Self.useBody)
        }
        let emptyUses = (0..<64).map { c in
            httpRequest("POST", "/v1/lots/\(emptyLots[c][0])/material-uses", token: emptyTokens[c], body: Self.useBody)
        }
        var table: [String: [LoadResult]] = [:]
        for _ in 0..<rounds {
            for (name, ports, reads) in [("empty", empty.ports, emptyReads), ("full", full.ports, fullReads)] {
                let r = try runEpollLoad(
                    ports: ports, clients: 64, seconds: seconds, make: { c, n in reads[(c * 7919 + n * 64) % reads.count] }, expect: 200)
                table["Lot Enquiry, \(name)", default: []].append(r)
            }
            for (name, ports, uses) in [("empty", empty.ports, emptyUses), ("full", full.ports, fullUses)] {
                let r = try runEpollLoad(ports: ports, clients: 64, seconds: seconds, make: { c, _ in uses[c] }, expect: 201)
                table["Material Use, \(name)", default: []].append(r)
            }
        }
        print("")
        print("scenario (64 clients)        req/s (median)   p50 ms    p99 ms   errors")
        for name in ["Lot Enquiry, empty", "Lot Enquiry, full", "Material Use, empty", "Material Use, full"] {
            let rs = table[name] ?? []
            print(
                name.padding(toLength: 28, withPad: " ", startingAt: 0), fmt(median(rs.map(\.perSecond)), 0).leftPad(14),
                fmt(median(rs.map { $0.percentile(0.5) / 1000 })).leftPad(9), fmt(median(rs.map { $0.percentile(0.99) / 1000 })).leftPad(9),
                String(rs.map(\.errors).reduce(0, +)).leftPad(8))
        }
        func growth(_ what: String, _ f: (LoadResult) -> Double) -> Double {
            median(zip(table["\(what), full"] ?? [], table["\(what), empty"] ?? []).map { f($0) / f($1) })
        }
        print("")
        print("growth full / empty (median over rounds of each round's ratio):")
        for what in ["Lot Enquiry", "Material Use"] {
            print(
                "  \(what.padding(toLength: 13, withPad: " ", startingAt: 0)) p50 \(fmt(growth(what) { $0.percentile(0.5) })), p99 \(fmt(growth(what) { $0.percentile(0.99) })), throughput \(fmt(growth(what) { $0.perSecond }))"
            )
        }
        let p99 = growth("Lot Enquiry") { $0.percentile(0.99) }
        print("target: Lot Enquiry p99 at full <= 1.5x empty: \(p99 <= 1.5 ? "met" : "NOT met") (\(fmt(p99)))")
        let size =
            try full.database.map { Int(try BenchPostgres.size($0)) }
            ?? ((try? FileManager.default.attributesOfItem(atPath: full.data.appendingPathComponent("ctn.sqlite").path)[.size] as? Int) ?? 0)
        print("full node's database: \(size / 1_000_000) MB")
        full.stop()
        let verify = try ctn(["ledger", "verify", "--data", full.data.path, "--json"], database: full.database)
        print("full node's ledger after the run: \(verify.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
}
