import CTNModel
import CTNXLSX

/// The operator's summary of a report laid out like the Commission's communication template:
/// installation data, processes, purchased precursors and the products' SEE, as a workbook and as JSON.
enum CBAMExport {
    static func text(_ v: JSONValue?) -> Workbook.Cell { v?.stringValue.map { .text($0) } ?? .empty }
    static func number(_ v: JSONValue?) -> Workbook.Cell { v?.numberValue.map { .number($0) } ?? .empty }

    static func workbook(report r: JSONValue, installation i: JSONValue) -> Workbook {
        let identity: [[Workbook.Cell]] = [
            [.text("Item"), .text("Value")],
            [.text("Installation ID"), text(r["installation"])], [.text("Name"), text(i["name"])], [.text("Address"), text(i["address"])],
            [.text("Country"), text(r["installationCountry"])], [.text("UN/LOCODE"), text(i["unlocode"])],
            [.text("Latitude of the main emission source"), number(i["latitude"])],
            [.text("Longitude of the main emission source"), number(i["longitude"])], [.text("CBAM registry ID"), text(i["registryId"])],
            [.text("Reporting period start"), text(r["period"]?["start"])], [.text("Reporting period end"), text(r["period"]?["end"])],
            [.text("Report ID"), text(r["reportId"])], [.text("Content hash (SHA-256)"), text(r["contentHash"])],
            [.text("Verified"), .text(r["verified"] == .bool(true) ? "yes" : "no")],
        ]
        var processes: [[Workbook.Cell]] = [
            [
                "Process", "Goods (CN)", "Activity level (t)", "Direct emissions (t CO2e)", "Attributed direct (t CO2e)",
                "Attributed indirect (t CO2e)", "Electricity consumed (MWh)", "Electricity factor (t CO2e/MWh)", "Embedded direct (t CO2e)",
                "Embedded indirect (t CO2e)", "Direct on default values (t CO2e)",
            ].map { Workbook.Cell.text($0) }
        ]
        let goods = r["goods"]?.arrayValue ?? []
        for p in r["processes"]?.arrayValue ?? [] {
            let cns = goods.filter { $0["process"] == p["id"] }.compactMap { $0["cn"]?.stringValue }.joined(separator: ", ")
            processes.append([
                text(p["id"]), .text(cns), number(p["activityLevel"]?["value"]), number(p["directEmissions"]?["value"]),
                number(p["attributedEmissions"]?["direct"]), number(p["attributedEmissions"]?["indirect"]),
                number(p["electricityConsumed"]?["value"]), number(p["electricityFactor"]?["value"]),
                number(p["embeddedEmissions"]?["direct"]),
                number(p["embeddedEmissions"]?["indirect"]), number(p["onDefaultValues"]?["direct"]),
            ])
        }
        var precursors: [[Workbook.Cell]] = [
            ["Process", "CN", "Country of origin", "Mass (t)", "SEE direct (t CO2e/t)", "SEE indirect (t CO2e/t)", "Values", "Why"].map {
                Workbook.Cell.text($0)
            }
        ]
        var seen = Set<String>()
        for g in goods {
            guard let process = g["process"]?.stringValue, seen.insert(process).inserted else { continue }
            for p in g["precursors"]?.arrayValue ?? [] where p["source"] != "own" {
                precursors.append([
                    .text(process), text(p["cn"]), text(p["country"]), number(p["mass"]?["value"]), number(p["see"]?["direct"]),
                    number(p["see"]?["indirect"]), text(p["source"]), text(p["reason"]),
                ])
            }
        }
        var products: [[Workbook.Cell]] = [
            [
                "Process", "CN", "Category", "SEE direct (t CO2e/t)", "SEE indirect (t CO2e/t)", "SEE counted (t CO2e/t)", "Counted",
                "Share on default values", "Data-quality tier",
            ].map { Workbook.Cell.text($0) }
        ]
        for g in goods {
            products.append([
                text(g["process"]), text(g["cn"]), text(g["category"]), number(g["see"]?["direct"]), number(g["see"]?["indirect"]),
                number(g["see"]?["counted"]), text(g["see"]?["countedIs"]), number(g["defaultShare"]), text(g["tier"]),
            ])
        }
        return Workbook(sheets: [
            Workbook.Sheet("A_InstData", rows: identity), Workbook.Sheet("D_Processes", rows: processes),
            Workbook.Sheet("E_PurchPrec", rows: precursors), Workbook.Sheet("Summary_Products", rows: products),
        ])
    }

    /// The same items as JSON.
    static func json(report r: JSONValue, installation i: JSONValue) -> JSONValue {
        [
            "installation": [
                "installationId": r["installation"] ?? .null, "name": i["name"] ?? .null, "address": i["address"] ?? .null,
                "country": r["installationCountry"] ?? .null, "unlocode": i["unlocode"] ?? .null, "latitude": i["latitude"] ?? .null,
                "longitude": i["longitude"] ?? .null, "registryId": i["registryId"] ?? .null,
            ],
            "period": r["period"] ?? .null, "reportId": r["reportId"] ?? .null, "contentHash": r["contentHash"] ?? .null,
            "verified": r["verified"] ?? .null, "verifications": r["verifications"] ?? .null, "processes": r["processes"] ?? .null,
            "goods": r["goods"] ?? .null,
        ]
    }
}
