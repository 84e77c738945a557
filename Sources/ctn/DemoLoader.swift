import ArgumentParser
import CTNModel
import CTNNode
import CTNTLS
import CurlHTTP
import Foundation

struct DemoLoader {
    let base: String
    let caFile: String?

    func call(_ method: String, _ path: String, token: String, _ body: JSONValue? = nil) throws -> JSONValue {
        let r = try CurlClient(caFile: caFile).request(
            method, base + path, headers: ["Authorization: Bearer \(token)"],
            body: body.map { Array(CanonicalJSON.encodeOrdered($0).utf8) })
        let v = try JSONParser.parse(r.body)
        guard r.status < 300 else { throw DemoError(description: "\(method) \(path): HTTP \(r.status) \(r.text)") }
        return v
    }

    func load(maker: JSONValue, customer: JSONValue) throws -> JSONValue {
        let token = maker["token"]!.stringValue!
        func equipment() throws -> String {
            try call("POST", "/v1/equipment", token: token, ["activityUnit": "min"])["equipmentId"]!.stringValue!
        }
        let furnace = try equipment()
        let nc = try equipment()
        let assembly = try equipment()
        // Tables 3-4: one day's consumption and the bill of energy consumption.
        let report = try call(
            "POST", "/v1/energy-reports", token: token,
            [
                "periodStart": "2021-10-01T00:00:00+09:00", "periodEnd": "2021-10-02T00:00:00+09:00",
                "energy": [
                    ["type": "electricity", "consumption": 120, "unit": "kWh"], ["type": "city-gas", "consumption": 5, "unit": "Nm3"],
                ],
                "equipment": [
                    [
                        "equipmentId": .string(furnace), "operatingTime": 180, "unit": "min",
                        "performance": [
                            ["type": "electricity", "value": 30, "unit": "kW"], ["type": "city-gas", "value": 10, "unit": "Nm3/min"],
                        ],
                    ],
                    [
                        "equipmentId": .string(nc), "operatingTime": 300, "unit": "min",
                        "performance": [["type": "electricity", "value": 10, "unit": "kW"]],
                    ],
                    [
                        "equipmentId": .string(assembly), "operatingTime": 420, "unit": "min",
                        "performance": [["type": "electricity", "value": 0.5, "unit": "kW"]],
                    ],
                ],
            ])
        // Tables 7-9: a lot of 12 pieces of product A and one of 10 pieces of product B, at standard times and BOM quantities.
        func lot(pieces: Double, times: [Double], steel: Double, abs: Double, defects: Double) throws -> (String, JSONValue) {
            let id = try call("POST", "/v1/lots", token: token, ["declaredUnit": "piece"])["lotId"]!.stringValue!
            for (eq, t) in zip([furnace, nc, assembly], times) {
                _ = try call(
                    "POST", "/v1/lots/\(id)/equipment-uses", token: token,
                    ["equipmentId": .string(eq), "activity": .number(t * pieces), "unit": "min"])
            }
            _ = try call(
                "POST", "/v1/lots/\(id)/material-uses", token: token,
                ["category": "steel-s45c", "quantity": .number(steel * pieces), "unit": "g"])
            _ = try call(
                "POST", "/v1/lots/\(id)/material-uses", token: token,
                ["category": "resin-abs", "quantity": .number(abs * pieces), "unit": "g"])
            let done = try call(
                "POST", "/v1/lots/\(id)/completion", token: token, ["completed": .number(pieces + defects), "defects": .number(defects)])
            return (id, done)
        }
        let (lotA, doneA) = try lot(pieces: 12, times: [6, 20, 220.0 / 12], steel: 28, abs: 12, defects: 0)
        let (lotB, doneB) = try lot(pieces: 10, times: [6, 12.5, 20], steel: 13, abs: 7, defects: 0)
        _ = try call("POST", "/v1/lots/\(lotA)/shipments", token: token, ["consignee": customer["businessId"]!, "quantity": 5])
        return [
            "maker": maker, "customer": customer,
            "equipment": ["heatingFurnace": .string(furnace), "ncMachine": .string(nc), "assemblyLine": .string(assembly)],
            "energyReport": report,
            "lots": ["productA": .string(lotA), "productB": .string(lotB)],
            "co2PerUnit": ["productA": doneA["co2PerUnit"]!, "productB": doneB["co2PerUnit"]!],
        ]
    }

    static func printSummary(_ s: JSONValue, base: String, caFile: String?) {
        let cacert = caFile.map { " --cacert \($0)" } ?? ""
        let makerToken = s["maker"]?["token"]?.stringValue ?? ""
        let customerToken = s["customer"]?["token"]?.stringValue ?? ""
        let lotA = s["lots"]?["productA"]?.stringValue ?? ""
        let lotB = s["lots"]?["productB"]?.stringValue ?? ""
        say(
            """

            ctn demo node at \(base), loaded with the CTN white paper's worked example (Tables 3-9):
              heating furnace, NC machine, assembly line: intensities from one day's energy report
              lot of 12 x product A  \(lotA)  CFP \(Output.scalar(s["co2PerUnit"]?["productA"] ?? .null)) kg-CO2e/piece
              lot of 10 x product B  \(lotB)  CFP \(Output.scalar(s["co2PerUnit"]?["productB"] ?? .null)) kg-CO2e/piece
              5 pieces of lot A shipped to the customer business \(s["customer"]?["businessId"]?.stringValue ?? "")

            Try it (the tokens are also in demo.json, mode 0600, in the data folder):
              export CTN_NODE=\(base)\(caFile.map { "\n  export CTN_CACERT=\($0)" } ?? "")
              export MAKER_TOKEN=\(makerToken)
              export CUSTOMER_TOKEN=\(customerToken)
              curl -s\(cacert) $CTN_NODE/v1/lots/\(lotA)
              curl -s\(cacert) -H "Authorization: Bearer $CUSTOMER_TOKEN" $CTN_NODE/v1/lots/\(lotA)/material-uses
              curl -s\(cacert) -H "Authorization: Bearer $MAKER_TOKEN" $CTN_NODE/v1/equipment
              .build/release/ctn lot equipment \(lotA) --token $MAKER_TOKEN
              curl -s\(cacert) $CTN_NODE/openapi.json

            Serving until Ctrl-C.
            """)
    }
}
