import CJansson
import CTNModel
import Foundation

// ctn-bench parse: the node's JSON parser over the request mix it reads, against Foundation's
// JSONSerialization on the same bytes in the same run (a parser kept by others, as the baseline),
// and jansson alone (parse into its own tree and free it) to show what the conversion costs.
// Medians of `rounds` rounds; each round parses every document `iterations` times.
//
//   swift run -c release ctn-bench parse [--rounds 7] [--iterations 2000]
struct ParseBench {
    let rounds: Int
    let iterations: Int

    /// The documents a node reads most, by kind: small contract bodies, an energy report, a lot
    /// enquiry answer with its signed statement, and a peer's answer for 256 lots.
    static func mix() -> [(String, [UInt8])] {
        func hex(_ k: Int) -> String { String(repeating: String(format: "%02x", k % 256), count: 16) }
        let lot: JSONValue = ["declaredUnit": "kg"]
        let materialUse: JSONValue = ["materialLotId": .string(hex(7)), "quantity": 12.5, "unit": "kg", "time": "2026-06-01T08:00:00Z"]
        let equipmentUse: JSONValue = ["equipmentId": .string(hex(9)), "activity": 42, "unit": "min"]
        let energy: JSONValue = [
            "periodStart": "2021-10-01T00:00:00Z", "periodEnd": "2021-10-31T00:00:00Z",
            "energy": .array(
                ["electricity", "city-gas", "lpg", "kerosene"].map {
                    ["type": .string($0), "consumption": 1234.5, "unit": $0 == "electricity" ? "kWh" : "m3"]
                }),
            "equipment": .array(
                (0..<8).map { k in
                    [
                        "equipmentId": .string(hex(k)), "operatingTime": 310.25, "unit": "h",
                        "performance": .array((0..<3).map { _ in ["type": "electricity", "value": 7.5, "unit": "kW"] }),
                    ]
                }),
        ]
        let statement = String(repeating: "eyJhbGciOiJFZERTQSJ9", count: 40)
        func answer(_ k: Int) -> JSONValue {
            [
                "lotId": .string(hex(k)), "nodeId": "steel", "status": "completed", "declaredUnit": "kg", "co2PerUnit": 0.693,
                "goodUnits": 98, "version": 1, "statement": .string(statement), "shippedToYou": 50, "primaryDataShare": 0.4329,
                "materialUses": .array(
                    (0..<3).map { j in
                        ["useId": .string(hex(k + j)), "co2": 13.86, "quantity": 20, "unit": "kg", "category": "steel-s45c"]
                    }),
            ]
        }
        let peer: JSONValue = ["lots": .array((0..<256).map(answer))]
        return [
            ("lot registration", lot), ("material use", materialUse), ("equipment use", equipmentUse), ("energy report", energy),
            ("lot enquiry answer", answer(1)), ("peer answer, 256 lots", peer),
        ].map { ($0.0, Array(CanonicalJSON.encode($0.1).utf8)) }
    }

    func run() throws {
        func time(_ body: () throws -> Void) rethrows -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            return Double(DispatchTime.now().uptimeNanoseconds - start)
        }
        print("document                  bytes    ctn µs/doc  jansson alone  Foundation µs/doc  ctn/Foundation   ctn MB/s")
        for (name, bytes) in Self.mix() {
            // Large documents fewer times, so that every round takes about as long.
            let n = max(4, iterations * 200 / max(200, bytes.count))
            let data = Data(bytes)
            var ours: [Double] = []
            var theirs: [Double] = []
            var bare: [Double] = []
            for _ in 0..<rounds {
                ours.append(try time { for _ in 0..<n { _ = try JSONParser.parse(bytes) } } / Double(n))
                bare.append(
                    time {
                        bytes.withUnsafeBufferPointer { buffer in
                            buffer.withMemoryRebound(to: CChar.self) { chars in
                                for _ in 0..<n {
                                    var error = json_error_t()
                                    if let root = json_loadb(chars.baseAddress, chars.count, JSONParser.flags, &error) {
                                        ctn_json_decref(root)
                                    }
                                }
                            }
                        }
                    } / Double(n))
                theirs.append(try time { for _ in 0..<n { _ = try JSONSerialization.jsonObject(with: data) } } / Double(n))
            }
            let (a, b) = (median(ours), median(theirs))
            print(
                name.padding(toLength: 24, withPad: " ", startingAt: 0), String(format: "%7d", bytes.count),
                String(format: "%13.2f", a / 1000), String(format: "%14.2f", median(bare) / 1000), String(format: "%18.2f", b / 1000),
                String(format: "%15.2f", a / b),
                String(format: "%10.1f", Double(bytes.count) / a * 1000))
        }
    }
}
