import CTNLedger
import CTNModel
import Crypto
import Foundation

/// Walks a carbon chain from one lot to its material lots, level by level, across nodes: the lots
/// of one level are asked of their nodes together (one request per node and batch, all in
/// parallel), each lot once however often it is reached, every statement verified with its node's
/// key: through the log proof each statement comes with, under its node's signed tree head (one
/// signature per node and answer, a few SHA-256 per lot), or by its own signature where a
/// statement has no proof. What a node did not disclose shows as "undisclosed", what could not be had as
/// "unreachable" with the reason; cycles and lots past the depth limit are cut, never followed.
public struct TraceWalker: Sendable {
    public let source: any TraceSource
    public let options: TraceOptions
    /// Statements already verified (by this node, with the same key): a warm walk skips the
    /// signature checks. Nil verifies every time.
    public let verified: VerifiedStatements?

    public init(source: any TraceSource, options: TraceOptions = TraceOptions(), verified: VerifiedStatements? = nil) {
        self.source = source
        self.options = options
        self.verified = verified
    }

    struct Key: Hashable, Sendable {
        var node: String
        var lot: String
    }

    enum Fetched: Sendable {
        case lot(JSONObject, StatementClaims?)
        case missing(String)
    }

    public func walk(lotId: String, node: String) async -> JSONValue {
        let started = Date()
        let deadline = started.addingTimeInterval(options.timeout)
        var results: [Key: Fetched] = [:]
        var onward: [Key: [String]] = [:]
        /// Where each lot was reached from: the lot that used it.
        var parents: [Key: [Key]] = [:]
        var nodeFailures: [String: String] = [:]
        /// The verified tree heads each node answered with, by size.
        var heads: [String: [Int64: TreeHead]] = [:]
        var frontier = [Key(node: node, lot: lotId)]
        var depth = 0
        var requests = 0
        var deepest = 0
        var deadlineHit = false
        while !frontier.isEmpty {
            deepest = depth
            if Date() >= deadline {
                deadlineHit = true
                break
            }
            // First without onward grants; lots that come back undisclosed and have grants are asked
            // again with them (most breakdowns are open without: their checks are spared).
            func batches(_ keys: [Key], withGrants: Bool) -> [(String, [String], [String])] {
                var jobs: [(String, [String], [String])] = []
                for (n, group) in Dictionary(grouping: keys, by: \.node).sorted(by: { $0.key < $1.key }) {
                    for start in stride(from: 0, to: group.count, by: options.batch) {
                        let part = group[start..<min(group.count, start + options.batch)]
                        jobs.append((n, part.map(\.lot), withGrants ? part.flatMap { onward[$0] ?? [] } : []))
                    }
                }
                return jobs
            }
            func fetchAll(_ jobs: [(String, [String], [String])]) async {
                requests += jobs.count
                // Each node's answer is checked (statements verified) in its own task: in parallel.
                let walker = self
                typealias Answer = (String, [String], TreeHead?, Result<[Fetched], Error>)
                let answers = await withTaskGroup(of: Answer.self) { group in
                    for (n, ids, tokens) in jobs {
                        group.addTask {
                            do {
                                let batch = try await Self.fetch(walker.source, node: n, lotIds: ids, onward: tokens, deadline: deadline)
                                let head = batch.treeHead.flatMap { walker.trusted($0, node: n) }
                                var byId: [String: JSONObject] = [:]
                                for l in batch.lots { if let o = l.objectValue, let id = o["lotId"]?.stringValue { byId[id] = o } }
                                return (n, ids, head, .success(ids.map { walker.check(byId[$0], lotId: $0, node: n, head: head) }))
                            } catch {
                                return (n, ids, nil, .failure(error))
                            }
                        }
                    }
                    var all: [Answer] = []
                    for await a in group { all.append(a) }
                    return all
                }
                for (n, ids, head, answer) in answers {
                    if let head { heads[n, default: [:]][head.size] = head }
                    switch answer {
                    case .failure(let e):
                        // A failed second ask (with grants) keeps what the first one gave.
                        let reason = String(describing: e)
                        for id in ids where results[Key(node: n, lot: id)] == nil {
                            nodeFailures[n] = reason
                            results[Key(node: n, lot: id)] = .missing(reason)
                        }
                    case .success(let checked):
                        for (id, f) in zip(ids, checked) { results[Key(node: n, lot: id)] = f }
                    }
                }
            }
            await fetchAll(batches(frontier, withGrants: false))
            // Lots that came back undisclosed: ask the nodes of the lots that used them for onward
            // grants (a transitive agreement upstream may then open them), and ask again with those.
            let undisclosed = frontier.filter { k in
                guard parents[k] != nil, case .lot(let o, _)? = results[k] else { return false }
                return o["materialUses"] == "undisclosed"
            }
            if !undisclosed.isEmpty, Date() < deadline {
                var asks: [String: [(via: String, lot: String, lotNode: String)]] = [:]
                for k in undisclosed { for p in parents[k] ?? [] { asks[p.node, default: []].append((p.lot, k.lot, k.node)) } }
                let source = self.source
                let given = await withTaskGroup(of: [String].self) { group in
                    for (n, uses) in asks {
                        group.addTask { (try? await source.onward(node: n, uses: uses, deadline: deadline)) ?? [] }
                    }
                    var all: [String] = []
                    for await g in group { all += g }
                    return all
                }
                requests += asks.count
                for g in given {
                    guard
                        let p = g.split(separator: ".").dropFirst().first.flatMap({ Base64URL.decode($0) }).flatMap({
                            try? JSONParser.parse($0)
                        }),
                        let lot = p["lot"]?.stringValue, let n = p["node"]?.stringValue
                    else { continue }
                    onward[Key(node: n, lot: lot), default: []].append(g)
                }
                let retry = undisclosed.filter { onward[$0] != nil }
                if !retry.isEmpty { await fetchAll(batches(retry, withGrants: true)) }
            }

            // The next level: material lots not seen yet.
            var next: [Key] = []
            var queued = Set<Key>()
            if depth < options.maxDepth {
                for k in frontier {
                    guard case .lot(let o, _)? = results[k], let uses = o["materialUses"]?.arrayValue else { continue }
                    for u in uses {
                        guard let m = u["materialLotId"]?.stringValue else { continue }
                        let child = Key(node: u["node"]?.stringValue ?? k.node, lot: m)
                        if results[child] == nil { parents[child, default: []].append(k) }
                        if results[child] == nil, queued.insert(child).inserted { next.append(child) }
                    }
                }
            }
            frontier = next
            depth += 1
        }
        var builder = TreeBuilder(
            results: results, maxDepth: options.maxDepth, maxOutput: options.maxOutputLots,
            deadlineHit: deadlineHit)
        var path = Set<Key>()
        var root = builder.build(Key(node: node, lot: lotId), use: nil, path: &path, depth: 0).objectValue ?? JSONObject()
        for (n, reason) in nodeFailures where builder.unreachable[n] == nil { builder.unreachable[n] = reason }
        root["complete"] = .bool(builder.complete)
        // The heads the statements' log proofs lead to: with them, the answer verifies offline.
        if !heads.isEmpty {
            root["treeHeads"] = .array(
                heads.keys.sorted().flatMap { n in (heads[n] ?? [:]).keys.sorted().compactMap { heads[n]?[$0]?.json } })
        }
        root["unreachable"] = .array(
            builder.unreachable.keys.sorted().map { ["node": .string($0), "reason": .string(builder.unreachable[$0] ?? "")] })
        root["stats"] = [
            "lots": .number(Double(results.count)), "levels": .number(Double(deepest + 1)), "requests": .number(Double(requests)),
            "elapsedMs": .number((Date().timeIntervalSince(started) * 1000).rounded()),
            "deadlineMs": .number((options.timeout * 1000).rounded()),
        ]
        return .object(root)
    }

