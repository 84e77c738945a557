/// The CBAM goods categories of Annex I of Regulation (EU) 2023/956, found from a good's CN code,
/// and which of them count indirect emissions in the definitive period (from 2026).
public enum CBAMCategory: String, Sendable, CaseIterable {
    case cement
    case electricity
    case fertilisers
    case ironAndSteel = "iron-and-steel"
    case aluminium
    case hydrogen

    /// CN code prefixes (digits only) of each category. Iron and steel is chapter 72 but for
    /// ferro-alloys other than 7202 1x/4x/6x and scrap (7204), plus agglomerated ore and the
    /// articles of 73 that Annex I names.
    static let prefixes: [(CBAMCategory, [String])] = [
        (.cement, ["25070080", "252310", "252321", "252329", "252330", "252390"]),
        (.electricity, ["27160000"]),
        (.fertilisers, ["28080000", "2814", "28342100", "3102", "3105"]),
        (.hydrogen, ["28041000"]),
        (
            .ironAndSteel,
            [
                "26011200", "7201", "72021", "72024", "72026", "7203", "7205", "7206", "7207", "7208", "7209", "7210", "7211", "7212",
                "7213", "7214", "7215", "7216", "7217", "7218", "7219", "7220", "7221", "7222", "7223", "7224", "7225", "7226", "7227",
                "7228", "7229", "7301", "7302", "7303", "7304", "7305", "7306", "7307", "7308", "7309", "7310", "7311", "7318", "7326",
            ]
        ),
        (
            .aluminium,
            ["7601", "7603", "7604", "7605", "7606", "7607", "7608", "7609", "7610", "7611", "7612", "7613", "7614", "7616"]
        ),
    ]

    /// The category of a CN code (spaces allowed: `7208 10 00`), or nil for a good CBAM does not cover.
    public static func of(cn: String) -> CBAMCategory? {
        let digits = cn.filter(\.isNumber)
        guard digits.count >= 4, digits.count <= 8, digits.count == cn.filter({ $0 != " " }).count else { return nil }
        if digits == "31056000" { return nil }
        // The longest prefix wins; a code shorter than a prefix matches when the prefix starts with it
        // only if the whole heading is covered (it is not, for 7202 and 2523).
        for (category, list) in prefixes where list.contains(where: { digits.hasPrefix($0) }) { return category }
        return nil
    }

    /// Whether the CBAM total of a good of this category counts its indirect emissions (definitive period).
    public func countsIndirect(cn: String) -> Bool {
        switch self {
        case .cement, .fertilisers: return true
        case .ironAndSteel: return cn.filter(\.isNumber).hasPrefix("26011200")
        case .electricity, .aluminium, .hydrogen: return false
        }
    }
}
