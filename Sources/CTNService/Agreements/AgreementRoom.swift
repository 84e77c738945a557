import CTNLedger
import CTNModel
import CTNStore

/// Agreement Grant, Agreement Enquiry, Agreement Revocation and the Usage Log Enquiry.
extension ContractService {
    func grantAgreement(_ input: AgreementGrantInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let grantee = storedBusiness(input.grantee)
        let now = clock.nowMillis()
        if let expiry = input.expiresAt, expiry <= now { throw Problem.invalidValue("expiresAt", "lies in the past") }
        guard grantee != tenant.businessId else { throw Problem.invalidValue("grantee", "is the owner itself") }
        let id = minter.mint(tenant: tenant.tenantId, kind: "agreement").hex
        let event = try event(.agreementGrant)
        return try await store.write { tx in
            if let lotId = input.lotId { _ = try Self.ownLot(tx, lotId, tenant) }
            var agreement = AgreementRecord(
                agreementId: id, tenantId: tenant.tenantId, grantee: grantee, scope: input.scope, lotId: input.lotId,
                contracts: input.contracts, purpose: input.purpose, expiresAt: input.expiresAt, createdAt: now, revokedAt: nil,
                seq: tx.nextSeq, transitive: input.transitive)
            agreement.cnCodes = input.cnCodes
            try tx.insertAgreement(agreement)
            let json = Views.agreement(agreement, now: now)
            _ = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: AgreementGrantInput.contract.rawValue, event: event, sourceTime: now, payload: json)
            return json
        }
    }

    func agreementEnquiry(_ input: AgreementEnquiryInput, caller: Caller) async throws -> JSONValue {
        let now = clock.nowMillis()
        // A grantee on another node, asking through its node: what owners here granted it.
        if let remote = caller.remoteBusiness {
            let received = try await store.read { tx in try tx.agreements(grantee: remote) }
            return ["granted": [], "received": .array(received.map { Views.agreement($0, now: now) })]
        }
        let tenant = try caller.requireTenant()
        let (granted, received) = try await store.read { tx in
            (try tx.agreements(ownerTenant: tenant.tenantId), try tx.agreements(grantee: tenant.businessId))
        }
        return [
            "granted": .array(granted.map { Views.agreement($0, now: now) }),
            "received": .array(received.map { Views.agreement($0, now: now) }),
        ]
    }

    func revokeAgreement(_ input: AgreementRevocationInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let id = input.agreementId
        let now = clock.nowMillis()
        let event = try event(.agreementRevocation)
        return try await store.write { tx in
            guard var agreement = try tx.agreement(id), agreement.tenantId == tenant.tenantId else {
                throw Problem.notFound("agreement \(id)", field: "agreementId")
            }
            guard agreement.revokedAt == nil else {
                throw Problem.conflict("already_revoked", "agreement \(id) was revoked before", field: "agreementId")
            }
            try tx.revokeAgreement(id, at: now)
            agreement.revokedAt = now
            _ = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: AgreementRevocationInput.contract.rawValue, event: event, sourceTime: now,
                payload: ["agreementId": .string(id), "revokedAt": .string(Timestamp.format(millis: now))])
            return Views.agreement(agreement, now: now)
        }
    }

    func usageLog(_ input: UsageLogEnquiryInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let entries = try await store.read { tx in try tx.usage(ownerTenant: tenant.tenantId, limit: 1000) }
        return ["usage": .array(entries.map(Views.usage))]
    }
}
