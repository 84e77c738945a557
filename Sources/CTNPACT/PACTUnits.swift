/// A lot's declared unit as a PACT declared unit, with the amount of it one CTN unit is.
public enum PACTUnits {
    /// (PACT unit, CTN units per PACT unit): a lot in grams is stated per kilogram (1,000 g).
    public static func declared(_ unit: String, version: Int) -> (unit: String, perUnit: Double)? {
        switch unit {
        case "kg": ("kilogram", 1)
        case "g": ("kilogram", 1000)
        case "t": ("kilogram", 0.001)
        case "L": ("liter", 1)
        case "kL": ("cubic meter", 1)
        case "m3": ("cubic meter", 1)
        case "kWh": ("kilowatt hour", 1)
        case "Wh": ("kilowatt hour", 1000)
        case "MWh": ("kilowatt hour", 0.001)
        case "MJ": ("megajoule", 1)
        case "kJ": ("megajoule", 1000)
        case "GJ": ("megajoule", 0.001)
        case "m2": ("square meter", 1)
        case "piece" where version >= 3: ("piece", 1)
        case "dozen" where version >= 3: ("piece", 1.0 / 12)
        case "h" where version >= 3: ("hour", 1)
        default: nil
        }
    }

    /// The CTN unit a supplier's PACT declared unit is taken in (one PACT unit = one of it).
    public static func ctnUnit(_ pactUnit: String) -> String? {
        [
            "kilogram": "kg", "liter": "L", "cubic meter": "m3", "kilowatt hour": "kWh", "megajoule": "MJ", "square meter": "m2",
            "piece": "piece",
        ][
            pactUnit]
    }
}
