/// Where a PACT material's CO2 came from, as its use records it: `pact:<supplier>:<footprint>:v<version>`.
struct PACTSource {
    var supplier: String
    var footprintId: String
    var version: Int64

    init?(_ text: String?) {
        guard let text, text.hasPrefix("pact:") else { return nil }
        let parts = text.split(separator: ":").map(String.init)
        guard parts.count == 4, parts[3].hasPrefix("v"), let v = Int64(parts[3].dropFirst()) else { return nil }
        supplier = parts[1]
        footprintId = parts[2]
        version = v
    }
}
