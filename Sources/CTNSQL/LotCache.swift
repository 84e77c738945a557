import CTNStore
import Synchronization

/// Lots as last committed, for reads that need no transaction. Entries are dropped when a commit
/// touches them; a reader only fills the cache if no commit happened while it read the database.
package final class LotCache: Sendable {
    package init() {}

    private struct State {
        var entries: [String: LotRecord] = [:]
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())
    static let capacity = 200_000

    package var generation: UInt64 { state.withLock { $0.generation } }

    package func get(_ id: String) -> LotRecord? {
        state.withLock { $0.entries[id] }
    }

    package func put(_ lot: LotRecord, ifGeneration g: UInt64) {
        state.withLock { s in
            guard g == s.generation else { return }
            if s.entries.count >= Self.capacity { s.entries.removeAll(keepingCapacity: true) }
            s.entries[lot.lotId] = lot
        }
    }

    /// One lock for the whole list: called once per committed batch.
    package func invalidate(_ ids: [String]) {
        guard !ids.isEmpty else { return }
        state.withLock { s in
            s.generation &+= 1
            for id in ids { s.entries[id] = nil }
        }
    }
}
