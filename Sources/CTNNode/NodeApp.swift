import CTNEngine
import CTNFederation
import CTNLedger
import CTNModel
import CTNService
import CTNSQLite
import CTNStore
import CTNTrace
import Crypto
import CurlHTTP
import Foundation
import Hummingbird
import Logging
import NIOCore

/// Everything a running node is made of, built once from its data folder.
public struct NodeContext: Sendable {
    public let dataDir: URL
    public let keys: NodeKeys
    public let store: any Store
    public let dictionaries: Dictionaries
    public let contracts: [ContractDefinition]
    public let service: ContractService
    public let validator: ContractValidator
    public let maxBodyBytes: Int
    /// Checks signed requests from peer nodes against `<data>/peers.json` (read at start).
    public let peers: SignatureVerifier
    /// Calls other nodes (material statements, traces) for the businesses hosted here.
    public let federation: PeerClient
    public var traceOptions = TraceOptions()
    /// Peer statements this node has verified, so that repeated traces skip the signature checks.
    public let verifiedStatements = VerifiedStatements()

    public static let databaseFile = "ctn.sqlite"

    /// Opens a node's data folder. `Contracts/` and `Dictionaries/` are looked up in the data
    /// folder first (an operator's own copies), then in `resources`.
    public static func open(dataDir: URL, resources: URL, maxBodyBytes: Int = 64 * 1024) throws -> NodeContext {
        let keys = try NodeKeys.read(from: dataDir)
        func folder(_ name: String) -> URL {
            let own = dataDir.appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: own.path) ? own : resources.appendingPathComponent(name)
        }
        let dictionaries = try Dictionaries.load(folder: folder("Dictionaries"))
        let contracts = try ContractDefinition.loadAll(folder: folder("Contracts"))
        let store = try SQLiteStore(path: dataDir.appendingPathComponent(databaseFile).path, keys: keys)
        let directory = try PeerDirectory.load(data: dataDir)
        return NodeContext(dataDir: dataDir, keys: keys, store: store, dictionaries: dictionaries, contracts: contracts,
                           service: ContractService(store: store, dictionaries: dictionaries, keys: keys),
                           validator: ContractValidator(dictionaries: dictionaries), maxBodyBytes: maxBodyBytes,
                           peers: SignatureVerifier(directory: directory),
                           federation: PeerClient(nodeId: keys.nodeId, key: keys.signingKey, directory: directory))
    }

    /// Finds the folder holding `Contracts/` and `Dictionaries/`: `$CTN_RESOURCES`, the current
    /// directory, or a parent of the executable (a checkout's `.build/<config>/ctn`).
    public static func defaultResources() -> URL {
        if let env = ProcessInfo.processInfo.environment["CTN_RESOURCES"] { return URL(fileURLWithPath: env) }
        var candidates = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir)
            dir = dir.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Contracts").path) }
            ?? candidates[0]
    }
}

/// Bearer tokens resolved to tenants, cached briefly so that a burst of calls costs one lookup.
/// A token revoked from the CLI stops working within `ttl`.
final class TokenCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (TenantRecord, UInt64)] = [:]
    let ttlNanos: UInt64

    init(ttlSeconds: Double = 2) { ttlNanos = UInt64(ttlSeconds * 1e9) }

    func get(_ hash: String) -> TenantRecord? {
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock(); defer { lock.unlock() }
        guard let (t, at) = entries[hash], now &- at < ttlNanos else { return nil }
        return t
    }

    func put(_ hash: String, _ t: TenantRecord) {
        lock.lock(); defer { lock.unlock() }
        if entries.count > 100_000 { entries.removeAll() }
        entries[hash] = (t, DispatchTime.now().uptimeNanoseconds)
    }
}

