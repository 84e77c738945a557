import CTNFederation
import CTNLedger
import CTNModel
import CTNStore
import Crypto

/// Certification, the certifier's side: pull the lot's disclosed breakdown from its node (or read
/// it here), replay it with the engine, and sign a certificate only if the CFP is reproduced exactly.
extension ContractService {
    func certify(_ input: CertificationInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let lotId = input.lotId
        let owner = input.node ?? nodeId
        guard let ownerKey = publicKey(of: owner) else {
            throw Problem(
                status: 422, code: "unknown_node", title: "Unknown node", detail: "node \(owner) is not in this node's peer directory",
                field: "node")
        }
        let reader = BreakdownReader(service: self, owner: owner, tenant: tenant, lotId: lotId)
        let lotView = try await reader.lot(lotId)
        guard let jws = lotView["statement"]?.stringValue else {
            throw Problem.conflict("lot_not_completed", "lot \(lotId) has no statement yet: it is not completed", field: "lotId")
        }
        let claims: StatementClaims
        do {
            claims = try StatementClaims.verify(jws, publicKey: ownerKey, lotId: lotId, nodeId: owner)
        } catch {
            throw Problem(status: 502, code: "bad_statement", title: "Statement refused", detail: "\(error)", field: "lotId")
        }
        let materials = try await reader.get(
            "/v1/lots/\(lotId)/material-uses",
            local: { service in
                try await service.materialUseEnquiry(MaterialUseEnquiryInput(lotId: lotId), caller: .tenant(tenant))
            })
        let facility = try await reader.get(
            "/v1/lots/\(lotId)/equipment-uses",
            local: { service in
                try await service.facilityUsageEnquiry(FacilityUsageEnquiryInput(lotId: lotId), caller: .tenant(tenant))
            })
        // Statements of material lots held by the owner's node itself.
        var local: [String: String] = [:]
        for use in materials["materialUses"]?.arrayValue ?? [] where use["node"] == nil {
            if let material = use["materialLotId"]?.stringValue, let statement = try? await reader.lot(material)["statement"]?.stringValue {
                local[material] = statement
            }
        }
        let checks = CertificationReplay(engine: engine).replay(
            lot: claims, materials: materials, facility: facility, materialStatements: local
        ) { jws, node, lot in
            guard let key = publicKey(of: node) else {
                throw LotStatement.Invalid(description: "node \(node) is not in this node's peer directory")
            }
            return try StatementClaims.verify(jws, publicKey: key, lotId: lot, nodeId: node)
        }
        guard checks.allSatisfy(\.ok) else {
            throw Problem(
                status: 422, code: "not_reproduced", title: "Not certified",
                detail:
                    "the disclosed breakdown does not reproduce the lot's CFP: \(checks.filter { !$0.ok }.map(\.name).joined(separator: ", "))",
                field: "lotId", extensions: JSONObject(["checks": .array(checks.map(\.json))]))
        }
        return try await issueCertificate(
            tenant: tenant, lot: claims, checks: checks,
            evidence: ["statement": .string(jws), "material-uses": materials, "facility-usage": facility])
    }

    /// Signs a certificate of a lot whose replay passed every check, and keeps it in this node's
    /// ledger with the disclosed breakdown it rests on.
    func issueCertificate(
        tenant: TenantRecord, lot: StatementClaims, checks: [CertificationReplay.Check], evidence: [String: JSONValue]
    ) async throws -> JSONValue {
        guard let co2PerUnit = lot.co2PerUnit, let totalCO2 = lot.totalCO2 else {
            throw Problem.conflict("lot_not_completed", "lot \(lot.lotId) states no CFP", field: "lotId")
        }
        let jws = try Certificate.sign(
            lotId: lot.lotId, node: lot.nodeId, version: lot.version, co2PerUnit: co2PerUnit, totalCO2: totalCO2,
            certifier: acting(tenant), checks: checks.count, keys: keys)
        let now = clock.nowMillis()
        let event = try event(.certification)
        return try await store.write { tx in
            let json: JSONValue = [
                "lotId": .string(lot.lotId), "node": .string(lot.nodeId), "version": .number(Double(lot.version)),
                "co2PerUnit": .number(co2PerUnit), "certificate": .string(jws), "checks": .array(checks.map(\.json)),
                "ledgerSeq": .number(Double(tx.nextSeq)),
            ]
            _ = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: CertificationInput.contract.rawValue, event: event, sourceTime: now, payload: json)
            // The disclosed breakdown the certificate rests on is kept, until its owner asks for its deletion.
            for (kind, content) in evidence.sorted(by: { $0.key < $1.key }) {
                try tx.insertHeld(
                    HeldRecord(
                        tenantId: tenant.tenantId, node: lot.nodeId, lotId: lot.lotId, kind: kind, content: CanonicalJSON.encode(content),
                        obtainedAt: now))
            }
            return json
        }
    }
}
