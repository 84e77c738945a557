import CTNFederation
import CTNModel
import CTNStore

/// Who may read an operator's report or summary (the operator, and the businesses it opened them
/// to by agreement), and a signed read of one from another node for a business hosted here.
extension ContractService {
    /// Whether `caller` may read `report` through one of `contracts`: its operator, or a grantee of an agreement in force.
    static func cbamOpened(
        _ tx: any StoreReading, _ report: CBAMReportRecord, to caller: Caller, contracts: [ContractID], now: Int64
    ) throws -> Bool {
        try cbamScope(tx, report, to: caller, contracts: contracts, now: now) != nil
    }

    /// The CN codes (or headings) of `report` that `caller` may see through `contracts`: nil for
    /// none, empty for every good (its operator, or an agreement without a CN limit).
    static func cbamScope(
        _ tx: any StoreReading, _ report: CBAMReportRecord, to caller: Caller, contracts: [ContractID], now: Int64
    ) throws -> [String]? {
        if caller.tenant?.tenantId == report.tenantId { return [] }
        let reader = caller.readerName
        guard !reader.isEmpty else { return nil }
        let grants = try tx.agreements(ownerTenant: report.tenantId, grantee: reader).filter { a in
            a.inForce(at: now) && a.contracts.contains { c in contracts.contains { $0.rawValue == c } }
        }
        guard !grants.isEmpty else { return nil }
        if grants.contains(where: { $0.cnCodes.isEmpty }) { return [] }
        return Array(Set(grants.flatMap(\.cnCodes))).sorted()
    }

    /// Logs a read of `report` by a business other than its operator, in the operator's usage log.
    func logCBAMRead(_ report: CBAMReportRecord, by caller: Caller, contract: ContractID, at now: Int64) async throws {
        guard caller.tenant?.tenantId != report.tenantId else { return }
        try await logUsage([
            UsageRecord(
                ownerTenant: report.tenantId, reader: caller.readerName, contract: contract.rawValue, lotId: report.reportId,
                basis: "agreement", at: now)
        ])
    }

    /// GET `path` on `node`, signed for `tenant`; its 404 is `what` not found (field reportId).
    func cbamPeerGet(_ node: String, _ path: String, tenant: TenantRecord, what: String) async throws -> JSONValue {
        do {
            let answer = try await peers.send(node: node, method: "GET", path: path, actingBusiness: acting(tenant), idempotent: true)
            return try JSONParser.parse(answer.body)
        } catch PeerError.status(_, 404, _, _) {
            throw Problem.notFound("\(what) on node \(node)", field: "reportId")
        } catch PeerError.unknownNode {
            throw Problem(status: 422, code: "unknown_node", title: "Unknown node", detail: "node \(node) is not a peer", field: "node")
        } catch let error as PeerError {
            throw Problem(status: 502, code: "peer_unreachable", title: "Node did not answer", detail: error.description, field: "node")
        } catch let error as JSONParseError {
            throw Problem(
                status: 502, code: "peer_unreachable", title: "Node did not answer", detail: "node \(node) sent no JSON: \(error.message)",
                field: "node")
        }
    }
}