/// Builds the Hummingbird application: one route per contract definition, each going through the
/// same pipeline (authenticate, validate against the definition, call the service, answer JSON).
public enum NodeApp {
    public static func router(_ node: NodeContext, logger: Logger) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ProblemMiddleware(logger: logger))
        let tokens = TokenCache()
        let openAPI = Array(CanonicalJSON.encodeOrdered(OpenAPI.document(node)).utf8)
        let contractList = Array(CanonicalJSON.encodeOrdered(.object(JSONObject(["contracts": .array(node.contracts.map(\.raw))]))).utf8)

        for contract in node.contracts {
            router.on(RouterPath(contract.path), method: HTTPRequest.Method(contract.method)!) { request, context in
                try await handle(contract, request: request, context: context, node: node, tokens: tokens)
            }
        }
        router.get("/v1/contracts") { _, _ in raw(contractList) }
        router.get("/openapi.json") { _, _ in raw(openAPI) }
        router.get("/v1/lots/{lotId}/trace") { request, context in
            try await trace(request, context: context, node: node, tokens: tokens)
        }
        router.get("/v1/statistics/{category}/network") { request, context in
            try await networkStatistics(request, context: context, node: node, tokens: tokens)
        }
        router.post("/v1/federation/onward") { request, _ in
            try await federationOnward(request, node: node)
        }
        router.post("/v1/federation/deletions") { request, _ in
            try await federationDeletion(request, node: node)
        }
        router.post("/v1/federation/lots") { request, _ in
            try await federationLots(request, node: node)
        }
        router.get("/v1/dictionaries") { _, _ in
            json(200, ["dictionaries": .array(node.dictionaries.loaded.map { ["id": .string($0.id), "version": .string($0.version), "source": .string($0.source)] }),
                       "mappings": .array(node.dictionaries.mappings.map {
                           ["term": .string($0.term), "dictionary": .string($0.dictionary), "sameAs": .string($0.sameAs),
                            "sameAsDictionary": .string($0.sameAsDictionary), "basis": .string($0.basis)]
                       })])
        }
        router.get("/healthz") { _, _ in json(200, ["status": "ok", "nodeId": .string(node.keys.nodeId)]) }
        router.get("/v1/ledger/head") { _, _ in
            let head = try await node.store.signedHead()
            return json(200, ["nodeId": .string(node.keys.nodeId), "seq": .number(Double(head?.seq ?? 0)),
                              "hash": .string(head?.hash ?? LedgerHashing.genesis), "signature": .optional(head?.signature),
                              "publicKey": .string(node.keys.publicKeyBase64), "algorithm": "Ed25519"])
        }
        return router
    }

    static func handle(_ contract: ContractDefinition, request: Request, context: BasicRequestContext, node: NodeContext,
                       tokens: TokenCache) async throws -> Response {
        var request = request
        // A peer node's signed request acts for one of its businesses, and may only read: the
        // enquiries that owners open to their consignees.
        if request.headers.contains(where: { $0.name.canonicalName == "signature-input" }) {
            return try await handlePeer(contract, request: request, context: context, node: node)
        }
        let tenant = try await authenticate(request, node: node, tokens: tokens)
        if contract.auth == "tenant", tenant == nil { throw Problem.unauthorized }
        let path = try pathParameters(contract, context, node)
        // An enquiry about a lot on another node, asked through this node: forwarded, signed for
        // the calling business, and answered as the other node answered.
        if peerContracts.contains(contract.id), let remote = request.uri.queryParameters["node"].map(String.init), remote != node.keys.nodeId {
            return try await forward(contract, path: request.uri.path, to: remote, tenant: tenant, node: node)
        }
        var body = JSONObject()
        if contract.body != nil {
            let buffer: ByteBuffer
            do { buffer = try await request.collectBody(upTo: node.maxBodyBytes) } catch {
                throw Problem.bodyTooLarge(node.maxBodyBytes)
            }
            body = try node.validator.validateBody(contract, bytes: Array(buffer.readableBytesView))
        }
        if contract.id == "certification", let tenant { return try await certify(contract, body: body, tenant: tenant, node: node) }
        if contract.id == "deletion-request", let tenant { return try await requestDeletion(contract, body: body, tenant: tenant, node: node) }
        var certificate: Certificate?
        if contract.id == "certificate-attachment", let jws = body["certificate"]?.stringValue {
            do {
                guard let issuer = Certificate.issuer(of: jws) else { throw LotStatement.Invalid(description: "not a certificate") }
                let key = issuer == node.keys.nodeId ? node.keys.signingKey.publicKey : node.federation.peer(issuer)?.publicKey
                guard let key else { throw LotStatement.Invalid(description: "node \(issuer) is not in this node's peer directory") }
                certificate = try Certificate.verify(jws, publicKey: key)
            } catch {
                throw Problem(status: 422, code: "bad_certificate", title: "Certificate refused", detail: "\(error)", field: "certificate")
            }
        }
        var evidence: [RemoteEvidence] = []
        if contract.id == "material-use", let tenant, let remote = body["node"]?.stringValue, remote != node.keys.nodeId,
           let lotId = body["materialLotId"]?.stringValue {
            evidence = [try await pullStatement(lotId: lotId, on: remote, for: tenant, node: node)]
        }
        var network: NetworkIntensity?
        if contract.id == "material-use", let tenant, body["intensitySource"] == "network", let category = body["category"]?.stringValue {
            let stats = try await combinedStatistics(category, acting: "\(tenant.businessId)@\(node.keys.nodeId)", node: node)
            guard stats["available"] == .bool(true), let mean = stats["mean"]?.numberValue else {
                throw Problem.conflict("no_network_intensity", "the network has no statistics of \(category) yet (fewer than \(CategoryStatistics.minimumContributors) businesses contributed)",
                                       field: "intensitySource")
            }
            network = NetworkIntensity(category: category, mean: mean, contributors: Int(stats["contributors"]?.numberValue ?? 0),
                                       count: Int(stats["count"]?.numberValue ?? 0),
                                       nodes: (stats["nodes"]?.arrayValue ?? []).filter { $0["available"] == .bool(true) }.compactMap { $0["node"]?.stringValue })
        }
        let result = try await node.service.handle(ContractCall(contract: contract, path: path, body: body, caller: Caller(tenant: tenant),
                                                                evidence: evidence, networkIntensity: network, certificate: certificate))
        return json(result.status, result.body)
    }

    static func forward(_ contract: ContractDefinition, path: String, to remote: String, tenant: TenantRecord?, node: NodeContext) async throws -> Response {
        guard NodeID.isValid(remote) else { throw Problem.invalidValue("node", "must be a node ID") }
        guard node.federation.peer(remote) != nil else {
            throw Problem(status: 422, code: "unknown_node", title: "Unknown node", detail: "node \(remote) is not in this node's peer directory", field: "node")
        }
        guard let tenant else { throw Problem.unauthorized }
        do {
            let r = try await node.federation.send(node: remote, method: "GET", path: path, actingBusiness: "\(tenant.businessId)@\(node.keys.nodeId)",
                                                   idempotent: true)
            return raw(r.body, status: HTTPResponse.Status(code: r.status))
        } catch PeerError.status(_, let status, let code, let detail) where status < 500 {
            throw Problem(status: status, code: code ?? "peer_refused", title: "Refused by node \(remote)", detail: detail ?? "node \(remote) answered \(status)",
                          field: status == 404 ? "lotId" : nil)
        } catch let e as PeerError {
            throw Problem(status: 502, code: "peer_unreachable", title: "Node did not answer", detail: e.description, field: "node")
        }
    }

    /// The owner's side of a deletion request: ask the node, verify its receipt, keep it.
    static func requestDeletion(_ contract: ContractDefinition, body: JSONObject, tenant: TenantRecord, node: NodeContext) async throws -> Response {
        let target = body["node"]!.stringValue!
        guard target != node.keys.nodeId, let peer = node.federation.peer(target) else {
            throw Problem(status: 422, code: "unknown_node", title: "Unknown node", detail: "node \(target) is not a peer of this node", field: "node")
        }
        let own = try await node.service.ownLotIds(tenant)
        let given = body["lotIds"]?.arrayValue?.compactMap(\.stringValue)
        if let given {
            let mine = Set(own)
            for (i, id) in given.enumerated() where !mine.contains(id) { throw Problem.notFound("lot \(id)", field: "lotIds[\(i)]") }
        }
        let lots: [String] = given ?? own
        let request = CanonicalJSON.bytes(.object(JSONObject(["lots": .array(lots.map { JSONValue.string($0) })])))
        let answer: HTTPResult
        do {
            answer = try await node.federation.send(node: target, method: "POST", path: "/v1/federation/deletions", body: request,
                                                    actingBusiness: "\(tenant.businessId)@\(node.keys.nodeId)", idempotent: true)
        } catch let e as PeerError {
            throw Problem(status: 502, code: "peer_unreachable", title: "Node did not answer", detail: e.description, field: "node")
        }
        guard let jws = (try? JSONParser.parse(answer.body))?["receipt"]?.stringValue, let payload = try? DeletionReceipt.verify(jws, publicKey: peer.publicKey),
              payload["requester"]?.stringValue == "\(tenant.businessId)@\(node.keys.nodeId)" else {
            throw Problem(status: 502, code: "bad_receipt", title: "Receipt refused", detail: "node \(target) sent no receipt that verifies with its key", field: "node")
        }
        return json(201, try await node.service.recordReceipt(contract, tenant: tenant, node: target, jws: jws, payload: payload))
    }

    /// `POST /v1/federation/onward`: a peer's trace asks, for one of its businesses, onward grants
    /// for lots of other nodes that lots of this node used (at most 1024).
    static func federationOnward(_ request: Request, node: NodeContext) async throws -> Response {
        let (verified, bytes) = try await verifyPeer(request, node: node)
        let v: JSONValue
        do { v = try JSONParser.parse(bytes) } catch { throw Problem.malformedJSON("\(error.message) at byte \(error.offset)") }
        guard let list = v["uses"]?.arrayValue, list.count <= 1024 else { throw Problem.invalidValue("uses", "must be an array of at most 1024 uses") }
        var uses: [(via: String, lot: String, node: String)] = []
        for (i, u) in list.enumerated() {
            guard let via = u["via"]?.stringValue, ID128(via) != nil, let lot = u["lot"]?.stringValue, ID128(lot) != nil,
                  let n = u["node"]?.stringValue, NodeID.isValid(n) else {
                throw Problem.invalidValue("uses[\(i)]", "must be {\"via\", \"lot\", \"node\"} with 128-bit lot IDs and a node ID")
            }
            uses.append((via, lot, n))
        }
        let grants = try await node.service.onwardGrants(uses, caller: Caller(tenant: nil, remoteBusiness: verified.actingBusiness.description))
        return json(200, ["grants": .array(grants)])
    }

    /// `POST /v1/federation/deletions`: a peer's business asks this node to delete what it holds of its lots.
    static func federationDeletion(_ request: Request, node: NodeContext) async throws -> Response {
        let (verified, bytes) = try await verifyPeer(request, node: node)
        let v: JSONValue
        do { v = try JSONParser.parse(bytes) } catch { throw Problem.malformedJSON("\(error.message) at byte \(error.offset)") }
        guard let list = v["lots"]?.arrayValue else { throw Problem.wrongType("lots", expected: "an array of lot IDs", got: v["lots"]?.typeName ?? "nothing") }
        guard list.count <= 10_000 else { throw Problem.invalidValue("lots", "holds at most 10000 lot IDs") }
        var ids: [String] = []
        for (i, item) in list.enumerated() {
            guard let id = item.stringValue, ID128(id) != nil else { throw Problem.invalidValue("lots[\(i)]", "must be a 128-bit ID") }
            ids.append(id)
        }
        let receipt = try await node.service.honourDeletion(requester: verified.actingBusiness.description, node: verified.nodeId, lotIds: ids)
        node.verifiedStatements.removeAll(node: verified.nodeId)
        return json(200, ["receipt": .string(receipt)])
    }

    /// The certifier's side of Certification: pull the disclosed breakdown, replay it, sign if it holds.
    static func certify(_ contract: ContractDefinition, body: JSONObject, tenant: TenantRecord, node: NodeContext) async throws -> Response {
        let lotId = body["lotId"]!.stringValue!
        let owner = body["node"]?.stringValue ?? node.keys.nodeId
        let acting = "\(tenant.businessId)@\(node.keys.nodeId)"
        func key(_ n: String) -> Curve25519.Signing.PublicKey? { n == node.keys.nodeId ? node.keys.signingKey.publicKey : node.federation.peer(n)?.publicKey }
        guard key(owner) != nil else {
            throw Problem(status: 422, code: "unknown_node", title: "Unknown node", detail: "node \(owner) is not in this node's peer directory", field: "node")
        }
        func get(_ path: String, _ contractId: String) async throws -> JSONValue {
            if owner == node.keys.nodeId {
                let def = node.contracts.first { $0.id == contractId }!
                let p = path.split(separator: "/").map(String.init)
                return try await node.service.handle(ContractCall(contract: def, path: ["lotId": p[2]], body: JSONObject(), caller: Caller(tenant: tenant))).body
            }
            do {
                let r = try await node.federation.send(node: owner, method: "GET", path: path, actingBusiness: acting, idempotent: true)
                return try JSONParser.parse(r.body)
            } catch PeerError.status(_, 404, _, _) {
                throw Problem.notFound("lot \(lotId) on node \(owner) (or its breakdown is not disclosed to this certifier)", field: "lotId")
            } catch let e as PeerError {
                throw Problem(status: 502, code: "peer_unreachable", title: "Node did not answer", detail: e.description, field: "node")
            }
        }
        let lotView = try await get("/v1/lots/\(lotId)", "lot-enquiry")
        guard let jws = lotView["statement"]?.stringValue else {
            throw Problem.conflict("lot_not_completed", "lot \(lotId) has no statement yet: it is not completed", field: "lotId")
        }
        let claims: StatementClaims
        do { claims = try StatementClaims.verify(jws, publicKey: key(owner)!, lotId: lotId, nodeId: owner) } catch {
            throw Problem(status: 502, code: "bad_statement", title: "Statement refused", detail: "\(error)", field: "lotId")
        }
        let materials = try await get("/v1/lots/\(lotId)/material-uses", "material-use-enquiry")
        let facility = try await get("/v1/lots/\(lotId)/equipment-uses", "facility-usage-enquiry")
        // Statements of material lots held by the owner's node itself.
        var local: [String: String] = [:]
        for u in materials["materialUses"]?.arrayValue ?? [] where u["node"] == nil {
            if let m = u["materialLotId"]?.stringValue, let s = try? await get("/v1/lots/\(m)", "lot-enquiry")["statement"]?.stringValue { local[m] = s }
        }
        let checks = CertificationReplay(engine: node.service.engine).replay(lot: claims, materials: materials, facility: facility, materialStatements: local) { jws, n, lot in
            guard let k = key(n) else { throw LotStatement.Invalid(description: "node \(n) is not in this node's peer directory") }
            return try StatementClaims.verify(jws, publicKey: k, lotId: lot, nodeId: n)
        }
        guard checks.allSatisfy(\.ok) else {
            var p = Problem(status: 422, code: "not_reproduced", title: "Not certified",
                            detail: "the disclosed breakdown does not reproduce the lot's CFP: \(checks.filter { !$0.ok }.map(\.name).joined(separator: ", "))",
                            field: "lotId").json.objectValue!
            p["checks"] = .array(checks.map(\.json))
            return raw(CanonicalJSON.orderedBytes(.object(p)), status: .init(code: 422), contentType: "application/problem+json")
        }
        return json(201, try await node.service.issueCertificate(contract, tenant: tenant, lot: claims, checks: checks,
                                                                 evidence: ["statement": .string(jws), "material-uses": materials, "facility-usage": facility]))
    }

    /// Pulls a lot's statement from its node for one of our businesses, verifies it with that
    /// node's key, and reads how much of the lot was shipped to the business.
    static func pullStatement(lotId: String, on remote: String, for tenant: TenantRecord, node: NodeContext) async throws -> RemoteEvidence {
        guard let peer = node.federation.peer(remote) else {
            throw Problem(status: 422, code: "unknown_node", title: "Unknown node", detail: "node \(remote) is not in this node's peer directory", field: "node")
        }
        let answer: HTTPResult
        do {
            answer = try await node.federation.send(node: remote, method: "GET", path: "/v1/lots/\(lotId)", actingBusiness: "\(tenant.businessId)@\(node.keys.nodeId)",
                                                     idempotent: true)
        } catch PeerError.status(_, 404, _, _) {
            throw Problem.notFound("lot \(lotId) on node \(remote)", field: "materialLotId")
        } catch let e as PeerError {
            throw Problem(status: 502, code: "peer_unreachable", title: "Supplier node did not answer", detail: e.description, field: "node")
        }
        guard let v = try? JSONParser.parse(answer.body) else {
            throw Problem(status: 502, code: "bad_statement", title: "Statement refused", detail: "node \(remote) sent no JSON", field: "materialLotId")
        }
        guard let jws = v["statement"]?.stringValue else {
            throw Problem.conflict("material_lot_not_completed", "material lot \(lotId) on node \(remote) is not completed, so it has no CFP", field: "materialLotId")
        }
        do {
            let claims = try StatementClaims.verify(jws, publicKey: peer.publicKey, lotId: lotId, nodeId: remote)
            return RemoteEvidence(claims: claims, shippedToBusiness: v["shippedToYou"]?.numberValue ?? 0)
        } catch {
            throw Problem(status: 502, code: "bad_statement", title: "Statement refused",
                          detail: "the statement node \(remote) gave for lot \(lotId) does not verify: \(error)", field: "materialLotId")
        }
    }

    /// `GET /v1/lots/{lotId}/trace[?node=&deadlineMs=&maxDepth=]`: the carbon chain of a lot, as
    /// far as its owners disclose it to the calling business.
    static func trace(_ request: Request, context: BasicRequestContext, node: NodeContext, tokens: TokenCache) async throws -> Response {
        guard let tenant = try await authenticate(request, node: node, tokens: tokens) else { throw Problem.unauthorized }
        let lotId = context.parameters.get("lotId") ?? ""
        guard ID128(lotId) != nil else { throw Problem.invalidValue("lotId", "must be a 128-bit ID: 32 lowercase hexadecimal characters") }
        var options = node.traceOptions
        let query = request.uri.queryParameters
        let root = query["node"].map(String.init) ?? node.keys.nodeId
        guard NodeID.isValid(root) else { throw Problem.invalidValue("node", "must be a node ID") }
        if root != node.keys.nodeId, node.federation.peer(root) == nil {
            throw Problem(status: 422, code: "unknown_node", title: "Unknown node", detail: "node \(root) is not in this node's peer directory", field: "node")
        }
        if let d = query["deadlineMs"] {
            guard let ms = Int(d), (1...120_000).contains(ms) else { throw Problem.invalidValue("deadlineMs", "must be an integer from 1 to 120000") }
            options.timeout = Double(ms) / 1000
        }
        if let d = query["maxDepth"] {
            guard let n = Int(d), (0...TraceOptions.maxDepthLimit).contains(n) else {
                throw Problem.invalidValue("maxDepth", "must be an integer from 0 to \(TraceOptions.maxDepthLimit)")
            }
            options.maxDepth = n
        }
        if root == node.keys.nodeId, try await node.store.lotSnapshot(lotId) == nil { throw Problem.notFound("lot \(lotId)", field: "lotId") }
        let walker = TraceWalker(source: NodeTraceSource(node: node, tenant: tenant), options: options, verified: node.verifiedStatements)
        return json(200, await walker.walk(lotId: lotId, node: root))
    }

    /// `GET /v1/statistics/{category}/network`: this node's and every peer's statistics of a
    /// category, combined exactly through their sketches (nodes below the minimum of contributing
    /// businesses give nothing). Count, contributors and mean are exact; median and percentiles are
    /// read from the merged sketch, within its relative accuracy of the exact values.
    static func networkStatistics(_ request: Request, context: BasicRequestContext, node: NodeContext, tokens: TokenCache) async throws -> Response {
        guard let tenant = try await authenticate(request, node: node, tokens: tokens) else { throw Problem.unauthorized }
        let category = context.parameters.get("category") ?? ""
        guard node.dictionaries.categories[category] != nil else {
            throw Problem(status: 422, code: "unknown_category", title: "Unknown material category",
                          detail: "'category': '\(category)' is not a material category of the loaded dictionaries", field: "category")
        }
        return json(200, try await combinedStatistics(category, acting: "\(tenant.businessId)@\(node.keys.nodeId)", node: node))
    }

    static func combinedStatistics(_ category: String, acting: String, node: NodeContext) async throws -> JSONValue {
        let own = try await node.service.categoryStatistics(category)
        let peers = node.federation.peerIds
        // A peer that does not know the term is asked for the terms our mappings declare the same;
        // one that knows none of them is reported, never guessed at.
        let terms = node.dictionaries.equivalents(category)
        let answers = await withTaskGroup(of: (String, Result<JSONValue, Error>).self) { group in
            for p in peers {
                group.addTask {
                    for term in terms {
                        do {
                            let r = try await node.federation.send(node: p, method: "GET", path: "/v1/statistics/\(term)", actingBusiness: acting, idempotent: true,
                                                                   deadline: Date().addingTimeInterval(5))
                            var v = try JSONParser.parse(r.body).objectValue ?? JSONObject()
                            if term != category { v["mappedFrom"] = .string(category) }
                            return (p, .success(.object(v)))
                        } catch PeerError.status(_, 422, "unknown_category", _) {
                            continue
                        } catch { return (p, .failure(error)) }
                    }
                    return (p, .success(["available": false, "unknownTerm": .array(terms.map { .string($0) })]))
                }
            }
            var all: [(String, Result<JSONValue, Error>)] = []
            for await a in group { all.append(a) }
            return all.sorted { $0.0 < $1.0 }
        }
        var merged = QuantileSketch()
        var contributors = 0
        var from: String?, to: String?
        var nodes: [JSONValue] = [], unreachable: [JSONValue] = [], unknownTerms: [JSONValue] = []
        for (id, answer) in [(node.keys.nodeId, Result<JSONValue, Error>.success(own))] + answers {
            switch answer {
            case .failure(let e):
                unreachable.append(["node": .string(id), "reason": .string(String(describing: e))])
            case .success(let v):
                if let unknown = v["unknownTerm"] {
                    unknownTerms.append(["node": .string(id), "terms": unknown])
                    continue
                }
                guard v["available"] == .bool(true) else {
                    nodes.append(["node": .string(id), "available": false])
                    continue
                }
                guard let sketch = ContractService.sketch(v["sketch"] ?? .null), let n = v["contributors"]?.numberValue,
                      let contributorCount = Int(exactly: n), (0...1_000_000_000).contains(contributorCount),
                      v["unit"] == own["unit"] else {
                    unreachable.append(["node": .string(id), "reason": "statistics without a usable sketch, or in another unit"])
                    continue
                }
                merged.merge(sketch)
                contributors += contributorCount
                if let f = v["from"]?.stringValue, from.map({ f < $0 }) ?? true { from = f }
                if let t = v["to"]?.stringValue, to.map({ t > $0 }) ?? true { to = t }
                nodes.append(["node": .string(id), "available": true, "contributors": .number(n), "count": .number(Double(sketch.count)),
                              "term": v["category"] ?? .string(category), "mappedFrom": v["mappedFrom"] ?? .null])
            }
        }
        var o = JSONObject()
        o["category"] = .string(category)
        o["unit"] = own["unit"]
        o["nodes"] = .array(nodes)
        o["unreachable"] = .array(unreachable)
        o["unknownTerm"] = .array(unknownTerms)
        if merged.count > 0, contributors >= CategoryStatistics.minimumContributors {
            o["available"] = true
            o["contributors"] = .number(Double(contributors))
            o["count"] = .number(Double(merged.count))
            o["mean"] = .number(merged.mean)
            o["median"] = .number(merged.quantile(0.5))
            o["p10"] = .number(merged.quantile(0.1))
            o["p90"] = .number(merged.quantile(0.9))
            o["from"] = .optional(from)
            o["to"] = .optional(to)
            o["relativeAccuracy"] = .number(QuantileSketch.relativeAccuracy)
            o["sketch"] = ContractService.sketchJSON(merged)
        } else {
            o["available"] = false
        }
        return .object(o)
    }

    /// `POST /v1/federation/lots`: a peer's trace asking, for one of its businesses, what this node
    /// discloses of several lots at once. Signed, read-only, at most 256 lots.
    static func federationLots(_ request: Request, node: NodeContext) async throws -> Response {
        let (verified, bytes) = try await verifyPeer(request, node: node)
        let v: JSONValue
        do { v = try JSONParser.parse(bytes) } catch { throw Problem.malformedJSON("\(error.message) at byte \(error.offset)") }
        guard let list = v["lots"]?.arrayValue else { throw Problem.wrongType("lots", expected: "an array of lot IDs", got: v["lots"]?.typeName ?? "nothing") }
        guard list.count <= 256 else { throw Problem.invalidValue("lots", "holds at most 256 lot IDs") }
        var ids: [String] = []
        for (i, item) in list.enumerated() {
            guard let id = item.stringValue, ID128(id) != nil else { throw Problem.invalidValue("lots[\(i)]", "must be a 128-bit ID") }
            ids.append(id)
        }
        var grants: [OnwardGrant] = []
        if let tokens = v["onward"] {
            guard let list = tokens.arrayValue, list.count <= 1024 else { throw Problem.invalidValue("onward", "must be an array of at most 1024 onward grants") }
            for (i, t) in list.enumerated() {
                do { grants.append(try verifyOnward(t.stringValue ?? "", node: node)) } catch {
                    throw Problem(status: 422, code: "bad_onward_grant", title: "Onward grant refused", detail: "\(error)", field: "onward[\(i)]")
                }
            }
        }
        for key in v.objectValue?.keys ?? [] where key != "lots" && key != "onward" { throw Problem.unknownField(key) }
        let lots = try await node.service.disclose(lotIds: ids, caller: Caller(tenant: nil, remoteBusiness: verified.actingBusiness.description, onward: grants))
        return json(200, ["nodeId": .string(node.keys.nodeId), "lots": .array(lots)])
    }

    /// The contract's path parameters, checked against its definition.
    static func pathParameters(_ contract: ContractDefinition, _ context: BasicRequestContext, _ node: NodeContext) throws -> [String: String] {
        var path: [String: String] = [:]
        for p in contract.pathParameters { path[p.name] = context.parameters.get(p.name) }
        try node.validator.validatePath(contract, path)
        return path
    }

    static let peerContracts: Set<String> = ["lot-enquiry", "material-use-enquiry", "facility-usage-enquiry", "agreement-enquiry", "category-statistics"]

    /// An onward grant verified with the key of the node that issued it (this node or a peer).
    static func verifyOnward(_ jws: String, node: NodeContext) throws -> OnwardGrant {
        guard let issuer = OnwardGrant.issuer(of: jws) else { throw LotStatement.Invalid(description: "not an onward grant") }
        let key = issuer == node.keys.nodeId ? node.keys.signingKey.publicKey : node.federation.peer(issuer)?.publicKey
        guard let key else { throw LotStatement.Invalid(description: "node \(issuer) is not in the peer directory") }
        return try OnwardGrant.verify(jws, publicKey: key)
    }

    /// Checks a peer node's request signature; returns who is calling and the body it covered.
    static func verifyPeer(_ request: Request, node: NodeContext) async throws -> (MessageSignature.Verified, [UInt8]) {
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: node.maxBodyBytes) } catch { throw Problem.bodyTooLarge(node.maxBodyBytes) }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let bytes = Array(body.readableBytesView)
        do {
            return (try node.peers.verify(method: request.method.rawValue, path: request.uri.path, headers: headers, body: bytes), bytes)
        } catch let r as MessageSignature.Refused {
            throw Problem(status: 401, code: "bad_signature", title: "Request signature refused", detail: r.reason)
        }
    }

    static func handlePeer(_ contract: ContractDefinition, request: Request, context: BasicRequestContext, node: NodeContext) async throws -> Response {
        let (verified, _) = try await verifyPeer(request, node: node)
        guard peerContracts.contains(contract.id) else {
            throw Problem(status: 403, code: "not_for_peers", title: "Not open to other nodes",
                          detail: "\(contract.name) can only be called by businesses hosted on this node")
        }
        let path = try pathParameters(contract, context, node)
        let caller = Caller(tenant: nil, remoteBusiness: verified.actingBusiness.description)
        let result = try await node.service.handle(ContractCall(contract: contract, path: path, body: JSONObject(), caller: caller))
        return json(result.status, result.body)
    }

    static func authenticate(_ request: Request, node: NodeContext, tokens: TokenCache) async throws -> TenantRecord? {
        guard let header = request.headers[.authorization] else { return nil }
        guard header.hasPrefix("Bearer "), header.utf8.count < 200 else { throw Problem.unauthorized }
        let hash = Tokens.hash(String(header.dropFirst(7)))
        if let t = tokens.get(hash) { return t }
        guard let t = try await node.store.read({ tx in try tx.tenant(tokenHash: hash) }) else { throw Problem.unauthorized }
        tokens.put(hash, t)
        return t
    }

    static func raw(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, contentType: String = "application/json") -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json(_ status: Int, _ value: JSONValue) -> Response {
        raw(CanonicalJSON.orderedBytes(value), status: HTTPResponse.Status(code: status))
    }

    static func problem(_ p: Problem) -> Response {
        raw(Array(CanonicalJSON.encodeOrdered(p.json).utf8), status: HTTPResponse.Status(code: p.status),
            contentType: "application/problem+json")
    }
}

