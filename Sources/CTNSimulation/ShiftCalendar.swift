/// When the plant works: windows of a repeating cycle (a day by default). Outside them machines are
/// off, and work in progress pauses until the next window. No windows: always on.
public struct ShiftCalendar: Sendable, Equatable {
    /// One window, [start, end) ticks into the cycle.
    public struct Window: Sendable, Equatable {
        public var start: Int64
        public var end: Int64
        public init(start: Int64, end: Int64) {
            self.start = start
            self.end = end
        }
    }

    public let cycle: Int64
    public let windows: [Window]
    private let onPerCycle: Int64

    public static let alwaysOn = ShiftCalendar(cycle: 1, windows: [])

    /// Windows must be sorted, disjoint and inside the cycle; the caller checks them.
    public init(cycle: Int64, windows: [Window]) {
        self.cycle = max(cycle, 1)
        self.windows = windows
        onPerCycle = windows.reduce(0) { $0 + ($1.end - $1.start) }
    }

    public var isAlwaysOn: Bool { windows.isEmpty }

    /// A time after every horizon (work that would end later ends here).
    public static let never = Int64.max / 4

    /// On-time in [0, x).
    func onBefore(_ x: Int64) -> Int64 {
        if isAlwaysOn { return x }
        let (q, r) = x.quotientAndRemainder(dividingBy: cycle)
        var partial: Int64 = 0
        for w in windows where r > w.start { partial += min(r, w.end) - w.start }
        return q * onPerCycle + partial
    }

    /// On-time in [a, b).
    public func onTicks(_ a: Int64, _ b: Int64) -> Int64 { b <= a ? 0 : onBefore(b) - onBefore(a) }

    /// When `work` ticks of on-time that start at `t` end.
    public func advance(_ t: Int64, by work: Int64) -> Int64 {
        if work <= 0 { return t }
        if isAlwaysOn { return t + work }
        let y = onBefore(t) + work
        let (q, r) = y.quotientAndRemainder(dividingBy: onPerCycle)
        // Work that ends beyond any horizon (tiny windows, long work) ends "never".
        let (base, overflow) = q.multipliedReportingOverflow(by: cycle)
        guard !overflow, base < Self.never else { return Self.never }
        if r == 0, let last = windows.last { return base - cycle + last.end }
        var acc: Int64 = 0
        for w in windows {
            let length = w.end - w.start
            if r <= acc + length { return base + w.start + (r - acc) }
            acc += length
        }
        return base + cycle
    }

    /// The first on tick at or after `t`.
    public func nextOn(_ t: Int64) -> Int64 {
        if isAlwaysOn { return t }
        let base = t - t % cycle
        let r = t % cycle
        for w in windows where r < w.end { return base + max(r, w.start) }
        return base + cycle + (windows.first?.start ?? 0)
    }
}
