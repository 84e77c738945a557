import CTNFederation
import CTNLedger
import CTNModel
import CTNService
import Hummingbird
import NIOCore

/// The routes only peer nodes call, each signed for one of their businesses: batch lot views for
/// traces, onward grants, and deletion requests.
struct FederationController {
    let node: Node

    func register(on router: Router<NodeRequestContext>) {
        let group = router.group("v1/federation")
        group.post("lots", use: lots)
        group.post("onward", use: onward)
        group.post("deletions", use: deletions)
    }

    /// The signed body of a peer's request, parsed; 401 for a request no peer signed.
    func signedBody(_ request: Request, _ context: NodeRequestContext) async throws -> (business: String, node: String, body: JSONValue) {
        guard let peer = context.peerNode, let business = context.caller.remoteBusiness else {
            throw Problem(
                status: 401, code: "bad_signature", title: "Request signature refused",
                detail: "the request carries no signature of a peer node")
        }
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: node.maxBodyBytes) } catch { throw Problem.bodyTooLarge(node.maxBodyBytes) }
        do {
            return (business, peer, try JSONParser.parse(buffer.readableBytesView))
        } catch {
            throw Problem.malformedJSON(error.description)
        }
    }

    /// 128-bit lot IDs from `field`, at most `limit` of them.
    func lotIds(_ value: JSONValue?, field: String, limit: Int) throws -> [String] {
        guard let list = value?.arrayValue else {
            throw Problem.wrongType(field, expected: "an array of lot IDs", got: value?.typeName ?? "nothing")
        }
        guard list.count <= limit else { throw Problem.invalidValue(field, "holds at most \(limit) lot IDs") }
        return try list.enumerated().map { index, item in
            guard let id = item.stringValue, ID128(id) != nil else {
                throw Problem.invalidValue("\(field)[\(index)]", "must be a 128-bit ID")
            }
            return id
        }
    }

    /// `POST /v1/federation/lots`: a peer's trace asking what this node discloses of several lots at once (at most 256).
    @Sendable func lots(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let (business, _, body) = try await signedBody(request, context)
        let ids = try lotIds(body["lots"], field: "lots", limit: 256)
        var grants: [OnwardGrant] = []
        if let tokens = body["onward"] {
            guard let list = tokens.arrayValue, list.count <= 1024 else {
                throw Problem.invalidValue("onward", "must be an array of at most 1024 onward grants")
            }
            for (index, token) in list.enumerated() {
                do { grants.append(try node.service.verifiedOnwardGrant(token.stringValue ?? "")) } catch {
                    throw Problem(
                        status: 422, code: "bad_onward_grant", title: "Onward grant refused", detail: "\(error)", field: "onward[\(index)]")
                }
            }
        }
        var known: String?
        if let value = body["known"] {
            guard let tag = value.stringValue, (1...64).contains(tag.utf8.count),
                tag.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) || $0 == 0x2D })
            else {
                throw Problem.invalidValue("known", "must be the answerTag of an earlier answer (up to 64 of 0-9, a-f and -)")
            }
            known = tag
        }
        for key in body.objectValue?.keys ?? [] where !["lots", "onward", "known"].contains(key) { throw Problem.unknownField(key) }
        let batch = try await node.service.traceView(of: ids, for: .remote(business, onward: grants), known: known)
        var answer = JSONObject(["nodeId": .string(node.keys.nodeId)])
        if batch.unchanged { answer["unchanged"] = true } else { answer["lots"] = .array(batch.lots) }
        if let tag = batch.tag { answer["answerTag"] = .string(tag) }
        if let head = batch.treeHead { answer["treeHead"] = head.json }
        return Responses.negotiated(200, .object(answer), accept: request.headers[.accept])
    }

    /// `POST /v1/federation/onward`: onward grants for lots of other nodes that lots of this node used (at most 1024).
    @Sendable func onward(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let (business, _, body) = try await signedBody(request, context)
        guard let list = body["uses"]?.arrayValue, list.count <= 1024 else {
            throw Problem.invalidValue("uses", "must be an array of at most 1024 uses")
        }
        let asks = try list.enumerated().map { index, use in
            guard let via = use["via"]?.stringValue, ID128(via) != nil, let lot = use["lot"]?.stringValue, ID128(lot) != nil,
                let lotNode = use["node"]?.stringValue, NodeID.isValid(lotNode)
            else {
                throw Problem.invalidValue("uses[\(index)]", "must be {\"via\", \"lot\", \"node\"} with 128-bit lot IDs and a node ID")
            }
            return OnwardAsk(via: via, lot: lot, node: lotNode)
        }
        let grants = try await node.service.onwardGrants(asks, caller: .remote(business))
        return Responses.json(200, ["grants": .array(grants)])
    }

    /// `POST /v1/federation/deletions`: a peer's business asks this node to delete what it holds of its lots.
    @Sendable func deletions(_ request: Request, context: NodeRequestContext) async throws -> Response {
        let (business, peer, body) = try await signedBody(request, context)
        let ids = try lotIds(body["lots"], field: "lots", limit: 10_000)
        let receipt = try await node.service.honourDeletion(requester: business, node: peer, lotIds: ids)
        return Responses.json(200, ["receipt": .string(receipt)])
    }
}