/// The trace's view of the network from this node: our own lots straight from the store, other
/// nodes' through signed batch requests, always on behalf of the business that asked.
struct NodeTraceSource: TraceSource {
    let node: NodeContext
    let tenant: TenantRecord

    func fetch(node id: String, lotIds: [String], onward: [String], deadline: Date) async throws -> [JSONValue] {
        if id == node.keys.nodeId {
            let grants = onward.compactMap { try? NodeApp.verifyOnward($0, node: node) }
            return try await node.service.disclose(lotIds: lotIds, caller: Caller(tenant: tenant, onward: grants))
        }
        var request: JSONObject = JSONObject(["lots": .array(lotIds.map { .string($0) })])
        if !onward.isEmpty { request["onward"] = .array(onward.map { .string($0) }) }
        let body = CanonicalJSON.bytes(.object(request))
        let r = try await node.federation.send(node: id, method: "POST", path: "/v1/federation/lots", body: body,
                                               actingBusiness: "\(tenant.businessId)@\(node.keys.nodeId)", idempotent: true, deadline: deadline)
        guard let v = try? JSONParser.parse(r.body), let lots = v["lots"]?.arrayValue else {
            throw PeerError.badResponse(node: id, "no lot list")
        }
        return lots
    }

    func onward(node id: String, uses: [(via: String, lot: String, lotNode: String)], deadline: Date) async throws -> [String] {
        let answers: [JSONValue]
        if id == node.keys.nodeId {
            answers = try await node.service.onwardGrants(uses.map { ($0.via, $0.lot, $0.lotNode) }, caller: Caller(tenant: tenant))
        } else {
            let body = CanonicalJSON.bytes(["uses": .array(uses.map { ["via": .string($0.via), "lot": .string($0.lot), "node": .string($0.lotNode)] })])
            let r = try await node.federation.send(node: id, method: "POST", path: "/v1/federation/onward", body: body,
                                                   actingBusiness: "\(tenant.businessId)@\(node.keys.nodeId)", idempotent: true, deadline: deadline)
            answers = (try? JSONParser.parse(r.body))?["grants"]?.arrayValue ?? []
        }
        return answers.compactMap { $0["grant"]?.stringValue }
    }

