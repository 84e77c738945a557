import CTNModel
import Foundation
import Testing

@Suite("CLI against a real node", .serialized)
struct CLITests {
    @Test("Aliases stay local; energy report from a file; table and JSON output; token revocation")
    func cli() throws {
        let node = try NodeProcess(nodeId: "cli-node")
        let t = try node.addTenant()
        try node.start()
        defer { node.stop() }
        let aliases = node.data.appendingPathComponent("client-aliases.json")
        let env = ["CTN_NODE": node.base, "CTN_TOKEN": t.token, "CTN_ALIASES": aliases.path, "CTN_CACERT": node.caFile]

        // Equipment by alias; the alias file holds the name, the node never sees it.
        let reg = try NodeProcess.ctn(["equipment", "register", "--activity-unit", "h", "--alias", "kiln-7", "--json"], env: env)
        let eq = try #require(try JSONParser.parse(Array(reg.out.utf8))["equipmentId"]?.stringValue)
        let aliasFile = try JSONParser.parse(try Data(contentsOf: aliases))
        #expect(aliasFile["kiln-7"]?.stringValue == eq)
        var st = stat()
        #expect(stat(aliases.path, &st) == 0 && st.st_mode & 0o077 == 0, "alias file is private")

        // An energy report naming the equipment by its alias: 100 kWh at 0.5 kg/kWh over 4 h → 12.5 kg-CO2e/h.
        let report = node.data.appendingPathComponent("report.json")
        try Data(
            #"{"periodStart":"2026-01-01T00:00:00Z","periodEnd":"2026-01-02T00:00:00Z","energy":[{"type":"electricity","consumption":100,"unit":"kWh","emissionFactor":0.5,"emissionFactorUnit":"kg-CO2e/kWh"}],"equipment":[{"equipmentId":"kiln-7","operatingTime":240,"unit":"min","performance":[{"type":"electricity","value":25,"unit":"kW"}]}]}"#
                .utf8
        ).write(to: report)
        let r = try JSONParser.parse(Array(try NodeProcess.ctn(["energy", "report", report.path, "--json"], env: env).out.utf8))
        #expect(abs((r["equipment"]?.arrayValue?.first?["intensity"]?.numberValue ?? 0) - 12.5) < 1e-12)

        // A lot by alias, used for 30 min → 6.25 kg; complete 5 → 1.25 kg/piece; printed as a table.
        _ = try NodeProcess.ctn(["lot", "register", "--alias", "batch-42"], env: env)
        _ = try NodeProcess.ctn(
            ["lot", "use-equipment", "batch-42", "--equipment", "kiln-7", "--activity", "30", "--unit", "min"], env: env)
        let done = try NodeProcess.ctn(["lot", "complete", "batch-42", "--completed", "5"], env: env)
        #expect(done.out.contains("co2PerUnit") && done.out.contains("1.25"))
        let eqTable = try NodeProcess.ctn(["lot", "equipment", "batch-42"], env: env)
        #expect(eqTable.out.contains("equipmentUses (1)") && eqTable.out.contains(eq))

        // The node's files are private to its user.
        for name in ["ctn.sqlite", "keys.json"] {
            var s = stat()
            #expect(stat(node.data.appendingPathComponent(name).path, &s) == 0 && s.st_mode & 0o077 == 0, "\(name) is private")
        }

        // Nothing the node stored carries the aliases.
        let db = try Data(contentsOf: node.data.appendingPathComponent("ctn.sqlite"))
        let wal = (try? Data(contentsOf: node.data.appendingPathComponent("ctn.sqlite-wal"))) ?? Data()
        for name in ["kiln-7", "batch-42"] {
            #expect(db.range(of: Data(name.utf8)) == nil && wal.range(of: Data(name.utf8)) == nil, "\(name) reached the node")
        }

        // A refused call prints the problem and exits 1.
        let bad = try NodeProcess.ctn(
            ["lot", "use-equipment", "batch-42", "--equipment", "kiln-7", "--activity", "1"], env: env, expectSuccess: false)
        #expect(bad.status == 1)

        // Revoking the token from the CLI locks it out of the running node within the 2 s cache.
        let list = try JSONParser.parse(Array(try NodeProcess.ctn(["tenant", "list", "--data", node.data.path, "--json"]).out.utf8))
        let tokenId = list["tenants"]?.arrayValue?.first?["tokens"]?.arrayValue?.first?["tokenId"]?.stringValue ?? ""
        _ = try NodeProcess.ctn(["tenant", "revoke-token", "--data", node.data.path, tokenId])
        Thread.sleep(forTimeInterval: 2.2)
        #expect(try node.call("GET", "/v1/equipment", token: t.token).status == 401)
    }
}
