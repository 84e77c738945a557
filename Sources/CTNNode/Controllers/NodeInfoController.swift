import CTNLedger
import CTNModel
import CTNStore
import Hummingbird

/// What a node says about itself: health, its signed ledger head, its contracts, its OpenAPI
/// document and the dictionaries it loaded.
struct NodeInfoController {
    let node: Node

    func register(on router: Router<NodeRequestContext>) {
        let openAPI = CanonicalJSON.orderedBytes(OpenAPI.document(node))
        let contractList = CanonicalJSON.orderedBytes(.object(JSONObject(["contracts": .array(node.contracts.map(\.raw))])))
        let dictionaries = Self.dictionariesView(node.dictionaries)
        let node = self.node
        router.get("/v1/contracts") { _, _ in Responses.raw(contractList) }
        router.get("/openapi.json") { _, _ in Responses.raw(openAPI) }
        router.get("/v1/dictionaries") { _, _ in Responses.json(200, dictionaries) }
        router.get("/healthz") { _, _ in Responses.json(200, ["status": "ok", "nodeId": .string(node.keys.nodeId)]) }
        router.get("/readyz") { _, _ in try await Self.ready(node) }
        router.get("/metrics") { _, _ in try await Self.metrics(node) }
        router.get("/v1/ledger/head") { _, _ in
            let head = try await node.store.signedHead()
            return Responses.json(
                200,
                [
                    "nodeId": .string(node.keys.nodeId), "seq": .number(Double(head?.seq ?? 0)),
                    "hash": .string(head?.hash ?? LedgerHashing.genesis),
                    "signature": .optional(head?.signature), "publicKey": .string(node.keys.publicKeyBase64), "algorithm": "Ed25519",
                ])
        }
    }

    /// 200 when the database answers with its whole schema, else a 503 problem (the process stays up).
    static func ready(_ node: Node) async throws -> Response {
        let health: StoreHealth
        do {
            health = try await node.store.health()
        } catch {
            // The error's kind only: a database's message may name its host or user.
            return notReady("the database does not answer (\(type(of: error)))")
        }
        guard health.migrated else { return notReady("the database's schema is not this build's (latest applied: \(health.schema))") }
        return Responses.json(200, ["status": "ready", "nodeId": .string(node.keys.nodeId), "schema": .string(health.schema)])
    }

    static func notReady(_ detail: String) -> Response {
        var r = Responses.problem(Problem(status: 503, code: "not_ready", title: "Not ready", detail: detail))
        r.headers[.retryAfter] = "1"
        return r
    }

    /// The Prometheus text exposition, with the store's figures read now. A store that does not
    /// answer leaves its series as last read; the request series are still served.
    static func metrics(_ node: Node) async throws -> Response {
        if let health = try? await node.store.health() {
            let head = try? await node.store.treeHead()
            let events = (try? await node.store.signedHead())?.seq ?? 0
            node.metrics.store(
                ledgerEvents: events, signedSize: head?.size ?? 0, readersInUse: health.readersInUse, readers: health.readers,
                writesWaiting: health.writesWaiting, writerBusy: health.writerBusy)
        }
        return Responses.raw(node.metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }

    static func dictionariesView(_ dictionaries: Dictionaries) -> JSONValue {
        [
            "dictionaries": .array(
                dictionaries.loaded.map { ["id": .string($0.id), "version": .string($0.version), "source": .string($0.source)] }),
            "mappings": .array(
                dictionaries.mappings.map {
                    [
                        "term": .string($0.term), "dictionary": .string($0.dictionary), "sameAs": .string($0.sameAs),
                        "sameAsDictionary": .string($0.sameAsDictionary), "basis": .string($0.basis),
                    ]
                }),
        ]
    }
}