    func publicKey(node id: String) -> Curve25519.Signing.PublicKey? {
        id == node.keys.nodeId ? node.keys.signingKey.publicKey : node.federation.peer(id)?.publicKey
    }
}

/// Turns every error into an RFC 9457 problem document. Unexpected errors are logged and answered
/// with a generic 500 that reveals nothing of the node's internals.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let p as Problem {
            return NodeApp.problem(p)
        } catch let e as HTTPError {
            switch e.status.code {
            case 404: return NodeApp.problem(Problem(status: 404, code: "no_such_route", title: "Not found",
                                                     detail: "no route \(request.method) \(request.uri.path)"))
            case 405: return NodeApp.problem(Problem(status: 405, code: "method_not_allowed", title: "Method not allowed",
                                                     detail: "\(request.method) is not allowed on \(request.uri.path)"))
            case 413: return NodeApp.problem(Problem.bodyTooLarge(0))
            default:
                return NodeApp.problem(Problem(status: Int(e.status.code), code: "http_error", title: e.status.reasonPhrase,
                                               detail: e.body ?? e.status.reasonPhrase))
            }
        } catch {
            logger.error("internal error on \(request.method) \(request.uri.path): \(String(describing: error))")
            return NodeApp.problem(Problem(status: 500, code: "internal", title: "Internal error", detail: "the node could not complete the call; nothing was written"))
        }
    }
}
