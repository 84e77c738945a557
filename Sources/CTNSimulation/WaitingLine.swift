/// The lots waiting at one machine, taken by the dispatch rule: a binary min-heap on (key, arrival),
/// so that FIFO (key 0), SPT and EDD all take O(log n) per lot and ties go to the earlier arrival.
struct WaitingLine: Sendable {
    private var heap: [(key: Int64, arrival: Int64, lot: Int32)] = []
    private var arrivals: Int64 = 0

    var count: Int { heap.count }

    @inline(__always) private static func less(
        _ a: (key: Int64, arrival: Int64, lot: Int32), _ b: (key: Int64, arrival: Int64, lot: Int32)
    ) -> Bool {
        a.key != b.key ? a.key < b.key : a.arrival < b.arrival
    }

    mutating func add(_ lot: Int32, key: Int64) {
        heap.append((key, arrivals, lot))
        arrivals += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.less(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func take() -> Int32? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { break }
                var best = left
                if left + 1 < heap.count, Self.less(heap[left + 1], heap[left]) { best = left + 1 }
                guard Self.less(heap[best], heap[parent]) else { break }
                heap.swapAt(best, parent)
                parent = best
            }
        }
        return first.lot
    }
}
