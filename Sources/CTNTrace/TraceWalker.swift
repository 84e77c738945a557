import CTNLedger
import CTNModel
import Crypto
import Foundation

/// Where a trace gets its lots from. `fetch` answers, for lots held on `node`, what that node
/// discloses to the business on whose behalf the trace runs (the shape of
/// `ContractService.disclose`); it throws when the node cannot be asked or does not answer.
public protocol TraceSource: Sendable {
    /// `onward`: the onward grants that came with the material uses leading to these lots (they may
    /// open breakdowns that an owner passed on transitively).
    func fetch(node: String, lotIds: [String], onward: [String], deadline: Date) async throws -> [JSONValue]
    /// The key that signs `node`'s statements, or nil for a node we do not know.
    func publicKey(node: String) -> Curve25519.Signing.PublicKey?
    /// Asks `node` for onward grants: for each use, lot `via` of that node used `lot` of `lotNode`.
    /// Returns the grants it gave (JWS).
    func onward(node: String, uses: [(via: String, lot: String, lotNode: String)], deadline: Date) async throws -> [String]
}

extension TraceSource {
    public func onward(node: String, uses: [(via: String, lot: String, lotNode: String)], deadline: Date) async throws -> [String] { [] }
}

public struct TraceOptions: Sendable {
    /// Levels below the traced lot that are followed; deeper lots are reported as cut.
    public var maxDepth = 50
    /// The whole walk ends by then, with what it has.
    public var timeout: TimeInterval = 10
    /// Lots asked of one node in one request.
    public var batch = 256
    /// Lot objects written into one answer; further repetitions of shared lots are cut.
    public var maxOutputLots = 100_000
    public init() {}
    public static let maxDepthLimit = 50
}

/// Walks a carbon chain from one lot to its material lots, level by level, across nodes: the lots
/// of one level are asked of their nodes together (one request per node and batch, all in
/// parallel), each lot once however often it is reached, every statement verified with its node's
/// key. What a node did not disclose shows as "undisclosed", what could not be had as
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
        var frontier = [Key(node: node, lot: lotId)]
        var depth = 0, requests = 0, deepest = 0
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
                let answers = await withTaskGroup(of: (String, [String], Result<[Fetched], Error>).self) { group in
                    for (n, ids, tokens) in jobs {
                        group.addTask {
                            do {
                                let lots = try await Self.fetch(walker.source, node: n, lotIds: ids, onward: tokens, deadline: deadline)
                                var byId: [String: JSONObject] = [:]
                                for l in lots { if let o = l.objectValue, let id = o["lotId"]?.stringValue { byId[id] = o } }
                                return (n, ids, .success(ids.map { walker.check(byId[$0], lotId: $0, node: n) }))
                            } catch {
                                return (n, ids, .failure(error))
                            }
                        }
                    }
                    var all: [(String, [String], Result<[Fetched], Error>)] = []
                    for await a in group { all.append(a) }
                    return all
                }
                for (n, ids, answer) in answers {
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
                for k in undisclosed { for p in parents[k]! { asks[p.node, default: []].append((p.lot, k.lot, k.node)) } }
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
                    guard let p = g.split(separator: ".").dropFirst().first.flatMap({ Base64URL.decode(String($0)) }).flatMap({ try? JSONParser.parse($0) }),
                          let lot = p["lot"]?.stringValue, let n = p["node"]?.stringValue else { continue }
                    onward[Key(node: n, lot: lot), default: []].append(g)
                }
                let retry = undisclosed.filter { onward[$0] != nil }
                if !retry.isEmpty { await fetchAll(batches(retry, withGrants: true)) }
            }

            // The next level: material lots not seen yet.
            var next: [Key] = [], queued = Set<Key>()
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
        var builder = TreeBuilder(results: results, maxDepth: options.maxDepth, maxOutput: options.maxOutputLots,
                                  deadlineHit: deadlineHit)
        var root = builder.build(Key(node: node, lot: lotId), use: nil, path: [], depth: 0).objectValue!
        for (n, reason) in nodeFailures where builder.unreachable[n] == nil { builder.unreachable[n] = reason }
        root["complete"] = .bool(builder.complete)
        root["unreachable"] = .array(builder.unreachable.keys.sorted().map { ["node": .string($0), "reason": .string(builder.unreachable[$0]!)] })
        root["stats"] = ["lots": .number(Double(results.count)), "levels": .number(Double(deepest + 1)), "requests": .number(Double(requests)),
                         "elapsedMs": .number((Date().timeIntervalSince(started) * 1000).rounded()),
                         "deadlineMs": .number((options.timeout * 1000).rounded())]
        return .object(root)
    }

    public struct DeadlinePassed: Error, CustomStringConvertible {
        public var node: String
        public var description: String { "no answer from node \(node) before the trace deadline" }
    }

    /// The source's answer, or `DeadlinePassed` at the deadline even if the source is still busy
    /// (a blocked request then ends on its own timeout, without holding up the walk).
    static func fetch(_ source: any TraceSource, node: String, lotIds: [String], onward: [String], deadline: Date) async throws -> [JSONValue] {
        let once = Once()
        return try await withCheckedThrowingContinuation { (c: CheckedContinuation<[JSONValue], Error>) in
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

    /// A lot as its node answered: found, and with a statement that verifies with the node's key.
    func check(_ answer: JSONObject?, lotId: String, node: String) -> Fetched {
        guard let o = answer else { return .missing("node \(node) did not answer for lot \(lotId)") }
        guard o["found"] == .bool(true) else { return .missing("lot \(lotId) is not known on node \(node)") }
        guard let jws = o["statement"]?.stringValue else { return .lot(o, nil) }  // not completed: no statement yet
        guard let key = source.publicKey(node: node) else { return .missing("node \(node) is not in the peer directory") }
        let cacheKey = node + " " + jws
        if let hit = verified?.get(cacheKey, key: key), hit.lotId == lotId, hit.nodeId == node { return .lot(o, hit) }
        do {
            let claims = try StatementClaims.verify(jws, publicKey: key, lotId: lotId, nodeId: node)
            verified?.put(cacheKey, key: key, claims)
            return .lot(o, claims)
        } catch {
            return .missing("statement of lot \(lotId) refused: \(error)")
        }
    }
}

/// Statements whose signature this node has checked, with the key it checked them with.
public final class VerifiedStatements: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (key: Data, claims: StatementClaims)] = [:]
    private let capacity: Int

    public init(capacity: Int = 200_000) { self.capacity = capacity }

    func get(_ id: String, key: Curve25519.Signing.PublicKey) -> StatementClaims? {
        lock.withLock { entries[id] }.flatMap { $0.key == key.rawRepresentation ? $0.claims : nil }
    }

    /// Forgets every statement of `node` (its owner asked for deletion).
    public func removeAll(node: String) {
        lock.withLock { entries = entries.filter { !$0.key.hasPrefix(node + " ") } }
    }

    func put(_ id: String, key: Curve25519.Signing.PublicKey, _ claims: StatementClaims) {
        lock.withLock {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = (key.rawRepresentation, claims)
        }
    }
}

