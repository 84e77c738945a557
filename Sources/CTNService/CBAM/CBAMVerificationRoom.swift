import CTNCBAM
import CTNFederation
import CTNLedger
import CTNModel
import CTNStore

/// Reading a report (its operator, or a verifier it opened it to), replaying it as a verifier and
/// signing a verification statement, and attaching that statement to the report.
extension ContractService {
    /// Keys an enquiry adds to the stored report; the content hash covers the rest.
    static let cbamAddedKeys: Set<String> = ["contentHash", "contentHashVerified", "ledgerSeq", "verifications", "verified", "carbonPrice"]

    func cbamReportEnquiry(_ input: CBAMReportEnquiryInput, caller: Caller) async throws -> JSONValue {
        let now = clock.nowMillis()
        let (record, verifications, price) = try await store.read { tx in
            guard let r = try tx.cbamReport(input.reportId) else { throw Problem.notFound("report \(input.reportId)", field: "reportId") }
            guard try Self.cbamOpened(tx, r, to: caller, contracts: [.cbamReportEnquiry], now: now) else {
                throw Problem.notFound("report \(input.reportId)", field: "reportId")
            }
            return (r, try tx.cbamVerifications(reportId: r.reportId), try tx.cbamCarbonPrice(reportId: r.reportId))
        }
        try await logCBAMRead(record, by: caller, contract: .cbamReportEnquiry, at: now)
        guard case .object(var o) = (try? JSONParser.parse(Array(record.payload.utf8))) ?? .null else {
            throw Problem(status: 500, code: "internal", title: "Internal error", detail: "report \(record.reportId) is not stored as JSON")
        }
        let verified = !verifications.isEmpty
        if verified, case .array(let goods) = o["goods"] ?? .null {
            // Verified: what rested on the operator's own data is now verified.
            o["goods"] = .array(
                goods.map { g in
                    guard case .object(var x) = g, x["tier"] == "actual" else { return g }
                    x["tier"] = "actual-verified"
                    return .object(x)
                })
        }
        o["contentHash"] = .string(record.contentHash)
        o["contentHashVerified"] = .bool(LedgerHashing.sha256Hex(record.payload) == record.contentHash)
        o["ledgerSeq"] = .number(Double(record.seq))
        o["verifications"] = .array(verifications.map { .string($0) })
        o["verified"] = .bool(verified)
        o["carbonPrice"] = price.flatMap { try? JSONParser.parse(Array($0.utf8)) } ?? .null
        return .object(o)
    }

    func cbamVerification(_ input: CBAMVerificationInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let owner = input.node ?? nodeId
        let report: JSONValue
        if owner == nodeId {
            let operatorTenant = try await store.read { tx in try tx.cbamReport(input.reportId)?.tenantId }
            if operatorTenant == tenant.tenantId {
                throw Problem(
                    status: 422, code: "not_independent", title: "Not independent",
                    detail: "a report is verified by a business other than its operator", field: "reportId")
            }
            report = try await cbamReportEnquiry(CBAMReportEnquiryInput(reportId: input.reportId), caller: .tenant(tenant))
        } else {
            report = try await cbamPeerGet(
                owner, "/v1/cbam/reports/\(input.reportId)", tenant: tenant,
                what: "report \(input.reportId) (or it is not opened to this verifier)")
        }
        let checks = try CBAMReplay(units: StatedUnits(units: engine.units), dictionaries: dictionaries).checks(report)
        guard checks.allSatisfy(\.ok) else {
            throw Problem(
                status: 422, code: "not_reproduced", title: "Not reproduced",
                detail: "the report's figures were not reproduced: \(checks.filter { !$0.ok }.map(\.name).joined(separator: ", "))",
                field: "reportId", extensions: JSONObject(["checks": .array(checks.map(\.json))]))
        }
        let now = clock.nowMillis()
        let verificationId = minter.mint(tenant: tenant.tenantId, kind: "cbam-verification").hex
        let statement: JSONValue = [
            "verificationId": .string(verificationId), "reportId": .string(input.reportId), "node": .string(owner),
            "installation": report["installation"] ?? .null, "period": report["period"] ?? .null,
            "contentHash": report["contentHash"] ?? .null,
            "verifier": .string(acting(tenant)), "verifierNode": .string(nodeId),
            "goods": .array(
                (report["goods"]?.arrayValue ?? []).map { g in
                    [
                        "process": g["process"] ?? .null, "cn": g["cn"] ?? .null, "see": g["see"] ?? .null,
                        "defaultShare": g["defaultShare"] ?? .null,
                    ]
                }),
            "verifiedAt": .string(Timestamp.format(millis: now)),
        ]
        let jws = try CBAMVerification.sign(statement, keys: keys)
        let event = try event(.cbamVerification)
        let seq = try await store.write { tx in
            try tx.appendLedger(
                tenantId: tenant.tenantId, contract: ContractID.cbamVerification.rawValue, event: event, sourceTime: now,
                payload: [
                    "verificationId": .string(verificationId), "reportId": .string(input.reportId), "node": .string(owner),
                    "contentHash": report["contentHash"] ?? .null, "statementSha256": .string(LedgerHashing.sha256Hex(jws)),
                ]
            ).seq
        }
        return [
            "verificationId": .string(verificationId), "reportId": .string(input.reportId), "node": .string(owner),
            "verification": .string(jws), "checks": .array(checks.map(\.json)), "ledgerSeq": .number(Double(seq)),
        ]
    }

    func cbamVerificationAttachment(_ input: CBAMVerificationAttachmentInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        @Sendable func invalid(_ why: String) -> Problem {
            Problem(status: 422, code: "invalid_verification", title: "Invalid verification", detail: why, field: "verification")
        }
        guard let signer = CompactJWS.kid(input.verification) else { throw invalid("not a compact JWS with a signing node") }
        guard let key = signer == nodeId ? keys.signingKey.publicKey : peers.peer(signer)?.publicKey else {
            throw invalid("node \(signer) is not in this node's peer directory")
        }
        let v: JSONValue
        do { v = try CBAMVerification.verify(input.verification, publicKey: key) } catch { throw invalid("\(error)") }
        let now = clock.nowMillis()
        let event = try event(.cbamVerificationAttachment)
        return try await store.write { tx in
            guard let r = try tx.cbamReport(input.reportId), r.tenantId == tenant.tenantId else {
                throw Problem.notFound("report \(input.reportId)", field: "reportId")
            }
            guard v["reportId"]?.stringValue == r.reportId, v["node"]?.stringValue == self.nodeId else {
                throw invalid("the statement verifies another report")
            }
            guard v["contentHash"]?.stringValue == r.contentHash else {
                throw invalid("the statement verifies another version of the report (its content hash differs)")
            }
            guard try !tx.cbamVerifications(reportId: r.reportId).contains(input.verification) else {
                throw Problem.conflict(
                    "already_attached", "this statement is already attached to report \(r.reportId)", field: "verification")
            }
            let verifier = v["verifier"]?.stringValue ?? signer
            let appended = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: ContractID.cbamVerificationAttachment.rawValue, event: event, sourceTime: now,
                payload: [
                    "reportId": .string(r.reportId), "verifier": .string(verifier),
                    "statementSha256": .string(LedgerHashing.sha256Hex(input.verification)),
                ])
            try tx.insertCBAMVerification(reportId: r.reportId, verifier: verifier, jws: input.verification, at: now, seq: appended.seq)
            return [
                "reportId": .string(r.reportId), "verifier": .string(verifier), "verified": true,
                "ledgerSeq": .number(Double(appended.seq)),
            ]
        }
    }
}
