/// Method 4, activity data times a published default factor: E = AD × EF, in tonnes when the
/// factor is in t-CO2e per activity unit.
public enum DefaultFactor {
    public static func emissions(activity: Measured?, factor: Measured?) throws(Fallback) -> Measured {
        guard let activity, let factor else { throw Fallback("missing_data", "no activity data or default factor for the source") }
        return GUM.product([activity, factor])
    }
}
