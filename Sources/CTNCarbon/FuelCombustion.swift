/// Method 2, fuel combustion: E = AD × NCV × EF × OF, in tonnes: activity in t (or another mass
/// the caller converted), NCV in GJ/t, EF in kg-CO2/GJ, oxidation factor dimensionless.
public enum FuelCombustion {
    public static func emissions(
        activity: Measured, ncv: Measured?, ef: Measured?, oxidation: Measured = Measured(1)
    ) throws(Fallback)
        -> Measured
    {
        guard let ncv else { throw Fallback("missing_lab_value", "no net calorific value for the fuel in the period") }
        guard let ef else { throw Fallback("missing_lab_value", "no emission factor for the fuel in the period") }
        let kg = GUM.product([activity, ncv, ef, oxidation])
        return Measured(kg.value / 1000, u: kg.u)
    }
}
