import CTNModel
import Foundation

/// The v3.0 ListFootprints filters: values of one parameter are ORed, parameters ANDed; matching
/// is case-insensitive; an empty value is no filter; a value that matches nothing gives nothing.
public enum PACTFilter {
    public static func matches(_ f: JSONValue, query: [(String, String)]) -> Bool {
        var groups: [String: [String]] = [:]
        for (key, value) in query where !value.isEmpty { groups[key, default: []].append(value) }
        for (key, values) in groups {
            let lower = values.map { $0.lowercased() }
            switch key {
            case "productId": if !any(f["productIds"], lower) { return false }
            case "companyId": if !any(f["companyIds"], lower) { return false }
            case "classification": if !any(f["productClassifications"], lower) { return false }
            case "geography":
                let pcf = f["pcf"]
                let own = ["geographyRegionOrSubregion", "geographyCountry", "geographyCountrySubdivision"].compactMap {
                    pcf?[$0]?.stringValue?.lowercased()
                }
                if !lower.contains(where: own.contains) { return false }
            case "status": if !lower.contains(f["status"]?.stringValue?.lowercased() ?? "") { return false }
            case "validOn", "validAfter", "validBefore":
                guard let start = f["validityPeriodStart"]?.stringValue.flatMap(Timestamp.parseMillis),
                    let end = f["validityPeriodEnd"]?.stringValue.flatMap(Timestamp.parseMillis)
                else { return false }
                let times = values.compactMap(Timestamp.parseMillis)
                guard !times.isEmpty else { return false }
                let ok = times.contains { t in
                    key == "validOn" ? (start <= t && t <= end) : key == "validAfter" ? start > t : end < t
                }
                if !ok { return false }
            default: continue
            }
        }
        return true
    }

    static func any(_ list: JSONValue?, _ wanted: [String]) -> Bool {
        (list?.arrayValue ?? []).contains { item in wanted.contains(item.stringValue?.lowercased() ?? "\u{0}") }
    }
}
