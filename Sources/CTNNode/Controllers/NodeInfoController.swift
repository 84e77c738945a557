import CTNLedger
import CTNModel
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
