import CTNLedger
import CTNModel
import Hummingbird

/// The node's verifiable log (RFC 9162 style): the signed tree head, and inclusion and
/// consistency proofs anyone may ask for (they hold hashes only).
struct LogController {
    let node: Node

    static let routes: [(String, String)] = [
        ("/v1/log/head", "GET"), ("/v1/log/proof/inclusion", "GET"), ("/v1/log/proof/consistency", "GET"), ("/v1/log/witnessed", "GET"),
        ("/v1/log/alarms", "GET"), ("/v1/lots/{lotId}/statement", "GET"),
    ]

    func register(on router: Router<NodeRequestContext>) {
        let node = self.node
        router.get("/v1/log/head") { _, _ in
            guard let head = try await node.store.treeHead() else {
                let empty = try node.keys.signTreeHead(size: 0, root: Merkle.emptyRoot, timestamp: Timestamp.nowMillis())
                return Responses.json(200, Self.head(empty, node))
            }
            return Responses.json(200, Self.head(head, node))
        }
        router.get("/v1/lots/:lotId/statement") { _, context in
            Responses.json(200, try await node.service.statementWithProof(lotId: context.parameters.get("lotId") ?? ""))
        }
        router.get("/v1/log/witnessed") { _, _ in Responses.json(200, try await node.service.witnessView(alarms: false)) }
        router.get("/v1/log/alarms") { _, _ in Responses.json(200, try await node.service.witnessView(alarms: true)) }
        router.get("/v1/log/proof/inclusion") { request, _ in
            let current = try await node.store.treeHead()?.size ?? 0
            let size = try Self.integer(request, "size") ?? current
            guard size >= 1, size <= current else { throw Problem.invalidValue("size", "must be from 1 to the log's size, \(current)") }
            guard let leaf = try Self.integer(request, "leaf") else { throw Problem.missingField("leaf") }
            guard leaf < size else { throw Problem.invalidValue("leaf", "must be below size (\(size))") }
            let proof = try await node.store.inclusionProof(leaf: leaf, size: size)
            let event = try await node.store.ledgerEvents(after: leaf, limit: 1).first
            let leafHash = try await node.store.logLeaf(leaf)
            return Responses.json(
                200,
                [
                    "leaf": .number(Double(leaf)), "size": .number(Double(size)), "eventHash": .optional(event?.hash),
                    "leafHash": .optional(leafHash.map { LedgerHashing.hex($0) }),
                    "proof": .array(proof.map { .string(LedgerHashing.hex($0)) }),
                ])
        }
        router.get("/v1/log/proof/consistency") { request, _ in
            let current = try await node.store.treeHead()?.size ?? 0
            guard let from = try Self.integer(request, "from") else { throw Problem.missingField("from") }
            let to = try Self.integer(request, "to") ?? current
            guard to <= current else { throw Problem.invalidValue("to", "must be at most the log's size, \(current)") }
            guard from <= to else { throw Problem.invalidValue("from", "must be at most 'to' (\(to))") }
            let proof = try await node.store.consistencyProof(from: from, to: to)
            return Responses.json(
                200,
                ["from": .number(Double(from)), "to": .number(Double(to)), "proof": .array(proof.map { .string(LedgerHashing.hex($0)) })])
        }
    }

    static func head(_ h: TreeHead, _ node: Node) -> JSONValue {
        guard case .object(var o) = h.json else { return h.json }
        o["publicKey"] = .string(node.keys.publicKeyBase64)
        return .object(o)
    }

    /// A non-negative whole query parameter, or nil when absent.
    static func integer(_ request: Request, _ name: String) throws(Problem) -> Int64? {
        guard let text = request.uri.queryParameters[Substring(name)].map(String.init) else { return nil }
        guard text.count <= 16, let n = Int64(text), n >= 0 else {
            throw Problem.invalidValue(name, "must be a whole number from 0 (query parameter)")
        }
        return n
    }
}
