import CTNModel
import Foundation
import Testing

/// Mass balance between two real nodes over HTTPS, driven with the CLI: the fibre maker ("steel"
/// node) receives PAN, reconciles a batch and dispatches fibre with a declaration; the weaver
/// ("parts" node) books it once, and its trace of a lot made of the fibre lot shows the certified
/// share. Figures by hand: 60 t certified + 140 t conventional PAN at 0.5 give 30 t certified of
/// 100 t CF; 40 t dispatched with 20 t certified (share 0.5); the weaver holds 20 + 20 t CF-IN.
@Suite("Mass balance across two nodes", .serialized)
struct MassBalanceChainTests {
    @Test("Dispatch with a declaration, booked once on the customer's node; the audit pack verifies offline; the trace shows the share")
    func chain() throws {
        let net = try FederationTests.Network()
        defer { net.stopAll() }
        let (fibre, weaver) = (net.steel, net.parts)
        let f = try fibre.addTenant()
        let w = try weaver.addTenant()
        for n in net.nodes { try net.start(n) }
        let files = try ScratchFiles("ctn-mb")
        defer { files.remove() }
        let write = files.write
        let atFibre = ["--node", fibre.base, "--token", f.token, "--cacert", fibre.caFile]
        let atWeaver = ["--node", weaver.base, "--token", w.token, "--cacert", weaver.caFile]
        func json(_ args: [String], expectSuccess: Bool = true) throws -> JSONValue {
            try JSONParser.parse(Array(try NodeProcess.ctn(args + ["--json"], expectSuccess: expectSuccess).out.utf8))
        }

        _ = try json(
            [
                "mb", "receive", "PAN", "--pool", "certified", "--mass", "120 t", "--scheme", "ISCC PLUS", "--sd", "SD-2026-0412",
                "--time", "2026-05-02T08:00:00Z",
            ] + atFibre)
        _ = try json(["mb", "receive", "PAN", "--pool", "conventional", "--mass", "380 t", "--time", "2026-05-02T08:00:00Z"] + atFibre)
        let batch = try json(
            [
                "mb", "batch",
                try write(
                    "batch.json",
                    [
                        "inputs": [
                            ["material": "PAN", "pool": "certified", "scheme": "ISCC PLUS", "mass": ["value": 60, "unit": "t"]],
                            ["material": "PAN", "pool": "conventional", "mass": ["value": 140, "unit": "t"]],
                        ],
                        "outputs": [["material": "CF", "mass": ["value": 100, "unit": "t"]]], "conversionFactor": 0.5, "tolerance": 0.02,
                        "window": ["start": "2026-05-05T00:00:00Z", "end": "2026-05-05T12:00:00Z"],
                    ]),
            ] + atFibre)
        let batchId = try #require(batch["batchId"]?.stringValue, "\(batch)")
        #expect(batch["certifiedOutput"]?.arrayValue?.first?["mass"]?["value"] == 30_000)

        // A completed fibre lot the dispatch goes with, shipped to the weaver too.
        let lot = try fibre.call("POST", "/v1/lots", token: f.token, ["declaredUnit": "kg"]).str("lotId")
        _ = try fibre.call(
            "POST", "/v1/lots/\(lot)/material-uses", token: f.token, ["category": "steel-s45c", "quantity": 10, "unit": "kg"])
        _ = try fibre.call("POST", "/v1/lots/\(lot)/completion", token: f.token, ["completed": 40_000])
        let consignee = "\(w.businessId)@parts"
        _ = try fibre.call("POST", "/v1/lots/\(lot)/shipments", token: f.token, ["consignee": .string(consignee), "quantity": 40_000])
        let declaration = files.path("sd.jws")
        let dispatched = try json(
            [
                "mb", "dispatch", "CF", "--mass", "40 t", "--certified", "20 t", "--batch", batchId, "--consignee", consignee, "--lot", lot,
                "--time", "2026-05-20T10:00:00Z", "--declaration-out", declaration,
            ] + atFibre)
        #expect(dispatched["certifiedShare"] == 0.5, "\(dispatched)")

        let booked = try json(["mb", "book", declaration, "--material", "CF-IN", "--time", "2026-05-21T00:00:00Z"] + atWeaver)
        #expect(booked["issuer"] == "steel" && booked["certifiedMass"]?["value"] == 20_000, "\(booked)")
        let again = try NodeProcess.ctn(["mb", "book", declaration, "--material", "CF-IN", "--json"] + atWeaver, expectSuccess: false)
        #expect(again.status != 0 && again.out.contains("declaration_booked"), "\(again.out)")
        let pools = try json(["mb", "balances", "--at", "2026-06-01T00:00:00Z"] + atWeaver)
        let masses = (pools["balances"]?.arrayValue ?? []).map {
            "\($0["material"]?.stringValue ?? "")/\($0["pool"]?.stringValue ?? "")=\($0["mass"]?["value"]?.numberValue ?? -1)"
        }
        #expect(Set(masses) == ["CF-IN/certified=20000.0", "CF-IN/conventional=20000.0"], "\(masses)")

        // The carry-forward report and the audit pack as documents; the pack checked offline.
        let report = try NodeProcess.ctn(["mb", "balances", "--at", "2026-05-31T23:59:59Z"] + atFibre).out
        #expect(
            report.contains("# Certified carry-forward report")
                && report.contains("| CF | - | certified | ISCC PLUS | - | 10 t | 10 t | 0 kg |"), "\(report)")
        let document = try NodeProcess.ctn(["mb", "audit", "--to", "2027-01-01T00:00:00Z"] + atFibre).out
        #expect(document.contains("Chain recomputed and signed head checked: verified"), "\(document)")
        let pack = try NodeProcess.ctn(["mb", "audit", "--to", "2027-01-01T00:00:00Z", "--json"] + atFibre).out
        let packFile = URL(fileURLWithPath: files.path("pack.json"))
        try Data(pack.utf8).write(to: packFile)
        #expect(try NodeProcess.ctn(["mb", "verify", packFile.path]).out.contains("audit pack verifies"))
        // The same pack with one event's ledger hash changed no longer verifies.
        let tampered = URL(fileURLWithPath: files.path("tampered.json"))
        let firstHash = try #require(try JSONParser.parse(Array(pack.utf8))["events"]?.arrayValue?.first?["ledgerHash"]?.stringValue)
        try Data(
            pack.replacingOccurrences(of: firstHash, with: String(repeating: "0", count: 64), options: [], range: pack.range(of: firstHash))
                .utf8
        ).write(to: tampered)
        #expect(try NodeProcess.ctn(["mb", "verify", tampered.path], expectSuccess: false).status != 0)

        // The weaver's lot made of 10 t of the fibre lot: its trace shows the fibre lot's certified share.
        let cloth = try weaver.call("POST", "/v1/lots", token: w.token, ["declaredUnit": "kg"]).str("lotId")
        _ = try weaver.call(
            "POST", "/v1/lots/\(cloth)/material-uses", token: w.token,
            ["materialLotId": .string(lot), "node": "steel", "quantity": 10_000, "unit": "kg"])
        _ = try weaver.call("POST", "/v1/lots/\(cloth)/completion", token: w.token, ["completed": 9_000])
        let trace = try weaver.call("GET", "/v1/lots/\(cloth)/trace", token: w.token)
        let fibreLevel = trace["breakdown"]?.arrayValue?.first { $0["lotId"]?.stringValue == lot }
        #expect(fibreLevel?["certified"]?["certifiedShare"] == 0.5, "\(trace.json)")
        #expect(fibreLevel?["certified"]?["schemes"]?.arrayValue?.first?["scheme"] == "ISCC PLUS")
        net.stopAll()
        for n in [fibre, weaver] { #expect(try NodeProcess.ctn(["ledger", "verify", "--data", n.data.path]).status == 0) }
    }
}
