import CTNLedger
import CTNModel
import Foundation
import Testing

/// CBAM across three real nodes over HTTPS: the operator ("steel") files a report, a verifier on
/// "parts" replays and signs it with the CLI, the operator attaches the statement, and an importer
/// on "assembler" pulls the signed summary, records an import and reads its embedded emissions.
/// Figures by hand (relative 1e-9): the coil's SEE is 3,553 / 1,200 t-CO2e/t (see CBAMRoomTests), so
/// 100 t carry 296.08333… t-CO2e when verified; an unverified report falls to Türkiye's default
/// for CN 7208, 2.428 × 1.10 (the 2026 mark-up) = 2.6708, so 100 t carry 267.08 t-CO2e.
@Suite("CBAM across three nodes", .serialized)
struct CBAMChainTests {
    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= 1e-9 * abs(b) } ?? false }

    /// The worked chain's document (`Tests/Fixtures/cbam/report.json`).
    static var report: JSONValue {
        (try? Data(contentsOf: NodeProcess.root.appendingPathComponent("Tests/Fixtures/cbam/report.json"))).flatMap {
            try? JSONParser.parse($0)
        } ?? .null
    }

    static func python(_ script: String, _ arg: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, arg]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(
        "Verified on another node, pulled by an importer on a third, its import at the verified SEE; unverified at the default; a tampered summary refused"
    )
    func chain() throws {
        let net = try FederationTests.Network()
        defer { net.stopAll() }
        let (op, ver, imp) = (net.steel, net.parts, net.assembler)
        let o = try op.addTenant()
        let v = try ver.addTenant()
        let i = try imp.addTenant()
        for n in net.nodes { try net.start(n) }
        let files = try ScratchFiles("ctn-cbam")
        defer { files.remove() }
        let installation = try op.call(
            "POST", "/v1/cbam/installations", token: o.token,
            ["name": "Ege Works", "address": "Aliağa", "country": "TR", "unlocode": "TRALA", "latitude": 38.8, "longitude": 26.97]
        ).str("installationId")
        func file(_ body: JSONValue) throws -> String {
            guard case .object(var b) = body else { return "" }
            b["installation"] = .string(installation)
            return try op.call("POST", "/v1/cbam/reports", token: o.token, .object(b)).str("reportId")
        }
        let verified = try file(Self.report)
        let plain = try file(Self.report)
        for (grantee, contract) in [("\(v.businessId)@parts", "cbam-report-enquiry"), ("\(i.businessId)@assembler", "cbam-summary")] {
            let g = try op.call(
                "POST", "/v1/agreements", token: o.token,
                ["grantee": .string(grantee), "contracts": [.string(contract)], "scope": "all", "purpose": "CBAM"])
            #expect(g.status == 201, "\(g.json)")
        }
        let atVerifier = ["--node", ver.base, "--token", v.token, "--cacert", ver.caFile, "--json"]
        let atOperator = ["--node", op.base, "--token", o.token, "--cacert", op.caFile, "--json"]
        let atImporter = ["--node", imp.base, "--token", i.token, "--cacert", imp.caFile, "--json"]
        let statement = files.path("verification.jws")
        let signed = try JSONParser.parse(
            Array(try NodeProcess.ctn(["cbam", "verify", verified, "--report-node", "steel", "--out", statement] + atVerifier).out.utf8))
        #expect(signed["checks"]?.arrayValue?.allSatisfy { $0["ok"] == true } == true, "\(signed)")
        let attached = try JSONParser.parse(Array(try NodeProcess.ctn(["cbam", "attach", verified, statement] + atOperator).out.utf8))
        #expect(attached["verified"] == true, "\(attached)")
        // The operator's summary as a workbook like the communication template, opened with openpyxl.
        let book = files.path("summary.xlsx")
        _ = try NodeProcess.ctn(["cbam", "export", verified, "--xlsx", book, "--json-out", files.path("summary.json")] + atOperator)
        let read = try Self.python(
            """
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            rows = {r[1]: r for r in wb["Summary_Products"].iter_rows(min_row=2, values_only=True)}
            inst = {r[0]: r[1] for r in wb["A_InstData"].iter_rows(min_row=2, values_only=True)}
            pre = list(wb["E_PurchPrec"].iter_rows(min_row=2, values_only=True))
            print(wb.sheetnames, repr(rows["7208 51 20"][3]), rows["7208 51 20"][8], rows["7201 10 11"][8], inst["Name"], inst["Verified"], pre[0][1], pre[0][6])
            """, book)
        #expect(
            read
                == "['A_InstData', 'D_Processes', 'E_PurchPrec', 'Summary_Products'] \(3553.0 / 1200) default actual-verified Ege Works yes 7207 11 90 default",
            "\(read)")

        // The carbon price paid for the verified report: 30 EUR/t less a 5 EUR refund, a quarter rebated.
        let price = try op.call(
            "POST", "/v1/cbam/reports/\(verified)/carbon-price", token: o.token,
            [
                "instrument": "Türkiye ETS (pilot)", "legalBasis": "Climate Law 7552", "price": ["value": 30, "currency": "EUR"],
                "refund": 5,
                "rebatedShare": 0.25, "evidence": "payment 2027-0042", "certifiedBy": "A. Yılmaz, independent auditor",
            ])
        #expect(price.status == 201, "\(price.json)")
        for report in [verified, plain] {
            let pulled = try JSONParser.parse(
                Array(try NodeProcess.ctn(["cbam", "pull", report, "--report-node", "steel"] + atImporter).out.utf8))
            #expect(pulled["verified"] == .bool(report == verified), "\(pulled)")
            _ = try NodeProcess.ctn(
                [
                    "cbam", "import", report, "--report-node", "steel", "--cn", "7208 51 20", "--mass", "100 t", "--imported-at",
                    "2026-03-01T00:00:00Z",
                ]
                    + atImporter)
        }
        let view = try imp.call("GET", "/v1/cbam/imports?year=2026", token: i.token)
        let rows = view["imports"]?.arrayValue ?? []
        let a = rows.first { $0["reportId"]?.stringValue == verified }
        let b = rows.first { $0["reportId"]?.stringValue == plain }
        #expect(
            a?["basis"] == "actual-verified" && Self.close(a?["embedded"]?["counted"]?.numberValue, 100 * 3553.0 / 1200), "\(view.json)")
        #expect(b?["basis"] == "default" && Self.close(b?["embedded"]?["counted"]?.numberValue, 100 * 2.428 * 1.1), "\(view.json)")
        #expect(a?["installation"]?["name"] == "Ege Works")
        // (SEE − 25 % rebated) × (30 − 5) per tonne, 100 t: deducted on actual values only.
        #expect(Self.close(a?["carbonPriceDeductible"]?["value"]?.numberValue, 100 * 3553.0 / 1200 * 0.75 * 25), "\(view.json)")
        #expect(a?["carbonPriceDeductible"]?["currency"] == "EUR" && b?["carbonPriceDeductible"] == .null)

        // A summary changed on the way (the coil's SEE halved) is refused by the importer's node.
        let summary = try op.call("GET", "/v1/cbam/reports/\(verified)/summary", token: o.token).str("summary")
        let parts = summary.split(separator: ".").map(String.init)
        var payload = try #require(Base64URL.decode(parts[1]).flatMap { try? JSONParser.parse($0) }?.objectValue)
        payload["contentHash"] = .string(String(repeating: "0", count: 64))
        let forged = parts[0] + "." + Base64URL.encode(CanonicalJSON.bytes(.object(payload))) + "." + parts[2]
        let refused = try imp.call("POST", "/v1/cbam/summaries", token: i.token, ["summary": .string(forged)])
        #expect(refused.status == 422 && refused["code"] == "invalid_summary", "\(refused.json)")
        net.stopAll()
        for n in net.nodes { #expect(try NodeProcess.ctn(["ledger", "verify", "--data", n.data.path]).status == 0) }
    }

}
