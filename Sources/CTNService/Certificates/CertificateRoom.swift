import CTNLedger
import CTNModel
import CTNStore
import Crypto

/// Certificate Attachment and the certificates lots show.
extension ContractService {
    /// The key of `node`: this node's own, or a peer's from the directory.
    func publicKey(of node: String) -> Curve25519.Signing.PublicKey? {
        node == nodeId ? keys.signingKey.publicKey : peers.peer(node)?.publicKey
    }

    /// The certificates attached to a lot, each marked valid only while the lot is still at the
    /// version and figures it certified.
    func certificatesJSON(_ lot: LotRecord) async throws -> JSONValue {
        let all = try await store.read { tx in try tx.certificates(lotId: lot.lotId) }
        return .array(
            all.compactMap { jws in
                guard let encoded = CompactJWS.parts(jws).dropFirst().first, let bytes = Base64URL.decode(encoded),
                    let claims = try? JSONParser.parse(bytes)
                else { return nil }
                let valid = claims["version"]?.numberValue == Double(lot.version) && claims["co2PerUnit"]?.numberValue == lot.co2PerUnit
                return [
                    "certifier": claims["certifier"] ?? .null, "version": claims["version"] ?? .null,
                    "co2PerUnit": claims["co2PerUnit"] ?? .null, "issuedAt": claims["issuedAt"] ?? .null, "valid": .bool(valid),
                    "certificate": .string(jws),
                ]
            })
    }

    /// A certificate verified with the key of the node that issued it.
    func verifiedCertificate(_ jws: String) throws(Problem) -> Certificate {
        do {
            guard let issuer = Certificate.issuer(of: jws) else { throw LotStatement.Invalid(description: "not a certificate") }
            guard let key = publicKey(of: issuer) else {
                throw LotStatement.Invalid(description: "node \(issuer) is not in this node's peer directory")
            }
            return try Certificate.verify(jws, publicKey: key)
        } catch {
            throw Problem(status: 422, code: "bad_certificate", title: "Certificate refused", detail: "\(error)", field: "certificate")
        }
    }

    func attachCertificate(_ input: CertificateAttachmentInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let certificate = try verifiedCertificate(input.certificate)
        let lotId = input.lotId
        let now = clock.nowMillis()
        let nodeId = self.nodeId
        let event = try event(.certificateAttachment)
        return try await store.write { tx in
            var lot = try Self.ownLot(tx, lotId, tenant)
            guard certificate.lotId == lotId, certificate.node == nodeId else {
                throw Problem.invalidValue("certificate", "certifies another lot")
            }
            guard lot.status == .completed, certificate.version == lot.version, certificate.co2PerUnit == lot.co2PerUnit,
                certificate.totalCO2 == lot.totalCO2
            else {
                throw Problem.conflict(
                    "certificate_outdated",
                    "the certificate is for version \(certificate.version) of the lot; the lot is at version \(lot.version)",
                    field: "certificate")
            }
            guard !(try tx.certificates(lotId: lotId)).contains(certificate.jws) else {
                throw Problem.conflict("already_attached", "this certificate is attached already", field: "certificate")
            }
            try tx.insertCertificate(
                lotId: lotId, jws: certificate.jws, certifier: certificate.certifier, version: certificate.version, at: now, seq: tx.nextSeq
            )
            lot.certificateCount += 1
            try tx.updateLot(lot)
            let json: JSONValue = [
                "lotId": .string(lotId), "certifier": .string(certificate.certifier), "version": .number(Double(certificate.version)),
                "co2PerUnit": .number(certificate.co2PerUnit), "issuedAt": .string(certificate.issuedAt),
                "certificate": .string(certificate.jws), "ledgerSeq": .number(Double(tx.nextSeq)),
            ]
            _ = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: CertificateAttachmentInput.contract.rawValue, event: event, sourceTime: now,
                payload: json)
            return json
        }
    }
}
