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
    /// The last checked answer of each batch, for asking again with its tag (`known`). Nil asks
    /// every batch afresh.
    public let recent: RecentBatches?

    public init(
        source: any TraceSource, options: TraceOptions = TraceOptions(), verified: VerifiedStatements? = nil,
        recent: RecentBatches? = nil
    ) {
        self.source = source
        self.options = options
        self.verified = verified
        self.recent = recent
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
        /// Batches a node answered `unchanged`, taken from `recent`.
        var unchanged = 0
        /// Rounds of requests, one after the other (one per level, and one per ask for grants).
        var rounds = 0
        var deepest = 0
        var deadlineHit = false
        // The batches of each level, kept as the plan of the next walk from this lot: only from a
        // walk that asked for no onward grants and had every answer.
        let planKey = RecentBatches.PlanKey(
            reader: source.reader, node: node, lot: lotId, maxDepth: options.maxDepth, batch: options.batch)
        var plan: [[RecentBatches.Job]] = []
        var plannable = true
        var keptTree: JSONObject?
        if let kept = recent?.plan(planKey), let replayed = await replay(kept.jobs, deadline: deadline) {
            results = replayed.results
            heads = replayed.heads
            requests = kept.jobs.joined().count
            unchanged = requests
            rounds = 1
            deepest = kept.jobs.count - 1
            frontier = []
            plannable = false  // it stands as it is
            // The same lots give the same tree: the one built from them last time.
            keptTree = kept.tree
        }
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
                rounds += 1
                // Each node's answer is checked (statements verified) in its own task: in parallel.
                let walker = self
                let answers = await withTaskGroup(of: Answer.self) { group in
                    for (n, ids, tokens) in jobs { group.addTask { await walker.ask(n, ids, tokens, deadline: deadline) } }
                    var all: [Answer] = []
                    for await a in group { all.append(a) }
                    return all
                }
                for (n, ids, head, answer, reused) in answers {
                    if reused { unchanged += 1 }
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
            let first = batches(frontier, withGrants: false)
            plan.append(first.map { RecentBatches.Job(node: $0.0, lots: $0.1) })
            await fetchAll(first)
            // Lots that came back undisclosed: ask the nodes of the lots that used them for onward
            // grants (a transitive agreement upstream may then open them), and ask again with those.
            let undisclosed = frontier.filter { k in
                guard parents[k] != nil, case .lot(let o, _)? = results[k] else { return false }
                return o["materialUses"] == "undisclosed"
            }
            if !undisclosed.isEmpty, Date() < deadline {
                var asks: [String: [(via: String, lot: String, lotNode: String)]] = [:]
                for k in undisclosed { for p in parents[k] ?? [] { asks[p.node, default: []].append((p.lot, k.lot, k.node)) } }
                if !asks.isEmpty { plannable = false }
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
                rounds += 1
                for g in given {
                    guard
                        let p = CompactJWS.parts(g).dropFirst().first.flatMap({ Base64URL.decode($0) }).flatMap({
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
        var root =
            keptTree ?? tree(results: results, heads: heads, nodeFailures: nodeFailures, deadlineHit: deadlineHit, lotId: lotId, node: node)
        if plannable, !deadlineHit, nodeFailures.isEmpty, let recent { recent.put(plan: plan, tree: root, for: planKey) }
        root["stats"] = [
            "lots": .number(Double(results.count)), "levels": .number(Double(deepest + 1)), "requests": .number(Double(requests)),
            "unchanged": .number(Double(unchanged)), "rounds": .number(Double(rounds)),
            "elapsedMs": .number((Date().timeIntervalSince(started) * 1000).rounded()),
            "deadlineMs": .number((options.timeout * 1000).rounded()),
        ]
        return .object(root)
    }

    /// The answer's tree from the lots found, with whether it is complete, the tree heads the
    /// proofs lead to and the nodes that could not be reached (all but the walk's statistics).
    func tree(
        results: [Key: Fetched], heads: [String: [Int64: TreeHead]], nodeFailures: [String: String], deadlineHit: Bool,
        lotId: String, node: String
    ) -> JSONObject {
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
        return root
    }

    typealias Answer = (String, [String], TreeHead?, Result<[Fetched], Error>, reused: Bool)

    /// One batch of lots of node `n`, checked. Asked with the tag of the answer kept in `recent`
    /// when there is one: if the node says it is unchanged (under a head of the same tree, size and
    /// root), the kept lots are the answer (`reused`).
    func ask(_ n: String, _ ids: [String], _ tokens: [String], deadline: Date) async -> Answer {
        do {
            let key = RecentBatches.Key(reader: source.reader, node: n, lots: ids, onward: tokens)
            let kept = recent?.get(key)
            var batch = try await Self.fetch(source, node: n, lotIds: ids, onward: tokens, known: kept?.tag, deadline: deadline)
            var head = batch.treeHead.flatMap { trusted($0, node: n) }
            if batch.unchanged {
                if let kept, let head, head.size == kept.head.size, head.root == kept.head.root {
                    return (n, ids, head, .success(kept.checked), true)
                }
                recent?.remove(key)
                batch = try await Self.fetch(source, node: n, lotIds: ids, onward: tokens, known: nil, deadline: deadline)
                head = batch.treeHead.flatMap { trusted($0, node: n) }
                guard !batch.unchanged else { throw BadAnswer(node: n) }
            }
            var byId: [String: JSONObject] = [:]
            for l in batch.lots { if let o = l.objectValue, let id = o["lotId"]?.stringValue { byId[id] = o } }
            let checked = ids.map { check(byId[$0], lotId: $0, node: n, head: head) }
            if let head, let tag = batch.tag, checked.allSatisfy({ if case .lot = $0 { true } else { false } }) {
                recent?.put(key, RecentBatches.Entry(head: head, tag: tag, checked: checked))
            }
            return (n, ids, head, .success(checked), false)
        } catch {
            return (n, ids, nil, .failure(error), false)
        }
    }

    /// The last walk from the same lot, asked again all at once: every batch of every level in
    /// parallel, each with the tag of its kept answer. When every node says unchanged, the lots
    /// are the last walk's and so are the levels (each level's lots follow from the one above), so
    /// the walk is done in one round trip. Otherwise nil, and the walk goes level by level (the
    /// answers that came back in full are kept, so it asks them once more only with their new tags).
    func replay(_ plan: [[RecentBatches.Job]], deadline: Date) async -> (results: [Key: Fetched], heads: [String: [Int64: TreeHead]])? {
        guard let recent else { return nil }
        let jobs = plan.joined()
        for j in jobs where recent.get(RecentBatches.Key(reader: source.reader, node: j.node, lots: j.lots, onward: [])) == nil {
            return nil
        }
        let walker = self
        let answers = await withTaskGroup(of: Answer.self) { group in
            for j in jobs { group.addTask { await walker.ask(j.node, j.lots, [], deadline: deadline) } }
            var all: [Answer] = []
            for await a in group { all.append(a) }
            return all
        }
        var results: [Key: Fetched] = [:]
        var heads: [String: [Int64: TreeHead]] = [:]
        for (n, ids, head, answer, reused) in answers {
            guard reused, let head, case .success(let checked) = answer else { return nil }
            heads[n, default: [:]][head.size] = head
            for (id, f) in zip(ids, checked) { results[Key(node: n, lot: id)] = f }
        }
        return (results, heads)
    }

    /// The walk's deadline passed before a node answered.
    public struct DeadlinePassed: Error, CustomStringConvertible {
        public var node: String
        public var description: String { "no answer from node \(node) before the trace deadline" }
    }

    /// A node answered `unchanged` to a batch asked afresh.
    public struct BadAnswer: Error, CustomStringConvertible {
        public var node: String
        public var description: String { "node \(node) answered a batch asked afresh as unchanged" }
    }

    /// The source's answer, or `DeadlinePassed` at the deadline even if the source is still busy
    /// (a blocked request then ends on its own timeout, without holding up the walk).
    static func fetch(
        _ source: any TraceSource, node: String, lotIds: [String], onward: [String], known: String?, deadline: Date
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
                do {
                    once.resume(
                        .success(try await source.fetch(node: node, lotIds: lotIds, onward: onward, known: known, deadline: deadline)))
                } catch {
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
