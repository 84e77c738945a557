/// Masses in whole grams: sums and differences of pools are exact, and a tonne is 10⁶ of them
/// (the largest mass a contract takes, 10¹² t, still fits an `Int64`).
public enum Grams {
    /// Grams of `kilograms`, to the nearest gram (halves away from zero); nil beyond ±9 × 10¹⁵ g.
    public static func of(kilograms: Double) -> Int64? {
        let g = (kilograms * 1000).rounded(.toNearestOrAwayFromZero)
        guard g.isFinite, abs(g) <= 9e15 else { return nil }
        return Int64(g)
    }

    /// The largest mass a pool may hold: 9 × 10¹⁵ g (9 billion tonnes), far below `Int64.max`, so
    /// that no sum of a pool's movements can overflow.
    public static let poolLimit: Int64 = 9_000_000_000_000_000

    /// `grams` as a whole number, rounded and clamped to ±`Int64.max` (never traps, even on NaN: 0).
    public static func clamped(_ grams: Double) -> Int64 {
        guard grams.isFinite else { return 0 }
        let r = grams.rounded()
        if r >= 9.2e18 { return Int64.max }
        if r <= -9.2e18 { return Int64.min + 1 }
        return Int64(r)
    }

    /// Kilograms of `grams` (exact for every mass a pool holds: below 2⁵³ g).
    public static func kilograms(_ grams: Int64) -> Double { Double(grams) / 1000 }

    /// `grams × factor`, rounded down to the gram: a certified credit is never more than the
    /// certified input times the factor.
    public static func scaled(_ grams: Int64, by factor: Double) -> Int64 {
        let v = (Double(grams) * factor).rounded(.down)
        return v.isFinite ? Int64(max(min(v, 9e15), -9e15)) : 0
    }
}
