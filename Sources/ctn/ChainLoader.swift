import ArgumentParser
import CTNFederation
import CTNLedger
import CTNModel
import CTNNode
import CTNStore
import CTNTLS
import CurlHTTP
import Dispatch
import Foundation

/// Loads the demo supply chain through the nodes' public API. Figures (kg-CO2e):
/// steel: 1,050 kg S45C × 0.393 = 412.65 and an arc furnace 2 h × 120 = 240 → 652.65 for 1,000 kg = 0.65265/kg;
/// parts: 150 kg of that steel = 97.8975 and a press 50 min × 0.251 = 12.55 → 110.4475 for 98 good brackets;
/// assembler: 40 brackets, 3 kg ABS × 0.254 = 0.762 and 120 min × 0.0125 = 1.5 on the line, 10 products.
struct ChainLoader {
    let base: [String: String]
    let ca: (String) -> String
    let tokens: [String: JSONValue]

    static func call(_ url: String, ca: String, token: String, method: String = "GET", _ body: JSONValue? = nil) throws -> JSONValue {
        let r = try CurlClient(caFile: ca).request(
            method, url, headers: ["Authorization: Bearer \(token)"],
            body: body.map { Array(CanonicalJSON.encodeOrdered($0).utf8) })
        let v = try JSONParser.parse(r.body)
        guard r.status < 300 else { throw DemoError(description: "\(method) \(url): HTTP \(r.status) \(r.text)") }
        return v
    }

    func call(_ node: String, _ method: String, _ path: String, _ body: JSONValue? = nil) throws -> JSONValue {
        try Self.call(base[node]! + path, ca: ca(node), token: tokens[node]!["token"]!.stringValue!, method: method, body)
    }

    func id(_ v: JSONValue, _ key: String) -> String { v[key]!.stringValue! }

    func load() throws -> JSONValue {
        let business = { (n: String) in "\(tokens[n]!["businessId"]!.stringValue!)@\(n)" }
        // Steel supplier.
        let furnace = id(try call("steel", "POST", "/v1/equipment", ["activityUnit": "h"]), "equipmentId")
        _ = try call("steel", "PUT", "/v1/equipment/\(furnace)/intensity", ["intensity": 120, "unit": "kg-CO2e/h"])
        let steel = id(try call("steel", "POST", "/v1/lots", ["declaredUnit": "kg"]), "lotId")
        _ = try call("steel", "POST", "/v1/lots/\(steel)/material-uses", ["category": "steel-s45c", "quantity": 1050, "unit": "kg"])
        _ = try call("steel", "POST", "/v1/lots/\(steel)/equipment-uses", ["equipmentId": .string(furnace), "activity": 2, "unit": "h"])
        _ = try call("steel", "POST", "/v1/lots/\(steel)/completion", ["completed": 1000])
        _ = try call("steel", "POST", "/v1/lots/\(steel)/shipments", ["consignee": .string(business("parts")), "quantity": 200])
        // The steel supplier lets the assembler see its breakdown too (beyond its direct customer).
        _ = try call(
            "steel", "POST", "/v1/agreements",
            [
                "grantee": .string(business("assembler")), "scope": "all",
                "contracts": ["material-use-enquiry"], "purpose": "product CFP disclosure",
            ])
        // Parts maker: brackets from the supplier's steel, pulled over HTTPS with its signed statement.
        let press = id(try call("parts", "POST", "/v1/equipment", ["activityUnit": "min"]), "equipmentId")
        _ = try call("parts", "PUT", "/v1/equipment/\(press)/intensity", ["intensity": 0.251, "unit": "kg-CO2e/min"])
        let part = id(try call("parts", "POST", "/v1/lots", ["declaredUnit": "piece"]), "lotId")
        _ = try call(
            "parts", "POST", "/v1/lots/\(part)/material-uses",
            ["materialLotId": .string(steel), "node": "steel", "quantity": 150, "unit": "kg"])
        _ = try call("parts", "POST", "/v1/lots/\(part)/equipment-uses", ["equipmentId": .string(press), "activity": 50, "unit": "min"])
        _ = try call("parts", "POST", "/v1/lots/\(part)/completion", ["completed": 100, "defects": 2])
        _ = try call("parts", "POST", "/v1/lots/\(part)/shipments", ["consignee": .string(business("assembler")), "quantity": 40])
        // Assembler.
        let line = id(try call("assembler", "POST", "/v1/equipment", ["activityUnit": "min"]), "equipmentId")
        _ = try call("assembler", "PUT", "/v1/equipment/\(line)/intensity", ["intensity": 0.0125, "unit": "kg-CO2e/min"])
        let product = id(try call("assembler", "POST", "/v1/lots", ["declaredUnit": "piece"]), "lotId")
        _ = try call(
            "assembler", "POST", "/v1/lots/\(product)/material-uses",
            ["materialLotId": .string(part), "node": "parts", "quantity": 40, "unit": "piece"])
        _ = try call("assembler", "POST", "/v1/lots/\(product)/material-uses", ["category": "resin-abs", "quantity": 3, "unit": "kg"])
        _ = try call(
            "assembler", "POST", "/v1/lots/\(product)/equipment-uses", ["equipmentId": .string(line), "activity": 120, "unit": "min"])
        let done = try call("assembler", "POST", "/v1/lots/\(product)/completion", ["completed": 10])
        return [
            "steel": .string(steel), "part": .string(part), "product": .string(product), "productCO2PerUnit": done["co2PerUnit"] ?? .null,
        ]
    }
}
