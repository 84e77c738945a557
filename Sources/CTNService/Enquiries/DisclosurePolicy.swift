import CTNLedger
import CTNModel
import CTNStore

/// Decides who may see a lot's breakdown through a protected enquiry: its owner, its consignees
/// (here or on other nodes), grantees of the owner's agreements in force, and, under a transitive
/// agreement, the customers a grantee's node vouches for with onward grants.
struct DisclosurePolicy {
    let nodeId: String
    let now: Int64

    /// Why `lot`'s breakdown may be shown to `caller` through `contract`, or nil when it may not.
    func basis(_ tx: any StoreReading, _ lot: LotRecord, to caller: Caller, contract: ContractID) throws -> DisclosureBasis? {
        var memo: [String: [AgreementRecord]] = [:]
        return try basis(tx, lot, to: caller, contract: contract, agreements: &memo)
    }

    /// As above, for many lots in one transaction: `agreements` keeps the agreements in force
    /// between an owner and a grantee once read (keyed by both), so a batch reads them once.
    func basis(
        _ tx: any StoreReading, _ lot: LotRecord, to caller: Caller, contract: ContractID,
        agreements memo: inout [String: [AgreementRecord]]
    ) throws -> DisclosureBasis? {
        func agreements(_ owner: String, _ grantee: String) throws -> [AgreementRecord] {
            let key = owner + "\n" + grantee
            if let hit = memo[key] { return hit }
            let found = try tx.agreements(ownerTenant: owner, grantee: grantee)
            memo[key] = found
            return found
        }
        let reader: String
        switch caller.identity {
        case .tenant(let tenant):
            if lot.tenantId == tenant.tenantId { return .owner }
            reader = tenant.businessId
        case .remoteBusiness(let business):
            reader = business
        case .anonymous:
            return nil
        }
        if try tx.shippedQuantity(lotId: lot.lotId, consignee: reader) > 0 { return .consignee }
        for agreement in try agreements(lot.tenantId, reader)
        where try covers(tx, agreement, lot: lot, grantee: reader, contract: contract) {
            return .agreement(agreement.agreementId)
        }
        // Transitive: the caller reached this lot through a lot of a grantee whose node vouches for it.
        let qualified = reader.contains("@") ? reader : "\(reader)@\(nodeId)"
        for grant in caller.onward where grant.lot == lot.lotId && grant.node == nodeId && grant.to == qualified {
            let holder = grant.holder.hasSuffix("@\(nodeId)") ? String(grant.holder.dropLast(nodeId.count + 1)) : grant.holder
            for agreement in try agreements(lot.tenantId, holder) where agreement.transitive {
                if try covers(tx, agreement, lot: lot, grantee: holder, contract: contract) {
                    return .transitive(agreement: agreement.agreementId, holder: grant.holder)
                }
            }
        }
        return nil
    }

    /// Whether an agreement in force opens `contract` on `lot` to `grantee`.
    private func covers(
        _ tx: any StoreReading, _ agreement: AgreementRecord, lot: LotRecord, grantee: String, contract: ContractID
    ) throws -> Bool {
        guard agreement.inForce(at: now), agreement.contracts.contains(contract.rawValue) else { return false }
        switch agreement.scope {
        case .all: return true
        case .lot: return agreement.lotId == lot.lotId
        case .shipped: return try tx.shippedQuantity(lotId: lot.lotId, consignee: grantee) > 0
        }
    }
}

extension ContractService {
    /// The disclosure policy as of now.
    var disclosurePolicy: DisclosurePolicy { DisclosurePolicy(nodeId: nodeId, now: clock.nowMillis()) }

    /// The lot and why the caller may read its breakdown; 404 for everybody else, as if it did not exist.
    static func readableLot(
        _ tx: any StoreReading, _ lotId: String, _ caller: Caller, contract: ContractID, policy: DisclosurePolicy
    ) throws -> (LotRecord, DisclosureBasis) {
        guard let lot = try tx.lot(lotId), let basis = try policy.basis(tx, lot, to: caller, contract: contract) else {
            throw Problem.notFound("lot \(lotId)", field: "lotId")
        }
        return (lot, basis)
    }

    /// Logs one protected read by somebody other than the owner.
    func logRead(_ lot: LotRecord, by caller: Caller, contract: ContractID, basis: DisclosureBasis) async throws {
        guard basis != .owner else { return }
        try await logUsage([
            UsageRecord(
                ownerTenant: lot.tenantId, reader: caller.readerName, contract: contract.rawValue, lotId: lot.lotId,
                basis: basis.description, at: clock.nowMillis())
        ])
    }
}
