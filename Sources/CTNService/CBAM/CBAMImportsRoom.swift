import CTNCBAM
import CTNLedger
import CTNModel
import CTNStore

/// Imports recorded against booked summaries, and the year's embedded emissions: the supplier's
/// verified SEE where the summary verified, else the default value of the installation's country
/// with the year's mark-up (unverified actual values cannot be used).
extension ContractService {
    func cbamImport(_ input: CBAMImportInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let importedAt = try Self.sourceTime(input.importedAt, now: now)
        let tonnes = try StatedUnits(units: engine.units).tonnes(input.mass)
        let node = input.node ?? nodeId
        let importId = minter.mint(tenant: tenant.tenantId, kind: "cbam-import").hex
        let event = try event(.cbamImport)
        return try await store.write { tx in
            guard let s = try tx.cbamSummary(tenantId: tenant.tenantId, node: node, reportId: input.reportId) else {
                throw Problem.notFound("a booked summary of report \(input.reportId) of node \(node)", field: "reportId")
            }
            let goods = LotStatement.payload(s.jws)?["goods"]?.arrayValue ?? []
            guard goods.contains(where: { $0["cn"]?.stringValue == input.cn }) else {
                throw Problem.invalidValue("cn", "report \(input.reportId) has no good of CN \(input.cn)")
            }
            let appended = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: ContractID.cbamImport.rawValue, event: event, sourceTime: importedAt,
                payload: [
                    "importId": .string(importId), "node": .string(node), "reportId": .string(input.reportId), "cn": .string(input.cn),
                    "tonnes": .number(tonnes),
                ])
            try tx.insertCBAMImport(
                CBAMImportRecord(
                    importId: importId, tenantId: tenant.tenantId, node: node, reportId: input.reportId, cn: input.cn, tonnes: tonnes,
                    importedAt: importedAt, seq: appended.seq))
            return [
                "importId": .string(importId), "cn": .string(input.cn), "mass": ["value": .number(tonnes), "unit": "t"],
                "ledgerSeq": .number(Double(appended.seq)),
            ]
        }
    }

    func cbamImports(_ input: CBAMImportsInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let year = input.year ?? Self.year(of: clock.nowMillis())
        let dictionaries = self.dictionaries
        let rows = try await store.read { tx in
            try tx.cbamImports(tenantId: tenant.tenantId).filter { Self.year(of: $0.importedAt) == year }.map { i in
                (i, try tx.cbamSummary(tenantId: tenant.tenantId, node: i.node, reportId: i.reportId))
            }
        }
        var total = CBAMSEE.zero
        var counted = 0.0
        var onDefault = 0.0
        var out: [JSONValue] = []
        for (i, s) in rows {
            let summary = s.flatMap { LotStatement.payload($0.jws) } ?? .null
            let good = summary["goods"]?.arrayValue?.first { $0["cn"]?.stringValue == i.cn } ?? .null
            let country = summary["installation"]?["country"]?.stringValue ?? ""
            let countsIndirect = CBAMCategory.of(cn: i.cn)?.countsIndirect(cn: i.cn) ?? false
            var o = JSONObject([
                "importId": .string(i.importId), "node": .string(i.node), "reportId": .string(i.reportId), "cn": .string(i.cn),
                "installation": summary["installation"] ?? .null, "importedAt": .string(Timestamp.format(millis: i.importedAt)),
                "mass": ["value": .number(i.tonnes), "unit": "t"],
            ])
            var see: CBAMSEE
            var share: Double
            if s?.verified == true, let d = good["see"]?["direct"]?.numberValue {
                see = CBAMSEE(direct: d, indirect: good["see"]?["indirect"]?.numberValue ?? 0)
                share = good["defaultShare"]?.numberValue ?? 0
                o["basis"] = "actual-verified"
                // The carbon price paid is deducted for goods declared on actual values only.
                let price = summary["carbonPrice"]?["goods"]?.arrayValue?.first {
                    $0["cn"]?.stringValue == i.cn && $0["process"] == good["process"]
                }
                if let perTonne = price?["effectivePricePerTonne"]?.numberValue {
                    o["carbonPriceDeductible"] = [
                        "value": .number(i.tonnes * perTonne), "currency": summary["carbonPrice"]?["currency"] ?? .null,
                        "perTonne": .number(perTonne),
                    ]
                }
            } else if let (d, fallback) = dictionaries.cbamDefault(cn: i.cn, country: country, at: i.importedAt) {
                // The mark-up applies to the total default value: both parts scale with it.
                let rate = dictionaries.cbamMarkup(cn: i.cn, year: year)?.rate ?? 0
                see = CBAMSEE(direct: d.direct * (1 + rate), indirect: (d.indirect ?? 0) * (1 + rate))
                share = 1
                o["basis"] = "default"
                o["carbonPriceDeductible"] = .null
                o["default"] = [
                    "direct": .number(d.direct), "indirect": .number(d.indirect ?? 0), "markup": .number(rate), "fallback": .bool(fallback),
                    "source": .string(d.source),
                ]
            } else {
                o["basis"] = "none"
                o["note"] = .string("the summary is not verified and CN \(i.cn) from \(country) has no default value")
                out.append(.object(o))
                continue
            }
            let embedded = CBAMSEE(direct: i.tonnes * see.direct, indirect: i.tonnes * see.indirect)
            let c = embedded.counted(indirect: countsIndirect)
            o["see"] = [
                "direct": .number(see.direct), "indirect": .number(see.indirect), "counted": .number(see.counted(indirect: countsIndirect)),
            ]
            o["embedded"] = [
                "direct": .number(embedded.direct), "indirect": .number(embedded.indirect), "counted": .number(c), "unit": "t-CO2e",
            ]
            o["defaultShare"] = .number(share)
            total.direct += embedded.direct
            total.indirect += embedded.indirect
            counted += c
            onDefault += c * share
            out.append(.object(o))
        }
        return [
            "year": .number(Double(year)), "imports": .array(out),
            "total": [
                "direct": .number(total.direct), "indirect": .number(total.indirect), "counted": .number(counted), "unit": "t-CO2e",
                "defaultShare": .number(counted > 0 ? onDefault / counted : 0),
            ],
        ]
    }

    /// The calendar year (UTC) of a time.
    static func year(of millis: Int64) -> Int {
        let days = Int((Double(millis) / 86_400_000).rounded(.down))
        // Civil-from-days (Howard Hinnant), for the year only.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        return yoe + era * 400 + (mp >= 10 ? 1 : 0)
    }
}
