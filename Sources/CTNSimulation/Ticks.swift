/// Simulated time: whole milliseconds, so that sums of durations are exact.
public enum Ticks {
    public static let perMinute: Int64 = 60_000
    public static let perHour: Int64 = 3_600_000

    /// Minutes (a stated number) as ticks, rounded to the millisecond; nil when out of range.
    public static func of(minutes: Double) -> Int64? {
        let t = (minutes * Double(perMinute)).rounded()
        guard t.isFinite, t >= 0, t <= 9e15 else { return nil }
        return Int64(t)
    }

    public static func minutes(_ t: Int64) -> Double { Double(t) / Double(perMinute) }
    public static func hours(_ t: Int64) -> Double { Double(t) / Double(perHour) }
}