    /// The walk's deadline passed before a node answered.
    public struct DeadlinePassed: Error, CustomStringConvertible {
        public var node: String
        public var description: String { "no answer from node \(node) before the trace deadline" }
    }

    /// The source's answer, or `DeadlinePassed` at the deadline even if the source is still busy
    /// (a blocked request then ends on its own timeout, without holding up the walk).
    static func fetch(
        _ source: any TraceSource, node: String, lotIds: [String], onward: [String], deadline: Date
    ) async throws -> TraceBatch {
        let once = Once()
        return try await withCheckedThrowingContinuation { (c: CheckedContinuation<TraceBatch, Error>) in
            once.set(c)
            let timer = Task {
                let wait = deadline.timeIntervalSinceNow
                if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
                once.resume(.failure(DeadlinePassed(node: node)))
            }
            Task {
                do { once.resume(.success(try await source.fetch(node: node, lotIds: lotIds, onward: onward, deadline: deadline))) } catch {
                    once.resume(.failure(error))
                }
                timer.cancel()
            }
        }
    }

    /// `head` if it is `node`'s and signed with its key (checked once per head and key).
    func trusted(_ head: TreeHead, node: String) -> TreeHead? {
        guard head.nodeId == node, let key = source.publicKey(node: node) else { return nil }
        if verified?.knows(head, key: key) == true { return head }
        guard head.verify(key) else { return nil }
        verified?.remember(head, key: key)
        return head
    }

    /// A lot as its node answered: found, and with a statement that verifies with the node's key:
    /// through its log proof under `head` (the node's verified tree head) when it has one, else
    /// by its signature.
    func check(_ answer: JSONObject?, lotId: String, node: String, head: TreeHead? = nil) -> Fetched {
        guard var o = answer else { return .missing("node \(node) did not answer for lot \(lotId)") }
        guard o["found"] == .bool(true) else { return .missing("lot \(lotId) is not known on node \(node)") }
        guard let jws = o["statement"]?.stringValue else { return .lot(o, nil) }  // not completed: no statement yet
        guard let key = source.publicKey(node: node) else { return .missing("node \(node) is not in the peer directory") }
        // A proof is passed on only once it has led to the node's verified head.
        let given = o["logProof"]
        o["logProof"] = nil
        let cacheKey = node + " " + jws
        if let hit = verified?.get(cacheKey, key: key), hit.lotId == lotId, hit.nodeId == node {
            guard let head, let given else { return .lot(o, hit) }
            // The same proof to the same head as last time: checked then (a warm walk hashes nothing).
            if verified?.proven(cacheKey, head: head, proof: given) == true {
                o["logProof"] = given
            } else if let proof = LogProof(json: given), hit.logLeaf == proof.leaf, LotStatement.isLeaf(jws, proof: proof, head: head) {
                o["logProof"] = given
                verified?.prove(cacheKey, head: head, proof: given)
            }
            return .lot(o, hit)
        }
        do {
            let claims: StatementClaims
            if let head, let given, let proof = LogProof(json: given) {
                claims = try StatementClaims.verifyLogged(jws, proof: proof, head: head, lotId: lotId, nodeId: node)
                o["logProof"] = given
                verified?.prove(cacheKey, head: head, proof: given)
            } else {
                claims = try StatementClaims.verify(jws, publicKey: key, lotId: lotId, nodeId: node)
            }
            verified?.put(cacheKey, key: key, claims)
            return .lot(o, claims)
        } catch {
            return .missing("statement of lot \(lotId) refused: \(error)")
        }
    }
}
