import CTNModel
import CurlHTTP
import Dispatch
import Foundation
import Synchronization

// ctn-bench crash: starts a real `ctn serve` process, lets 32 clients write Equipment Uses, kills
// the process with SIGKILL at a random moment, restarts it and checks that every write it had
// acknowledged is there and that `ctn ledger verify` passes; `--trials` times.
//
//   swift run -c release ctn-bench crash [--trials 100] [--clients 32]

/// The crash-safety benchmark: acknowledged writes lost (must be 0) and ledger checks over many kills.
struct CrashBench {
    let bin: URL
    let work: URL
    let trials: Int
    let clients: Int

    func ctn(_ args: [String]) throws -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = bin
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let d = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: d, as: UTF8.self))
    }

    /// Starts `ctn serve` on a free port; returns the process and its base URL.
    func serve(_ data: URL) throws -> (Process, String) {
        let (p, port) = try BenchProcess.serve(bin, data: data, extra: ["--exit-with-parent", "--tenant-rate", "0"])
        return (p, "http://127.0.0.1:\(port)")
    }

    static func call(_ base: String, _ method: String, _ path: String, token: String, _ body: JSONValue) throws -> JSONValue {
        let r = try CurlClient().request(
            method, base + path, headers: ["Authorization: Bearer \(token)"], body: Array(CanonicalJSON.encode(body).utf8))
        guard (200..<300).contains(r.status) else { throw BenchError("\(method) \(path): \(r.status) \(r.text)") }
        return try JSONParser.parse(r.body)
    }

    func run() throws {
        let data = work.appendingPathComponent("node")
        guard try ctn(["init", "--data", data.path, "--node-id", "crash"]).status == 0 else { throw BenchError("ctn init failed") }
        let tenant = try JSONParser.parse(Array(try ctn(["tenant", "add", "--data", data.path]).out.utf8))
        guard let token = tenant["token"]?.stringValue else { throw BenchError("no token") }
        var (server, base) = try serve(data)
        let equipment =
            try Self.call(base, "POST", "/v1/equipment", token: token, ["activityUnit": "min"])["equipmentId"]?.stringValue ?? ""
        _ = try Self.call(base, "PUT", "/v1/equipment/\(equipment)/intensity", token: token, ["intensity": 0.25, "unit": "kg-CO2e/min"])
        let lot = try Self.call(base, "POST", "/v1/lots", token: token, ["declaredUnit": "piece"])["lotId"]?.stringValue ?? ""
        let body = Array(CanonicalJSON.encode(["equipmentId": .string(equipment), "activity": 1, "unit": "min"]).utf8)
        var acknowledged = Set<String>()
        var lostTotal = 0
        var verifyFailures = 0
        print("ctn-bench crash: \(trials) trials, \(clients) writers, SIGKILL after 0.2-1.2 s each")
        for trial in 1...trials {
            let acked = Mutex<[String]>([])
            let victim = server
            let delay = Double.random(in: 0.2...1.2)
            let killer = Thread {
                Thread.sleep(forTimeInterval: delay)
                kill(victim.processIdentifier, SIGKILL)
            }
            killer.start()
            let target = base
            DispatchQueue.concurrentPerform(iterations: clients) { _ in
                let client = CurlClient(connectTimeout: 1, timeout: 3)
                while true {
                    guard
                        let r = try? client.request(
                            "POST", target + "/v1/lots/\(lot)/equipment-uses", headers: ["Authorization: Bearer \(token)"], body: body)
                    else { return }
                    if r.status == 201, let id = (try? JSONParser.parse(r.body))?["useId"]?.stringValue { acked.withLock { $0.append(id) } }
                }
            }
            victim.waitUntilExit()
            acknowledged.formUnion(acked.withLock { $0 })
            let verified = try ctn(["ledger", "verify", "--data", data.path, "--json"])
            if (try? JSONParser.parse(Array(verified.out.utf8)))?["ok"] != .bool(true) { verifyFailures += 1 }
            (server, base) = try serve(data)
            let uses = try Self.call(base, "GET", "/v1/lots/\(lot)/equipment-uses", token: token, .null)["equipmentUses"]?.arrayValue ?? []
            let stored = Set(uses.compactMap { $0["useId"]?.stringValue })
            let lost = acknowledged.subtracting(stored).count
            lostTotal += lost
            if trial % 10 == 0 || lost > 0 {
                print("trial \(trial): \(acknowledged.count) acknowledged so far, \(stored.count) stored, \(lost) lost")
            }
        }
        server.terminate()
        server.waitUntilExit()
        print(
            "result: \(trials) kills, \(acknowledged.count) writes acknowledged, \(lostTotal) lost, ledger verification failed \(verifyFailures) times"
        )
        if lostTotal > 0 || verifyFailures > 0 { throw BenchError("acknowledged writes lost or ledger broken") }
    }
}
