/// Countries whose goods CBAM does not cover: the EU member states, and the countries of Annex
/// III of Regulation (EU) 2023/956 that take part in the EU ETS or have an ETS linked with it
/// (Iceland, Liechtenstein, Norway, Switzerland). A precursor from one of them counts zero.
public enum CBAMOrigin {
    public static let eu: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT",
        "RO", "SK", "SI", "ES", "SE",
    ]
    public static let exempt: Set<String> = ["IS", "LI", "NO", "CH"]

    /// Whether a precursor from `country` (ISO 3166 alpha-2) carries no embedded emissions under CBAM.
    public static func countsZero(_ country: String) -> Bool {
        let c = country.uppercased()
        return eu.contains(c) || exempt.contains(c)
    }
}
