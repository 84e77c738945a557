import CTNLedger
import CTNModel
import Synchronization

/// The last checked answer of each batch a walk asked, by reader, node and request: a later walk
/// sends the answer's tag (`known`), and when the node says nothing changed, the lots are
/// taken from here, already verified, instead of being sent, read and checked again. Bounded by
/// the lots held, emptied when full; a node's answers are dropped when its statements are. With
/// them, the batches and tree of each walk that asked for no onward grants, to ask again at once.
public final class RecentBatches: Sendable {
    struct Key: Hashable, Sendable {
        var reader: String
        var node: String
        var lots: [String]
        var onward: [String]
    }

    struct Entry: Sendable {
        var head: TreeHead
        var tag: String
        var checked: [TraceWalker.Fetched]
    }

    private let entries = Mutex<(byKey: [Key: Entry], lots: Int)>(([:], 0))
    private let capacity: Int

    /// `capacity`: how many lots the kept answers may hold together.
    public init(capacity: Int = 100_000) { self.capacity = capacity }

    func get(_ key: Key) -> Entry? { entries.withLock { $0.byKey[key] } }

    func put(_ key: Key, _ entry: Entry) {
        entries.withLock { e in
            if let old = e.byKey[key] { e.lots -= old.checked.count }
            if e.lots + entry.checked.count > capacity { e = ([:], 0) }
            e.byKey[key] = entry
            e.lots += entry.checked.count
        }
    }

    func remove(_ key: Key) { entries.withLock { remove(in: &$0, key) } }

    /// Forgets every answer of `node`, and every walk that reached it.
    public func removeAll(node: String) {
        entries.withLock { e in
            for key in e.byKey.keys where key.node == node { remove(in: &e, key) }
        }
        plans.withLock { p in
            for (key, plan) in p.byKey where plan.jobs.joined().contains(where: { $0.node == node }) {
                p.byKey[key] = nil
                p.lots -= plan.jobs.joined().reduce(1) { $0 + $1.lots.count }
            }
        }
    }

    private func remove(in e: inout (byKey: [Key: Entry], lots: Int), _ key: Key) {
        if let old = e.byKey.removeValue(forKey: key) { e.lots -= old.checked.count }
    }

    /// A walk that can be asked again at once: its batches, level by level, and the tree it gave.
    struct Plan: Sendable {
        var jobs: [[Job]]
        var tree: JSONObject
    }

    private let plans = Mutex<(byKey: [PlanKey: Plan], lots: Int)>(([:], 0))

    func plan(_ key: PlanKey) -> Plan? { plans.withLock { $0.byKey[key] } }

    func put(plan jobs: [[Job]], tree: JSONObject, for key: PlanKey) {
        let weight = jobs.joined().reduce(1) { $0 + $1.lots.count }
        plans.withLock { p in
            if let old = p.byKey.removeValue(forKey: key) { p.lots -= old.jobs.joined().reduce(1) { $0 + $1.lots.count } }
            if p.lots + weight > capacity { p = ([:], 0) }
            p.byKey[key] = Plan(jobs: jobs, tree: tree)
            p.lots += weight
        }
    }

    /// How many answers are kept (for tests).
    public var count: Int { entries.withLock { $0.byKey.count } }
}

extension RecentBatches {
    /// A walk's starting point and limits: the same lot walked with the same limits asks the same
    /// batches level by level while the answers stay the same.
    struct PlanKey: Hashable, Sendable {
        var reader: String
        var node: String
        var lot: String
        var maxDepth: Int
        var batch: Int
    }

    /// One batch of a level: lots of one node.
    struct Job: Hashable, Sendable {
        var node: String
        var lots: [String]
    }
}
