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
        let (u, dictionaries) = (CBAMUnits(units: engine.units), self.dictionaries)
        let event = try event(.cbamReport)
        return try await store.write { tx in
            let installation = try Self.ownInstallation(tx, input.installation, tenant, field: "installation")
            var processes: [CBAMProcess] = []
            for (i, p) in input.processes.enumerated() {
                var direct = try p.directEmissions.map { q throws(Problem) in try u.co2e(q) } ?? 0
                if let id = p.calculationId { direct = try Self.scope1(tx, id, tenant: tenant, field: "processes[\(i)].calculationId") }
                func flow(_ name: String) throws(Problem) -> Double { try p.flows[name].map { q throws(Problem) in try u.co2e(q) } ?? 0 }
                var precursors: [CBAMProcess.Precursor] = []
                for pre in p.precursors {
                    let tonnes = try u.tonnes(pre.mass)
                    if let own = pre.process {
                        precursors.append(.init(.own(process: own), tonnes: tonnes))
                    } else {
                        // Actual values count only with a verifier's statement for the period; none is given here.
                        let actual = pre.see.map { CBAMSEE(direct: $0.direct, indirect: $0.indirect) }
                        precursors.append(
                            .init(.purchased(cn: pre.cn ?? "", country: pre.country ?? "", actual: actual, verified: false), tonnes: tonnes)
                        )
                    }
                }
                processes.append(
                    CBAMProcess(
                        id: p.id, goods: p.goods, activityLevel: try u.tonnes(p.activityLevel), directEmissions: direct,
                        flows: CBAMProcess.Flows(
                            heatImported: try flow("heatImported"), heatExported: try flow("heatExported"),
                            wasteGasImported: try flow("wasteGasImported"), wasteGasExported: try flow("wasteGasExported"),
                            electricityExported: try flow("electricityExported")),
                        electricityConsumed: try u.mwh(p.electricityConsumed), electricityFactor: try u.perMWh(p.electricityFactor),
                        precursors: precursors))
            }
            let at = input.periodEnd - 1
            let resolved: (processes: [EmbeddedEmissions.ProcessResult], goods: [EmbeddedEmissions.Good])
            do throws(CBAMError) {
                resolved = try EmbeddedEmissions.resolve(processes) { cn, country in
                    dictionaries.cbamDefault(cn: cn, country: country, at: at).map {
                        CBAMDefault(
                            see: CBAMSEE(direct: $0.value.direct, indirect: $0.value.indirect ?? 0), source: $0.value.source,
                            fallback: $0.fallback)
                    }
                }
            } catch {
                let field = "processes[\(error.process)]" + (error.precursor.map { ".precursors[\($0)]" } ?? "")
                throw Problem(
                    status: 422, code: error.code.rawValue, title: "Cannot compute embedded emissions", detail: error.message, field: field)
            }
            let findings = CBAMPlausibility.findings(
                processes, resolved.goods, country: installation.country,
                defaults: { cn in dictionaries.cbamDefault(cn: cn, country: installation.country, at: at) })
            let results = CBAMReportView.results(
                reportId: reportId, input: input, processes: processes, resolved: resolved, findings: findings)
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

    func cbamReportEnquiry(_ input: CBAMReportEnquiryInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        return try await store.read { tx in
            guard let r = try tx.cbamReport(input.reportId), r.tenantId == tenant.tenantId else {
                throw Problem.notFound("report \(input.reportId)", field: "reportId")
            }
            guard case .object(var o) = (try? JSONParser.parse(Array(r.payload.utf8))) ?? .null else {
                throw Problem(status: 500, code: "internal", title: "Internal error", detail: "report \(r.reportId) is not stored as JSON")
            }
            o["contentHash"] = .string(r.contentHash)
            o["contentHashVerified"] = .bool(LedgerHashing.sha256Hex(r.payload) == r.contentHash)
            o["ledgerSeq"] = .number(Double(r.seq))
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
