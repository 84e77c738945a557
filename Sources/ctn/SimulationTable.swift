import CTNModel

/// A run's answer as tables: machines (minutes per state, energy, utilisation), lots (lead time,
/// energy, CO2 per piece), products, the calibration and its fit, the what-if comparison, findings.
enum SimulationTable {
    static func render(_ a: JSONValue) -> String {
        var out = ""
        let c = a["calibration"]
        out += "calibration  \(Output.scalar(c?["status"] ?? .null))  factor \(num(c?["factor"], 6))\n"
        for m in c?["meters"]?.arrayValue ?? [] {
            out +=
                "  meter \(Output.scalar(m["meter"] ?? .null)): \(Output.scalar(m["level"] ?? .null)), \(Output.scalar(m["readings"] ?? .null)) readings, "
            out +=
                "factor \(num(m["factor"], 6)), NMBE \(num(m["nmbe"], 2)) %, CV(RMSE) \(num(m["cvRMSE"], 2)) %\(m["poor"] == .bool(true) ? "  POOR FIT" : "")\n"
        }
        out += "makespan     \(num(a["makespanMinutes"], 1)) min\n"
        out += "WIP average  \(num(a["wipAverage"], 3)) lots\n"
        out += "throughput   \(num(a["throughputPerHour"], 3)) pieces/h\n"
        out += "energy       \(num(a["energyKWh"], 3)) kWh\n"
        out += "CO2          \(num(a["co2"], 3)) kg-CO2e\n"
        if let cost = a["cost"], cost != .null { out += "cost         \(num(cost, 2)) \(Output.scalar(a["currency"] ?? .string("")))\n" }
        out += "events       \(Output.scalar(a["events"] ?? .null))\n"
        out += "\nmachines:\n"
        out += Output.table(
            (a["machines"]?.arrayValue ?? []).map { m in
                let min = m["minutes"]
                return [
                    "machine": m["machine"] ?? .null, "busy": .string(num(min?["busy"], 1)), "setup": .string(num(min?["setup"], 1)),
                    "warmUp": .string(num(min?["warmUp"], 1)), "idle": .string(num(min?["idle"], 1)), "off": .string(num(min?["off"], 1)),
                    "kWh": .string(num(m["energyKWh"], 3)), "utilisation": .string(num(m["utilisation"], 3)),
                    "calibrated": m["calibrated"] ?? .null,
                ]
            })
        out += "\nlots:\n"
        out += Output.table(
            (a["orders"]?.arrayValue ?? []).map { o in
                [
                    "product": o["product"] ?? .null, "quantity": o["quantity"] ?? .null, "lotId": o["lotId"] ?? .null,
                    "leadTime": .string(num(o["leadTimeMinutes"], 1)), "kWh": .string(num(o["energyKWh"], 4)),
                    "co2PerPiece": .string(num(o["co2PerPiece"], 6)),
                ]
            })
        out += "\nproducts:\n"
        out += Output.table(
            (a["products"]?.arrayValue ?? []).map { p in
                [
                    "product": p["product"] ?? .null, "pieces": p["pieces"] ?? .null, "co2PerPiece": .string(num(p["co2PerPiece"], 6)),
                    "kWhPerPiece": .string(num(p["kWhPerPiece"], 4)), "meanLeadTime": .string(num(p["meanLeadTimeMinutes"], 1)),
                ]
            })
        if let scenarios = a["scenarios"]?.arrayValue {
            out += "\nwhat-if (at the calibrated powers):\n"
            let products = (a["products"]?.arrayValue ?? []).compactMap { $0["product"]?.stringValue }
            out += Output.table(
                scenarios.map { s in
                    var row = JSONObject()
                    row["scenario"] = s["id"] ?? .null
                    row["kWh"] = .string(num(s["energyKWh"], 3))
                    row["CO2 kg"] = .string(num(s["co2"], 3))
                    row["ΔCO2 kg"] = .string(num(s["co2Change"], 3))
                    row["makespan"] = .string(num(s["makespanMinutes"], 1))
                    row["lead"] = .string(num(s["meanLeadTimeMinutes"], 1))
                    row["WIP"] = .string(num(s["wipAverage"], 3))
                    row["cost"] = .string(num(s["cost"], 2))
                    for p in products {
                        let figure = s["products"]?.arrayValue?.first { $0["product"]?.stringValue == p }
                        row["\(p) kg/pc"] = .string(num(figure?["co2PerPiece"], 5))
                    }
                    return .object(row)
                })
        }
        if let apply = a["apply"] {
            out +=
                "\napply: \(apply["uses"]?.arrayValue?.count ?? 0) uses, \(apply["intensities"]?.arrayValue?.count ?? 0) intensities (ctn simulate apply)\n"
        }
        for b in a["applyBlocked"]?.arrayValue ?? [] { out += "cannot apply: \(Output.scalar(b))\n" }
        let findings = a["findings"]?.arrayValue ?? []
        if !findings.isEmpty {
            out += "\nfindings:\n"
            for f in findings { out += "  \(Output.scalar(f["code"] ?? .null)): \(Output.scalar(f["message"] ?? .null))\n" }
        }
        return out
    }

    static func num(_ v: JSONValue?, _ places: Int) -> String {
        guard let d = v?.numberValue else { return "-" }
        let p = pow10(places)
        return CanonicalJSON.number((d * p).rounded() / p)
    }

    static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }
}
