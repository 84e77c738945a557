import CTNFederation
import CTNLedger
import CTNModel
import CTNStore
import Foundation

/// Auditing a peer's log: its current signed tree head against every head of it this node ever
/// witnessed, each joined to the current one by the peer's own consistency proof.
extension ContractService {
    /// The peer whose base URL is `url` (or whose node ID it is), if the directory has it.
    public func peer(matching url: String) -> String? {
        func plain(_ s: String) -> String { s.hasSuffix("/") ? String(s.dropLast()) : s }
        if peers.peer(url) != nil { return url }
        return peers.peerIds.first { plain(peers.peer($0)?.baseURL ?? "") == plain(url) }
    }

    /// Audits `peer`: `ok` when its current head verifies with its key and extends every head of
    /// it witnessed here; a head it cannot extend is a fork, kept as an alarm as witnessing does.
    public func auditPeer(_ peer: String) async throws -> JSONValue {
        guard let key = peers.peer(peer)?.publicKey else {
            throw Problem.invalidValue("peer", "node \(peer) is not in this node's peer directory")
        }
        let answer = try await peers.send(node: peer, method: "GET", path: "/v1/log/head", actingBusiness: nodeActor, idempotent: true)
        guard let head = TreeHead(json: try JSONParser.parse(answer.body)), head.nodeId == peer else {
            throw PeerError.badResponse(node: peer, "the answer is not a tree head of \(peer)")
        }
        var failures: [JSONValue] = []
        guard head.verify(key) else {
            return Self.audit(peer, head, checked: 0, failures: [.string("the head does not verify with \(peer)'s key")])
        }
        let witnessed = try await store.witnessedHeads(peer: peer)
        var checked = 0
        for w in witnessed {
            let old = w.head
            var proof: [Merkle.Hash] = []
            if old.size > 0, old.size < head.size {
                let path = "/v1/log/proof/consistency?from=\(old.size)&to=\(head.size)"
                let p = try await peers.send(node: peer, method: "GET", path: path, actingBusiness: nodeActor, idempotent: true)
                proof = (try JSONParser.parse(p.body)["proof"]?.arrayValue ?? []).compactMap {
                    $0.stringValue.flatMap(LedgerHashing.bytes(hex:))
                }
            }
            checked += 1
            switch LogWitness.check(previous: old, new: head, proof: proof, key: key) {
            case .first, .extends, .same: continue
            case .older:
                failures.append(.string("the log is of size \(head.size), smaller than the head of size \(old.size) witnessed here"))
            case .fork(let why): failures.append(.string(why))
            case .badSignature: failures.append(.string("the head does not verify with \(peer)'s key"))
            }
        }
        if let why = failures.first?.stringValue {
            try await store.recordWitness(WitnessRecord(peer: peer, head: head, cosignature: nil, at: clock.nowMillis(), alarm: why))
        }
        return Self.audit(peer, head, checked: checked, failures: failures)
    }

    static func audit(_ peer: String, _ head: TreeHead, checked: Int, failures: [JSONValue]) -> JSONValue {
        [
            "peer": .string(peer), "ok": .bool(failures.isEmpty), "head": head.json, "witnessedHeadsChecked": .number(Double(checked)),
            "failures": .array(failures),
        ]
    }
}
