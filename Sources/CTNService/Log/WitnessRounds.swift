import CTNModel
import Synchronization

/// The outcome of the latest witnessing round, per peer (shown with the witnessed heads, so that an
/// operator sees a peer that cannot be reached or answers nothing readable).
final class WitnessRounds: Sendable {
    private let last = Mutex<[String: JSONValue]>([:])

    func record(_ results: [JSONValue]) {
        last.withLock { map in for r in results { if let p = r["peer"]?.stringValue { map[p] = r } } }
    }

    var latest: [JSONValue] { last.withLock { map in map.keys.sorted().compactMap { map[$0] } } }
}
