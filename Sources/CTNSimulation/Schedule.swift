/// What a simulation made: every machine's timeline as segments of one state (and the lot that
/// caused it), and every lot's release, first start and completion. Segments are wall-clock
/// intervals: the part of one that falls outside the shifts counts as off.
public struct Schedule: Sendable {
    /// [start, end) ticks in one state; `order` is the lot that caused it, or -1.
    public struct Segment: Sendable, Equatable {
        public var start: Int64
        public var end: Int64
        public var state: MachineState
        public var order: Int32
        public init(start: Int64, end: Int64, state: MachineState, order: Int32) {
            self.start = start
            self.end = end
            self.state = state
            self.order = order
        }
    }

    /// A lot's times: released (false when after the horizon), when work on it began, when it was done (nil: not in the horizon).
    public struct LotTimes: Sendable, Equatable {
        public var released: Bool
        public var start: Int64?
        public var end: Int64?
    }

    public var machines: [[Segment]]
    public var lots: [LotTimes]
    public var horizon: Int64
    public var calendar: ShiftCalendar
    /// Events the kernel processed.
    public var events: Int

    /// Ticks of machine `m` in each state (indexed by `MachineState.rawValue`) within [from, to).
    public func ticks(machine m: Int, from: Int64 = 0, to: Int64? = nil) -> [Int64] {
        let to = to ?? horizon
        var t = [Int64](repeating: 0, count: MachineState.allCases.count)
        // Segments follow each other in time: find the first that ends after `from`.
        let segments = machines[m]
        var low = 0
        var high = segments.count
        while low < high {
            let mid = (low + high) / 2
            if segments[mid].end <= from { low = mid + 1 } else { high = mid }
        }
        for s in segments[low...] {
            guard s.start < to else { break }
            let a = max(s.start, from)
            let b = min(s.end, to)
            let on = s.state == .off ? 0 : calendar.onTicks(a, b)
            t[s.state.rawValue] += on
            t[MachineState.off.rawValue] += (b - a) - on
        }
        return t
    }

    /// The attributed ticks (busy, setup, warm-up, on-shift) of each lot on machine `m`: lot → state ticks.
    public func lotTicks(machine m: Int) -> [Int32: [Int64]] {
        var out: [Int32: [Int64]] = [:]
        for s in machines[m] where s.order >= 0 && s.state.isAttributed {
            out[s.order, default: [Int64](repeating: 0, count: MachineState.allCases.count)][s.state.rawValue] +=
                calendar.onTicks(s.start, s.end)
        }
        return out
    }
}
