import CTNFederation
import CTNLedger
import CTNModel
import CTNStore
import CurlHTTP

extension ContractService {
    /// Pulls a lot's statement from its node for one of our businesses, verifies it with that
    /// node's key, and reads how much of the lot was shipped to the business.
    func pullStatement(lotId: String, on remote: String, for tenant: TenantRecord) async throws -> RemoteEvidence {
        guard let peer = peers.peer(remote) else {
            throw Problem(
                status: 422, code: "unknown_node", title: "Unknown node", detail: "node \(remote) is not in this node's peer directory",
                field: "node")
        }
        let answer: HTTPResult
        do {
            answer = try await peers.send(
                node: remote, method: "GET", path: "/v1/lots/\(lotId)", actingBusiness: acting(tenant), idempotent: true)
        } catch PeerError.status(_, 404, _, _) {
            throw Problem.notFound("lot \(lotId) on node \(remote)", field: "materialLotId")
        } catch let error as PeerError {
            throw Problem(
                status: 502, code: "peer_unreachable", title: "Supplier node did not answer", detail: error.description, field: "node")
        }
        guard let view = try? JSONParser.parse(answer.body) else {
            throw Problem(
                status: 502, code: "bad_statement", title: "Statement refused", detail: "node \(remote) sent no JSON",
                field: "materialLotId")
        }
        guard let jws = view["statement"]?.stringValue else {
            throw Problem.conflict(
                "material_lot_not_completed", "material lot \(lotId) on node \(remote) is not completed, so it has no CFP",
                field: "materialLotId")
        }
        do {
            let claims = try StatementClaims.verify(jws, publicKey: peer.publicKey, lotId: lotId, nodeId: remote)
            // What was shipped to the business bounds its use: only a figure the node signed counts.
            let shipped = try view["shipmentClaim"]?.stringValue.map {
                try ShipmentClaim.verify($0, publicKey: peer.publicKey, node: remote, lotId: lotId, consignee: acting(tenant)).shipped
            }
            return RemoteEvidence(claims: claims, shippedToBusiness: shipped ?? 0, shipmentClaim: view["shipmentClaim"]?.stringValue)
        } catch {
            throw Problem(
                status: 502, code: "bad_statement", title: "Statement refused",
                detail: "the statement node \(remote) gave for lot \(lotId) does not verify: \(error)", field: "materialLotId")
        }
    }
}
