import CTNCBAM
import CTNFederation
import CTNLedger
import CTNModel
import CTNStore

/// The importer's side: the operator's signed summary (served to the businesses it opened it to),
/// booked on the importer's node after every signature is checked, the imports recorded against it,
/// and the year's view of embedded emissions.
extension ContractService {
    func cbamSummary(_ input: CBAMSummaryInput, caller: Caller) async throws -> JSONValue {
        let now = clock.nowMillis()
        let (record, verifications, installation, price, scope) = try await store.read { tx in
            guard let r = try tx.cbamReport(input.reportId) else { throw Problem.notFound("report \(input.reportId)", field: "reportId") }
            guard let scope = try Self.cbamScope(tx, r, to: caller, contracts: [.cbamSummary, .cbamReportEnquiry], now: now) else {
                throw Problem.notFound("report \(input.reportId)", field: "reportId")
            }
            return (
                r, try tx.cbamVerifications(reportId: r.reportId), try tx.cbamInstallation(r.installationId),
                try tx.cbamCarbonPrice(reportId: r.reportId), scope
            )
        }
        try await logCBAMRead(record, by: caller, contract: .cbamSummary, at: now)
        let report = (try? JSONParser.parse(Array(record.payload.utf8))) ?? .null
        // An agreement limited to some CN codes shows only those goods (and their carbon prices).
        let visible = { (cn: String?) in scope.isEmpty || scope.contains { (cn ?? "").filter(\.isNumber).hasPrefix($0) } }
        let goods: [JSONValue] = (report["goods"]?.arrayValue ?? []).filter { visible($0["cn"]?.stringValue) }.map { g in
            var tier = g["tier"] ?? .null
            if !verifications.isEmpty, tier == "actual" { tier = "actual-verified" }
            return [
                "process": g["process"] ?? .null, "cn": g["cn"] ?? .null, "category": g["category"] ?? .null, "see": g["see"] ?? .null,
                "defaultShare": g["defaultShare"] ?? .null, "tier": tier,
            ]
        }
        var place = JSONObject(["installationId": .string(record.installationId), "country": report["installationCountry"] ?? .null])
        if let i = installation, case .object(let published) = Self.installationJSON(i) {
            for (k, v) in published.pairs { place[k] = v }
        }
        let summary: JSONValue = [
            "reportId": .string(record.reportId), "node": .string(nodeId), "installation": .object(place),
            "period": report["period"] ?? .null,
            "goods": .array(goods), "contentHash": .string(record.contentHash), "verifications": .array(verifications.map { .string($0) }),
            "carbonPrice": Self.scoped(price.flatMap { try? JSONParser.parse(Array($0.utf8)) } ?? .null, visible),
            "issuedAt": .string(Timestamp.format(millis: now)),
        ]
        return [
            "reportId": .string(record.reportId), "node": .string(nodeId), "summary": .string(try CBAMSummary.sign(summary, keys: keys)),
            "verified": .bool(!verifications.isEmpty),
        ]
    }

    func cbamSummaryBooking(_ input: CBAMSummaryBookingInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let jws: String
        if let given = input.summary {
            jws = given
        } else {
            let node = input.node ?? nodeId
            let reportId = input.reportId ?? ""
            if node == nodeId {
                jws = try await cbamSummary(CBAMSummaryInput(reportId: reportId), caller: .tenant(tenant))["summary"]?.stringValue ?? ""
            } else {
                let answer = try await cbamPeerGet(
                    node, "/v1/cbam/reports/\(reportId)/summary", tenant: tenant,
                    what: "report \(reportId) (or its summary is not opened to this importer)")
                jws = answer["summary"]?.stringValue ?? ""
            }
        }
        let (summary, verified) = try CBAMSummaryCheck(nodeId: nodeId, keys: keys, peers: peers).check(jws)
        let node = summary["node"]?.stringValue ?? ""
        let reportId = summary["reportId"]?.stringValue ?? ""
        let contentHash = summary["contentHash"]?.stringValue ?? ""
        let now = clock.nowMillis()
        let event = try event(.cbamSummaryBooking)
        return try await store.write { tx in
            if let held = try tx.cbamSummary(tenantId: tenant.tenantId, node: node, reportId: reportId), held.contentHash == contentHash,
                held.verified == verified
            {
                throw Problem.conflict(
                    "summary_booked", "this summary of report \(reportId) of node \(node) is booked already", field: "summary")
            }
            let appended = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: ContractID.cbamSummaryBooking.rawValue, event: event, sourceTime: now,
                payload: [
                    "node": .string(node), "reportId": .string(reportId), "contentHash": .string(contentHash), "verified": .bool(verified),
                    "summarySha256": .string(LedgerHashing.sha256Hex(jws)),
                ])
            try tx.insertCBAMSummary(
                CBAMSummaryRecord(
                    tenantId: tenant.tenantId, node: node, reportId: reportId, contentHash: contentHash, jws: jws, verified: verified,
                    at: now,
                    seq: appended.seq))
            return [
                "node": .string(node), "reportId": .string(reportId), "verified": .bool(verified), "goods": summary["goods"] ?? [],
                "installation": summary["installation"] ?? [:], "ledgerSeq": .number(Double(appended.seq)),
            ]
        }
    }

    /// A carbon-price statement with only the goods an importer may see.
    static func scoped(_ price: JSONValue, _ visible: (String?) -> Bool) -> JSONValue {
        guard case .object(var o) = price else { return price }
        o["goods"] = .array((o["goods"]?.arrayValue ?? []).filter { visible($0["cn"]?.stringValue) })
        return .object(o)
    }
}
