import CTNModel
import Foundation
import Testing

/// A node's data written before JSON parsing moved to libjansson (`Tests/Fixtures/ledger-before-jansson`,
/// made with `ctn demo --once` by the build with the hand-written parser; the figures below are what
/// that build printed). The node of today reads it: the ledger verifies to the same head, every
/// exported event parses and chains, and a stored lot answers with the same figures and statement.
@Suite("A ledger written before jansson")
struct LedgerFixtureTests {
    static let fixture = NodeProcess.root.appendingPathComponent("Tests/Fixtures/ledger-before-jansson")

    @Test("verifies to the head it had, exports 22 chained events, and serves its lots as before")
    func readsOldLedger() throws {
        let node = try NodeProcess(copyOf: Self.fixture)
        let verify = try JSONParser.parse(Array(try NodeProcess.ctn(["ledger", "verify", "--data", node.data.path, "--json"]).out.utf8))
        #expect(verify["ok"] == .bool(true) && verify["events"] == 22 && verify["headSeq"] == 22, "\(verify)")
        #expect(verify["headHash"] == "dd45b7c15ddba0bfa86ba79cdaf8d9f0e1e8f92684e63824adce8e0030b63044")
        // The Merkle log (migration v19) is built from the 22 events it kept, and verifies.
        let log = try JSONParser.parse(Array(try NodeProcess.ctn(["log", "verify", "--data", node.data.path, "--json"]).out.utf8))
        #expect(log["ok"] == .bool(true) && log["size"] == 22, "\(log)")

        let lines = try NodeProcess.ctn(["ledger", "export", "--data", node.data.path]).out.split(separator: "\n")
        #expect(lines.count == 22)
        var previous = String(repeating: "0", count: 64)
        for line in lines {
            let event = try JSONParser.parse(Array(line.utf8))
            #expect(event["prevHash"]?.stringValue == previous, "event \(event["seq"] ?? .null) follows the one before")
            previous = try #require(event["hash"]?.stringValue)
        }

        // The white paper's first product lot, completed at 2.8379997351916377 kg-CO2e each, as stored.
        try node.start(insecure: true)
        defer { node.stop() }
        let lot = try node.call("GET", "/v1/lots/c47f707ae703cf527f1c4f3c63891e86", token: nil)
        #expect(lot.status == 200 && lot.num("co2PerUnit") == 2.8379997351916377 && lot["status"] == "completed", "\(lot.json)")
        let statement = try #require(lot["statement"]?.stringValue)
        let nodeJSON = node.data.appendingPathComponent("node.json").path
        #expect(try NodeProcess.ctn(["statement", "verify", "--node-json", nodeJSON, statement], expectSuccess: false).status == 0)
    }
}
