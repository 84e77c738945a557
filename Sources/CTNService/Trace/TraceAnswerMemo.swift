import CTNStore
import Synchronization

/// What this node last answered each reader's trace batch with: the answer's tag, the tree size it
/// was made at, until when it holds (the first expiry among the agreements it rests on), and the
/// reads it logged. Every change an answer can rest on (a lot, a use, a shipment, an agreement
/// granted or revoked, a certificate) is a ledger event, so while the log has not grown past that
/// size and no agreement has run out, the same request gets the same answer: to a caller that
/// holds it (it names the tag) the node then says `unchanged`, logging the reads again, instead of
/// reading, proving and sending the lots. The tag is new with every answer, so a caller holding an
/// older answer (made before an agreement ran out, say) never has it confirmed.
/// Bounded by the reads held, emptied when full; lost on restart (the next batch is answered in full).
final class TraceAnswerMemo: Sendable {
    struct Key: Hashable, Sendable {
        var reader: String
        var lots: [String]
        var onward: [String]
    }

    struct Entry: Sendable {
        var size: Int64
        var validUntil: Int64
        var tag: String
        var reads: [UsageRecord]
    }

    /// A new tag: the tree size and 64 random bits, in hex.
    static func tag(size: Int64) -> String {
        "\(size)-" + String(UInt64.random(in: .min ... .max) | 1 << 63, radix: 16)
    }

    private let entries = Mutex<(byKey: [Key: Entry], reads: Int)>(([:], 0))
    private let capacity: Int

    init(capacity: Int = 200_000) { self.capacity = capacity }

    func get(_ key: Key) -> Entry? { entries.withLock { $0.byKey[key] } }

    func put(_ key: Key, _ entry: Entry) {
        entries.withLock { e in
            if let old = e.byKey.removeValue(forKey: key) { e.reads -= old.reads.count }
            // Every batch counts at least one, so that batches of the owner's own lots are bounded too.
            let weight = max(1, entry.reads.count)
            if e.reads + weight > capacity { e = ([:], 0) }
            e.byKey[key] = entry
            e.reads += weight
        }
    }
}
