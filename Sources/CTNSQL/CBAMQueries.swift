import CTNStore
import GRDB

/// CBAM installations (published names, removed on withdrawal) and filed reports (immutable).
extension SQLTransaction {
    static let cbamInstallationColumns =
        "installation_id, tenant_id, name, address, country, unlocode, latitude, longitude, registry_id, created_at"
    static let cbamReportColumns = "report_id, tenant_id, installation_id, period_start, period_end, content_hash, payload, seq, created_at"

    private static func installation(_ r: Row) -> CBAMInstallationRecord {
        CBAMInstallationRecord(
            installationId: r["installation_id"], tenantId: r["tenant_id"], name: r["name"], address: r["address"], country: r["country"],
            unlocode: r["unlocode"], latitude: r["latitude"], longitude: r["longitude"], registryId: r["registry_id"],
            createdAt: r["created_at"])
    }

    package func cbamInstallation(_ installationId: String) throws -> CBAMInstallationRecord? {
        try db.row(
            "SELECT \(Self.cbamInstallationColumns) FROM cbam_installations WHERE installation_id = ?", [installationId]
        ).map(Self.installation)
    }

    package func cbamInstallations(tenantId: String) throws -> [CBAMInstallationRecord] {
        try db.rows(
            "SELECT \(Self.cbamInstallationColumns) FROM cbam_installations WHERE tenant_id = ? ORDER BY created_at, installation_id",
            [tenantId]
        ).map(Self.installation)
    }

    package func cbamReport(_ reportId: String) throws -> CBAMReportRecord? {
        try db.row(
            "SELECT \(Self.cbamReportColumns) FROM cbam_reports WHERE report_id = ?", [reportId]
        ).map { r in
            CBAMReportRecord(
                reportId: r["report_id"], tenantId: r["tenant_id"], installationId: r["installation_id"], periodStart: r["period_start"],
                periodEnd: r["period_end"], contentHash: r["content_hash"], payload: r["payload"], seq: r["seq"], createdAt: r["created_at"]
            )
        }
    }

    package func cbamVerifications(reportId: String) throws -> [String] {
        try db.fetchValues(String.self, "SELECT jws FROM cbam_verifications WHERE report_id = ? ORDER BY id", [reportId])
    }

    package func insertCBAMVerification(reportId: String, verifier: String, jws: String, at: Int64, seq: Int64) throws {
        try exec(
            "INSERT INTO cbam_verifications(report_id, verifier, jws, at, seq) VALUES (?,?,?,?,?)", [reportId, verifier, jws, at, seq])
    }

    package func cbamSummary(tenantId: String, node: String, reportId: String) throws -> CBAMSummaryRecord? {
        try db.row(
            "SELECT * FROM cbam_summaries WHERE tenant_id = ? AND node = ? AND report_id = ? ORDER BY id DESC LIMIT 1",
            [tenantId, node, reportId]
        ).map { r in
            CBAMSummaryRecord(
                tenantId: r["tenant_id"], node: r["node"], reportId: r["report_id"], contentHash: r["content_hash"], jws: r["jws"],
                verified: r["verified"], at: r["at"], seq: r["seq"])
        }
    }

    package func cbamImports(tenantId: String) throws -> [CBAMImportRecord] {
        try db.rows(
            "SELECT * FROM cbam_imports WHERE tenant_id = ? ORDER BY imported_at, import_id", [tenantId]
        ).map { r in
            CBAMImportRecord(
                importId: r["import_id"], tenantId: r["tenant_id"], node: r["node"], reportId: r["report_id"], cn: r["cn"],
                tonnes: r["tonnes"],
                importedAt: r["imported_at"], seq: r["seq"])
        }
    }

    package func cbamCarbonPrice(reportId: String) throws -> String? {
        try db.fetchValue(String.self, "SELECT payload FROM cbam_carbon_prices WHERE report_id = ?", [reportId])
    }

    package func insertCBAMCarbonPrice(reportId: String, payload: String, at: Int64, seq: Int64) throws {
        try exec("INSERT INTO cbam_carbon_prices(report_id, payload, at, seq) VALUES (?,?,?,?)", [reportId, payload, at, seq])
    }

    package func insertCBAMSummary(_ s: CBAMSummaryRecord) throws {
        try exec(
            "INSERT INTO cbam_summaries(tenant_id, node, report_id, content_hash, jws, verified, at, seq) VALUES (?,?,?,?,?,?,?,?)",
            [s.tenantId, s.node, s.reportId, s.contentHash, s.jws, s.verified, s.at, s.seq])
    }

    package func insertCBAMImport(_ i: CBAMImportRecord) throws {
        try exec(
            "INSERT INTO cbam_imports(import_id, tenant_id, node, report_id, cn, tonnes, imported_at, seq) VALUES (?,?,?,?,?,?,?,?)",
            [i.importId, i.tenantId, i.node, i.reportId, i.cn, i.tonnes, i.importedAt, i.seq])
    }

    package func insertCBAMInstallation(_ i: CBAMInstallationRecord) throws {
        try exec(
            "INSERT INTO cbam_installations(\(Self.cbamInstallationColumns)) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [i.installationId, i.tenantId, i.name, i.address, i.country, i.unlocode, i.latitude, i.longitude, i.registryId, i.createdAt])
    }

    package func deleteCBAMInstallation(_ installationId: String) throws {
        try exec("DELETE FROM cbam_installations WHERE installation_id = ?", [installationId])
    }

    package func insertCBAMReport(_ r: CBAMReportRecord) throws {
        try exec(
            "INSERT INTO cbam_reports(\(Self.cbamReportColumns)) VALUES (?,?,?,?,?,?,?,?,?)",
            [r.reportId, r.tenantId, r.installationId, r.periodStart, r.periodEnd, r.contentHash, r.payload, r.seq, r.createdAt])
    }
}
