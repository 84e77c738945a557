/// The bare event list, as a benchmark's baseline: `events` events through a heap that holds
/// `pending` at a time, each one taken and another scheduled, with no model behind them.
public enum EventListDrill {
    /// Returns the number of events processed.
    public static func run(events: Int, pending: Int) -> Int {
        var q = EventQueue<Int32>(capacity: pending)
        for i in 0..<pending { q.schedule(Int32(i), at: Int64(i &* 7919 % 40_000)) }
        var scheduled = pending
        while let e = q.pop() {
            if scheduled < events {
                q.schedule(e.payload, at: e.time + Int64(1 + scheduled % 97), priority: Int32(scheduled % 3))
                scheduled += 1
            }
        }
        return q.processed
    }
}
