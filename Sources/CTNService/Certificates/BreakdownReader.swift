import CTNFederation
import CTNModel
import CTNStore

/// Reads a lot's disclosed views for a certifier: through the service when the lot is on this
/// node, through a signed enquiry to its node otherwise.
struct BreakdownReader {
    let service: ContractService
    let owner: String
    let tenant: TenantRecord
    let lotId: String

    /// The Lot Enquiry of `lot` on the owner's node.
    func lot(_ lot: String) async throws -> JSONValue {
        try await get("/v1/lots/\(lot)") { service in
            try await service.lotEnquiry(LotEnquiryInput(lotId: lot), caller: .tenant(tenant))
        }
    }

    /// `path` on the owner's node, or `local` when the owner is this node.
    func get(_ path: String, local: (ContractService) async throws -> JSONValue) async throws -> JSONValue {
        if owner == service.nodeId { return try await local(service) }
        do {
            let answer = try await service.peers.send(
                node: owner, method: "GET", path: path, actingBusiness: service.acting(tenant), idempotent: true)
            return try JSONParser.parse(answer.body)
        } catch PeerError.status(_, 404, _, _) {
            throw Problem.notFound("lot \(lotId) on node \(owner) (or its breakdown is not disclosed to this certifier)", field: "lotId")
        } catch let error as PeerError {
            throw Problem(status: 502, code: "peer_unreachable", title: "Node did not answer", detail: error.description, field: "node")
        } catch let error as JSONParseError {
            throw Problem(
                status: 502, code: "peer_unreachable", title: "Node did not answer", detail: "node \(owner) sent no JSON: \(error.message)",
                field: "node")
        }
    }
}
