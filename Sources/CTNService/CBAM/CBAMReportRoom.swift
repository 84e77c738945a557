import CTNCBAM
import CTNLedger
import CTNModel
import CTNStore

/// CBAM Period Report and Report Enquiry: an installation's processes in a period turned into the
/// specific embedded emissions of its goods by the engine, kept as an immutable document under a
/// content hash that the ledger keeps.
extension ContractService {
    func cbamReport(_ input: CBAMReportInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let now = clock.nowMillis()
        let reportId = minter.mint(tenant: tenant.tenantId, kind: "cbam-report").hex
        let (u, dictionaries) = (StatedUnits(units: engine.units), self.dictionaries)
        let event = try event(.cbamReport)
        return try await store.write { tx in
            let installation = try Self.ownInstallation(tx, input.installation, tenant, field: "installation")
            let compute = CBAMCompute(units: u, dictionaries: dictionaries)
            let processes = try compute.processes(input) { i, id in
                try Self.scope1(tx, id, tenant: tenant, field: "processes[\(i)].calculationId")
            }
            let at = input.periodEnd - 1
            let resolved = try compute.resolve(processes, at: at)
            let findings = CBAMPlausibility.findings(
                processes, resolved.goods, country: installation.country,
                defaults: { cn in dictionaries.cbamDefault(cn: cn, country: installation.country, at: at) })
            let results = CBAMReportView.results(
                reportId: reportId, input: input, country: installation.country, processes: processes, resolved: resolved,
                findings: findings)
            let text = CanonicalJSON.encode(results)
            let hash = LedgerHashing.sha256Hex(text)
            let appended = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: ContractID.cbamReport.rawValue, event: event, sourceTime: input.periodEnd,
                payload: [
                    "reportId": .string(reportId), "installation": .string(input.installation), "contentHash": .string(hash),
                    "goods": .array(
                        resolved.goods.map { ["process": .string($0.process), "cn": .string($0.cn), "counted": .number($0.counted)] }),
                ])
            try tx.insertCBAMReport(
                CBAMReportRecord(
                    reportId: reportId, tenantId: tenant.tenantId, installationId: input.installation, periodStart: input.periodStart,
                    periodEnd: input.periodEnd, contentHash: hash, payload: text, seq: appended.seq, createdAt: now))
            guard case .object(var o) = results else { return results }
            o["contentHash"] = .string(hash)
            o["ledgerSeq"] = .number(Double(appended.seq))
            return .object(o)
        }
    }

    /// The Scope 1 total (t-CO2e) of a locked snapshot of boundary CBAM_PRODUCTION_PROCESS.
    static func scope1(_ tx: any StoreReading, _ id: String, tenant: TenantRecord, field: String) throws -> Double {
        guard let s = try tx.snapshot(id), s.tenantId == tenant.tenantId else { throw Problem.notFound("snapshot \(id)", field: field) }
        let json = (try? JSONParser.parse(Array(s.payload.utf8))) ?? .null
        guard json["result"]?["boundary"]?["kind"] == "CBAM_PRODUCTION_PROCESS",
            let value = json["result"]?["scope1"]?["value"]?.numberValue
        else {
            throw Problem.invalidValue(field, "snapshot \(id) is not of boundary CBAM_PRODUCTION_PROCESS")
        }
        return value
    }
}
