import CTNModel
import CurlHTTP
import Foundation
import Synchronization
import Testing

/// A node killed with SIGKILL while 32 clients write loses no acknowledged write, and its ledger
/// verifies after the restart (issue 10: crash safety).
@Suite("Crash safety", .serialized)
struct CrashSafetyTests {
    @Test("SIGKILL during 32 writers, three times: every acknowledged write is there, the ledger verifies")
    func killDuringWrites() throws {
        let node = try NodeProcess(nodeId: "crash-node")
        let tenant = try node.addTenant()
        try node.start(insecure: true)
        let equipment = try node.call("POST", "/v1/equipment", token: tenant.token, ["activityUnit": "min"]).str("equipmentId")
        _ = try node.call("PUT", "/v1/equipment/\(equipment)/intensity", token: tenant.token, ["intensity": 0.25, "unit": "kg-CO2e/min"])
        let lot = try node.call("POST", "/v1/lots", token: tenant.token, ["declaredUnit": "piece"]).str("lotId")
        var acknowledged = Set<String>()
        for trial in 1...3 {
            let acked = Mutex<[String]>([])
            let base = node.base
            let body = Array(CanonicalJSON.encode(["equipmentId": .string(equipment), "activity": 1, "unit": "min"]).utf8)
            let process = try #require(node.process)
            let killer = Thread {
                Thread.sleep(forTimeInterval: 0.8)
                kill(process.processIdentifier, SIGKILL)
            }
            killer.start()
            DispatchQueue.concurrentPerform(iterations: 32) { _ in
                let client = CurlClient(connectTimeout: 1, timeout: 3)
                while true {
                    guard
                        let r = try? client.request(
                            "POST", base + "/v1/lots/\(lot)/equipment-uses", headers: ["Authorization: Bearer \(tenant.token)"], body: body)
                    else { return }  // the node is gone
                    guard r.status == 201, let id = (try? JSONParser.parse(r.body))?["useId"]?.stringValue else { continue }
                    acked.withLock { $0.append(id) }
                }
            }
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "trial \(trial): killed, not stopped")
            let thisTrial = acked.withLock { $0 }
            #expect(thisTrial.count > 0, "trial \(trial): writes were acknowledged before the kill")
            acknowledged.formUnion(thisTrial)
            try node.start(insecure: true)
            let uses = try node.call("GET", "/v1/lots/\(lot)/equipment-uses", token: tenant.token)["equipmentUses"]?.arrayValue ?? []
            let stored = Set(uses.compactMap { $0["useId"]?.stringValue })
            let lost = acknowledged.subtracting(stored)
            #expect(lost.isEmpty, "trial \(trial): \(lost.count) of \(acknowledged.count) acknowledged writes lost")
        }
        node.stop()
        let verified = try NodeProcess.ctn(["ledger", "verify", "--data", node.data.path, "--json"])
        let report = try JSONParser.parse(Array(verified.out.utf8))
        #expect(report["ok"] == .bool(true), "\(verified.out)")
    }
}