/// Resumes a continuation once: the first of an answer and the deadline wins.
final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<[JSONValue], Error>?

    func set(_ c: CheckedContinuation<[JSONValue], Error>) { lock.withLock { continuation = c } }

    func resume(_ r: Result<[JSONValue], Error>) {
        let c = lock.withLock { () -> CheckedContinuation<[JSONValue], Error>? in
            defer { continuation = nil }
            return continuation
        }
        c?.resume(with: r)
    }
}

/// Turns the fetched lots into the answer's tree.
struct TreeBuilder {
    typealias Key = TraceWalker.Key
    let results: [Key: TraceWalker.Fetched]
    let maxDepth: Int
    let maxOutput: Int
    let deadlineHit: Bool
    var complete = true
    var unreachable: [String: String] = [:]
    var emitted = 0

    init(results: [Key: TraceWalker.Fetched], maxDepth: Int, maxOutput: Int, deadlineHit: Bool) {
        self.results = results; self.maxDepth = maxDepth; self.maxOutput = maxOutput; self.deadlineHit = deadlineHit
    }

    mutating func build(_ k: Key, use: JSONObject?, path: Set<Key>, depth: Int) -> JSONValue {
        emitted += 1
        var o = JSONObject()
        o["lotId"] = .string(k.lot)
        o["node"] = .string(k.node)
        if let use {
            o["quantity"] = use["quantity"]
            o["unit"] = use["unit"]
            o["co2"] = use["co2"]
            o["co2PerUnitUsed"] = use["co2PerUnit"]
            if let v = use["statementVersion"] { o["statementVersionUsed"] = v }
        }
        func cut(_ kind: String, _ reason: String) -> JSONValue {
            complete = false
            o["breakdown"] = .string(kind)
            o["reason"] = .string(reason)
            return .object(o)
        }
        if path.contains(k) { return cut("cut", "cycle: lot \(k.lot) on node \(k.node) is among its own inputs") }
        guard let fetched = results[k] else {
            if depth > maxDepth { return cut("cut", "deeper than \(maxDepth) levels") }
            let reason = deadlineHit ? "the trace deadline passed before node \(k.node) was asked" : "not fetched"
            if unreachable[k.node] == nil { unreachable[k.node] = reason }
            return cut("unreachable", reason)
        }
        switch fetched {
        case .missing(let reason):
            if unreachable[k.node] == nil, !reason.hasPrefix("lot ") { unreachable[k.node] = reason }
            return cut("unreachable", reason)
        case .lot(let lot, let claims):
            o["status"] = claims.map { .string($0.status) } ?? lot["status"]
            o["declaredUnit"] = .string(claims?.declaredUnit ?? lot["declaredUnit"]?.stringValue ?? "")
            o["co2PerUnit"] = .optional(claims?.co2PerUnit)
            if let c = claims {
                o["version"] = .number(Double(c.version))
                o["statement"] = .string(c.jws)
                o["verified"] = true
                if let used = use?["statementVersion"]?.numberValue, used != Double(c.version) { o["superseded"] = true }
            }
            if let certs = lot["certificates"] { o["certificates"] = certs }
            guard let uses = lot["materialUses"]?.arrayValue else {
                o["breakdown"] = "undisclosed"
                return .object(o)
            }
            o["materialCO2"] = lot["materialCO2"]
            o["processCO2"] = lot["processCO2"]
            if let why = lot["disclosedAs"] { o["disclosedAs"] = why }
            if emitted > maxOutput { return cut("cut", "answer size limit: this lot's inputs are shown where it appeared before") }
            var inputs: [JSONValue] = []
            for u in uses {
                guard let u = u.objectValue else { continue }
                if let m = u["materialLotId"]?.stringValue {
                    inputs.append(build(Key(node: u["node"]?.stringValue ?? k.node, lot: m), use: u, path: path.union([k]), depth: depth + 1))
                } else {
                    var leaf = JSONObject()
                    leaf["category"] = u["category"]
                    leaf["quantity"] = u["quantity"]
                    leaf["unit"] = u["unit"]
                    leaf["co2"] = u["co2"]
                    leaf["co2PerUnitUsed"] = u["co2PerUnit"]
                    leaf["source"] = "dictionary"
                    inputs.append(.object(leaf))
                }
            }
            o["breakdown"] = .array(inputs)
            return .object(o)
        }
    }
}
