import CTNModel

/// The views of the console's pages, built from the node's own answers (the same JSON the API
/// gives): pure functions, so that every page can be checked without a browser.
public enum ConsolePages {
    public static func equipment(_ list: JSONValue, forms: [[String: Any]]) -> [String: Any] {
        let items: [[String: Any]] = (list["equipment"]?.arrayValue ?? []).map { e in
            let u = e["intensityUncertainty"]?["u"]?.numberValue
            return [
                "equipmentId": e["equipmentId"]?.stringValue ?? "", "activityUnit": e["activityUnit"]?.stringValue ?? "",
                "intensity": e["intensity"]?.numberValue.map { "\(HTML.number($0)) \(e["unit"]?.stringValue ?? "")" } ?? "none yet",
                "validFrom": e["validFrom"]?.stringValue ?? "",
                "evidence": [e["tier"]?.stringValue, u.map { "± \(HTML.number($0 * 100)) %" }]
                    .compactMap { $0 }.joined(separator: " "),
            ]
        }
        return ["items": items, "empty": items.isEmpty, "forms": forms]
    }

    public static func lots(_ lots: [JSONValue], forms: [[String: Any]]) -> [String: Any] {
        let items: [[String: Any]] = lots.map { l in
            [
                "lotId": l["lotId"]?.stringValue ?? "", "status": l["status"]?.stringValue ?? "",
                "declaredUnit": l["declaredUnit"]?.stringValue ?? "",
                "cfp": l["co2PerUnit"]?.numberValue.map { HTML.number($0) } ?? "–",
            ]
        }
        return ["items": items, "empty": items.isEmpty, "forms": forms]
    }

    /// A lot with its CFP, the chart of its breakdown, its inputs, statement and certificates.
    public static func lot(_ lot: JSONValue, materials: JSONValue?, facility: JSONValue?, forms: [[String: Any]]) -> [String: Any] {
        var inputs: [[String: Any]] = []
        var bars: [(String, Double, String, String?)] = []
        for u in materials?["materialUses"]?.arrayValue ?? [] {
            let co2 = u["co2"]?.numberValue ?? 0
            let quantity = "\(HTML.number(u["quantity"]?.numberValue)) \(u["unit"]?.stringValue ?? "")"
            if let m = u["materialLotId"]?.stringValue {
                let node = u["node"]?.stringValue
                inputs.append([
                    "kind": node.map { "Lot on \($0)" } ?? "Lot", "ref": m, "label": "", "quantity": quantity, "co2": HTML.number(co2),
                ])
                bars.append(("lot " + String(m.prefix(8)), co2, "material", m))
            } else {
                let category = u["category"]?.stringValue ?? ""
                inputs.append(["kind": "Category", "label": category, "quantity": quantity, "co2": HTML.number(co2)])
                bars.append((category, co2, "material", nil))
            }
        }
        for u in facility?["equipmentUses"]?.arrayValue ?? [] {
            let co2 = u["co2"]?.numberValue ?? 0
            let e = u["equipmentId"]?.stringValue ?? ""
            inputs.append([
                "kind": "Equipment", "ref": e, "label": "",
                "quantity": "\(HTML.number(u["activity"]?.numberValue)) \(u["unit"]?.stringValue ?? "")",
                "co2": HTML.number(co2),
            ])
            bars.append(("equipment " + String(e.prefix(8)), co2, "process", e))
        }
        let material = lot["materialCO2"]?.numberValue ?? 0
        let process = lot["processCO2"]?.numberValue ?? 0
        var view: [String: Any] = [
            "lotId": lot["lotId"]?.stringValue ?? "", "status": lot["status"]?.stringValue ?? "",
            "declaredUnit": lot["declaredUnit"]?.stringValue ?? "",
            "cfp": lot["co2PerUnit"]?.numberValue.map { HTML.number($0) } ?? "–", "materialCO2": HTML.number(material),
            "processCO2": HTML.number(process), "goodUnits": HTML.number(lot["goodUnits"]?.numberValue),
            "shipped": HTML.number(lot["shipped"]?.numberValue ?? 0), "inputs": inputs, "noInputs": inputs.isEmpty, "forms": forms,
            "completed": lot["status"]?.stringValue == "completed",
        ]
        if let u = lot["uncertainty"]?["u"]?.numberValue, let cfp = lot["co2PerUnit"]?.numberValue {
            view["band"] = HTML.number(u * cfp)
        }
        if material + process > 0 {
            view["chart"] = Chart.bars([("Material", material, "material", nil), ("Process", process, "process", nil)] + bars)
        }
        if let statement = lot["statement"]?.stringValue {
            view["statement"] = statement
            view["version"] = HTML.number(lot["version"]?.numberValue)
            let certificates = (lot["certificates"]?.arrayValue ?? []).compactMap(\.stringValue)
            view["certificates"] = certificates
        }
        return view
    }

