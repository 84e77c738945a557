import CTNFederation
import CTNLedger
import CTNModel
import CTNStore
import Foundation

/// Witnessing: this node fetches each peer's signed tree head, checks it against the last head of
/// that peer it saw (the same tree, or one the peer's consistency proof shows to extend it),
/// cosigns and keeps it; a head that no append-only log could have signed after the last one is a
/// fork, kept as an alarm.
extension ContractService {
    /// The business a node acts as when it calls peers for itself (it reads public routes only).
    var nodeActor: String { "\(String(repeating: "0", count: 32))@\(nodeId)" }

    /// One round over every peer: what was seen of each (`first`, `same`, `extends`, `fork`, ...).
    public func witnessPeers() async -> [JSONValue] {
        var out: [JSONValue] = []
        for peer in peers.peerIds {
            out.append(await witness(peer))
        }
        witnessRounds.record(out)
        return out
    }

    func witness(_ peer: String) async -> JSONValue {
        func result(_ verdict: String, _ detail: String? = nil, size: Int64? = nil) -> JSONValue {
            ["peer": .string(peer), "verdict": .string(verdict), "detail": .optional(detail), "size": .optional(size.map(Double.init))]
        }
        guard let key = peers.peer(peer)?.publicKey else { return result("unknown") }
        do {
            let answer = try await peers.send(node: peer, method: "GET", path: "/v1/log/head", actingBusiness: nodeActor, idempotent: true)
            guard let head = TreeHead(json: try JSONParser.parse(answer.body)), head.nodeId == peer else {
                return result("unreadable", "the answer is not a tree head of \(peer)")
            }
            let previous = try await store.lastWitnessed(peer: peer)
            var proof: [Merkle.Hash] = []
            if let previous, previous.head.size < head.size, previous.head.size > 0 {
                let path = "/v1/log/proof/consistency?from=\(previous.head.size)&to=\(head.size)"
                let p = try await peers.send(node: peer, method: "GET", path: path, actingBusiness: nodeActor, idempotent: true)
                proof = (try JSONParser.parse(p.body)["proof"]?.arrayValue ?? []).compactMap {
                    $0.stringValue.flatMap(LedgerHashing.bytes(hex:))
                }
            }
            let now = clock.nowMillis()
            switch LogWitness.check(previous: previous?.head, new: head, proof: proof, key: key) {
            case .first, .extends:
                try await store.recordWitness(WitnessRecord(peer: peer, head: head, cosignature: try keys.cosign(head), at: now))
                return result(previous == nil ? "first" : "extends", size: head.size)
            case .same: return result("same", size: head.size)
            case .older:
                let why = "a head of size \(head.size) after one of size \(previous?.head.size ?? 0): the log went back"
                try await store.recordWitness(WitnessRecord(peer: peer, head: head, cosignature: nil, at: now, alarm: why))
                return result("fork", why, size: head.size)
            case .fork(let why):
                try await store.recordWitness(WitnessRecord(peer: peer, head: head, cosignature: nil, at: now, alarm: why))
                return result("fork", why, size: head.size)
            case .badSignature:
                return result("bad_signature", "the head does not verify with \(peer)'s key", size: head.size)
            }
        } catch {
            return result("unreachable", "\(error)")
        }
    }

    /// The heads this node witnessed (the newest of each peer), or its alarms.
    public func witnessView(alarms: Bool) async throws -> JSONValue {
        let list = try await store.witnessed(alarms: alarms)
        if !alarms {
            return [
                "witnessed": .array(list.map { Self.witnessJSON($0, witness: nodeId) }), "lastRound": .array(witnessRounds.latest),
            ]
        }
        return [
            alarms ? "alarms" : "witnessed": .array(
                list.map { Self.witnessJSON($0, witness: nodeId) })
        ]
    }

    static func witnessJSON(_ w: WitnessRecord, witness: String) -> JSONValue {
        var o = w.head.json.objectValue ?? JSONObject()
        o["peer"] = .string(w.peer)
        o["witness"] = .string(witness)
        o["cosignature"] = .optional(w.cosignature)
        o["seenAt"] = .string(Timestamp.format(millis: w.at))
        if let alarm = w.alarm { o["alarm"] = .string(alarm) }
        return .object(o)
    }

    /// Peers this node holds a fork alarm about: their statements are not to be trusted.
    public func forkedPeers() async throws -> Set<String> { try await store.forkedPeers() }
}
