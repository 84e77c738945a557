/// The simulation's event list: a binary min-heap ordered by (time, priority, sequence). The
/// sequence is a running counter, so events of equal time and priority run in the order they were
/// scheduled and every run of the same input makes the same schedule.
public struct EventQueue<Payload: Sendable>: Sendable {
    /// One scheduled event.
    public struct Entry: Sendable {
        public var time: Int64
        public var priority: Int32
        public var sequence: UInt64
        public var payload: Payload

        @inline(__always) func precedes(_ other: Entry) -> Bool {
            if time != other.time { return time < other.time }
            if priority != other.priority { return priority < other.priority }
            return sequence < other.sequence
        }
    }

    private var heap: [Entry] = []
    private var next: UInt64 = 0
    /// Events taken from the queue so far.
    public private(set) var processed = 0

    public init(capacity: Int = 0) { heap.reserveCapacity(capacity) }

    public var isEmpty: Bool { heap.isEmpty }
    public var count: Int { heap.count }
    /// The time of the next event, if any.
    public var nextTime: Int64? { heap.first?.time }

    /// Schedules `payload` at `time`; lower priorities run first among events of one time.
    public mutating func schedule(_ payload: Payload, at time: Int64, priority: Int32 = 0) {
        heap.append(Entry(time: time, priority: priority, sequence: next, payload: payload))
        next &+= 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Takes the earliest event.
    public mutating func pop() -> Entry? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            let n = heap.count
            while true {
                let left = 2 * parent + 1
                guard left < n else { break }
                var best = left
                if left + 1 < n, heap[left + 1].precedes(heap[left]) { best = left + 1 }
                guard heap[best].precedes(heap[parent]) else { break }
                heap.swapAt(best, parent)
                parent = best
            }
        }
        processed += 1
        return first
    }
}