    /// The trace: a nested list of the chain, each node's figures, cuts and supersessions marked.
    public static func trace(_ trace: JSONValue, lotId: String, elapsedMillis: Int) -> [String: Any] {
        var count = 0
        func node(_ n: JSONValue) -> String {
            count += 1
            var parts: [String] = []
            if let category = n["category"]?.stringValue {
                parts.append("<strong>\(HTML.escape(category))</strong> (dictionary)")
            } else {
                parts.append(
                    "Lot \(HTML.id(n["lotId"]?.stringValue ?? "")) on <strong>\(HTML.escape(n["node"]?.stringValue ?? ""))</strong>")
            }
            if let cfp = n["co2PerUnit"]?.numberValue {
                parts.append("\(HTML.number(cfp)) kg-CO2e/\(HTML.escape(n["declaredUnit"]?.stringValue ?? "unit"))")
            }
            if let u = n["uncertainty"]?["u"]?.numberValue { parts.append("± \(HTML.number(u * 100)) % (k = 2)") }
            if let co2 = n["co2"]?.numberValue {
                parts.append(
                    "→ \(HTML.number(co2)) kg-CO2e for \(HTML.number(n["quantity"]?.numberValue)) \(HTML.escape(n["unit"]?.stringValue ?? ""))"
                )
            }
            if n["verified"] == .bool(true) { parts.append("<span class=\"verified\">✓ signed</span>") }
            if n["superseded"] == .bool(true) {
                parts.append(
                    "<span class=\"superseded\">used version \(HTML.number(n["statementVersionUsed"]?.numberValue)), now superseded</span>")
            }
            var cls = "node-box"
            var children = ""
            switch n["breakdown"] {
            case .array(let inputs)?: children = "<ul>" + inputs.map { "<li>" + node($0) + "</li>" }.joined() + "</ul>"
            case .string(let why)?:
                cls += " cut"
                parts.append("<em>\(HTML.escape(why))\(n["reason"]?.stringValue.map { ": " + HTML.escape($0) } ?? "")</em>")
            default: break
            }
            return "<div class=\"\(cls)\">\(parts.joined(separator: " · "))</div>\(children)"
        }
        let tree = "<ul><li>" + node(trace) + "</li></ul>"
        return [
            "lotId": lotId, "tree": tree, "lots": count, "elapsed": elapsedMillis,
            "complete": trace["complete"] == .bool(true) ? "Complete" : "Incomplete: some parts were not disclosed or not reachable",
        ]
    }

    public static func agreements(_ agreements: JSONValue, usage: JSONValue, forms: [[String: Any]]) -> [String: Any] {
        func row(_ a: JSONValue) -> [String: Any] {
            let revoked = a["revokedAt"]?.stringValue != nil
            let inForce = a["inForce"] == .bool(true)
            return [
                "agreementId": a["agreementId"]?.stringValue ?? "", "grantee": a["grantee"]?.stringValue ?? "",
                "owner": a["owner"]?.stringValue ?? a["ownerBusiness"]?.stringValue ?? "", "scope": a["scope"]?.stringValue ?? "",
                "contracts": (a["contracts"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", "),
                "purpose": a["purpose"]?.stringValue ?? "", "state": inForce ? "in force" : revoked ? "revoked" : "expired",
                "active": inForce,
            ]
        }
        let granted = (agreements["granted"]?.arrayValue ?? []).map(row)
        let received = (agreements["received"]?.arrayValue ?? []).map(row)
        let reads: [[String: Any]] = (usage["usage"]?.arrayValue ?? []).map { u in
            [
                "at": u["at"]?.stringValue ?? "", "reader": u["reader"]?.stringValue ?? "", "contract": u["contract"]?.stringValue ?? "",
                "lotId": u["lotId"]?.stringValue ?? "", "basis": u["basis"]?.stringValue ?? "",
            ]
        }
        return [
            "granted": granted, "noGranted": granted.isEmpty, "received": received, "noReceived": received.isEmpty, "usage": reads,
            "noUsage": reads.isEmpty, "forms": forms,
        ]
    }
}
