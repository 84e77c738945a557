import CTNFederation
import CTNLedger
import CTNModel
import CTNStore
import CTNTrace
import Crypto
import Foundation

/// The trace's view of the network from this node: our own lots straight from the store, other
/// nodes' through signed batch requests, always on behalf of the business that asked.
struct ServiceTraceSource: TraceSource {
    let service: ContractService
    let tenant: TenantRecord

    var reader: String { tenant.tenantId }

    func fetch(node id: String, lotIds: [String], onward: [String], deadline: Date) async throws -> TraceBatch {
        try await fetch(node: id, lotIds: lotIds, onward: onward, known: nil, deadline: deadline)
    }

    func fetch(node id: String, lotIds: [String], onward: [String], known: String?, deadline: Date) async throws -> TraceBatch {
        if id == service.nodeId {
            let grants = onward.compactMap { try? service.verifiedOnwardGrant($0) }
            return try await service.traceView(of: lotIds, for: .tenant(tenant, onward: grants), known: known)
        }
        var request = JSONObject(["lots": .array(lotIds.map { .string($0) })])
        if !onward.isEmpty { request["onward"] = .array(onward.map { .string($0) }) }
        if let known { request["known"] = .string(known) }
        let answer = try await service.peers.send(
            node: id, method: "POST", path: "/v1/federation/lots", body: CanonicalJSON.bytes(.object(request)),
            actingBusiness: service.acting(tenant), idempotent: true, deadline: deadline, accept: CBOR.mediaType)
        // CBOR when the peer speaks it (a quarter of JSON's cost to write and read), else JSON.
        guard let view = try? CBOR.decodeAnswer(answer.body, contentType: answer.headers["content-type"]) else {
            throw PeerError.badResponse(node: id, "no lot list")
        }
        let head = view["treeHead"].flatMap(TreeHead.init(json:))
        if view["unchanged"] == .bool(true) { return TraceBatch(lots: [], treeHead: head, unchanged: true) }
        guard let lots = view["lots"]?.arrayValue else { throw PeerError.badResponse(node: id, "no lot list") }
        return TraceBatch(lots: lots, treeHead: head, tag: view["answerTag"]?.stringValue)
    }

    func onward(node id: String, uses: [(via: String, lot: String, lotNode: String)], deadline: Date) async throws -> [String] {
        let answers: [JSONValue]
        if id == service.nodeId {
            answers = try await service.onwardGrants(
                uses.map { OnwardAsk(via: $0.via, lot: $0.lot, node: $0.lotNode) }, caller: .tenant(tenant))
        } else {
            let body = CanonicalJSON.bytes([
                "uses": .array(uses.map { ["via": .string($0.via), "lot": .string($0.lot), "node": .string($0.lotNode)] })
            ])
            let answer = try await service.peers.send(
                node: id, method: "POST", path: "/v1/federation/onward", body: body, actingBusiness: service.acting(tenant),
                idempotent: true, deadline: deadline)
            answers = (try? JSONParser.parse(answer.body))?["grants"]?.arrayValue ?? []
        }
        return answers.compactMap { $0["grant"]?.stringValue }
    }

    func publicKey(node id: String) -> Curve25519.Signing.PublicKey? { service.publicKey(of: id) }
}
