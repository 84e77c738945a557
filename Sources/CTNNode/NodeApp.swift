import CTNEngine
import CTNFederation
import CTNLedger
import CTNModel
import CTNService
import CTNStore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// Everything a running node is made of, built once from its data folder.
public struct NodeContext: Sendable {
    public let dataDir: URL
    public let keys: NodeKeys
    public let store: SQLiteStore
    public let dictionaries: Dictionaries
    public let contracts: [ContractDefinition]
    public let service: ContractService
    public let validator: ContractValidator
    public let maxBodyBytes: Int
    /// Checks signed requests from peer nodes against `<data>/peers.json` (read at start).
    public let peers: SignatureVerifier

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
        return NodeContext(dataDir: dataDir, keys: keys, store: store, dictionaries: dictionaries, contracts: contracts,
                           service: ContractService(store: store, dictionaries: dictionaries, keys: keys),
                           validator: ContractValidator(dictionaries: dictionaries), maxBodyBytes: maxBodyBytes,
                           peers: SignatureVerifier(directory: try PeerDirectory.load(data: dataDir)))
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
        router.get("/healthz") { _, _ in json(200, ["status": "ok", "nodeId": .string(node.keys.nodeId)]) }
        router.get("/v1/ledger/head") { _, _ in
            let head = try node.store.signedHead()
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
        var body = JSONObject()
        if contract.body != nil {
            let buffer: ByteBuffer
            do { buffer = try await request.collectBody(upTo: node.maxBodyBytes) } catch {
                throw Problem.bodyTooLarge(node.maxBodyBytes)
            }
            body = try node.validator.validateBody(contract, bytes: Array(buffer.readableBytesView))
        }
        let result = try await node.service.handle(ContractCall(contract: contract, path: path, body: body, caller: Caller(tenant: tenant)))
        return json(result.status, result.body)
    }

    /// The contract's path parameters, checked against its definition.
    static func pathParameters(_ contract: ContractDefinition, _ context: BasicRequestContext, _ node: NodeContext) throws -> [String: String] {
        var path: [String: String] = [:]
        for p in contract.pathParameters { path[p.name] = context.parameters.get(p.name) }
        try node.validator.validatePath(contract, path)
        return path
    }

    static let peerContracts: Set<String> = ["lot-enquiry", "material-use-enquiry", "facility-usage-enquiry"]

    static func handlePeer(_ contract: ContractDefinition, request: Request, context: BasicRequestContext, node: NodeContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: node.maxBodyBytes)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let verified: MessageSignature.Verified
        do {
            verified = try node.peers.verify(method: request.method.rawValue, path: request.uri.path, headers: headers,
                                             body: Array(body.readableBytesView))
        } catch let r as MessageSignature.Refused {
            throw Problem(status: 401, code: "bad_signature", title: "Request signature refused", detail: r.reason)
        }
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
