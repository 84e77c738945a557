import CTNModel

extension OddValueTests.World {
    /// A run of one machine and one product, and an application of one use to the world's open lot.
    func simulation(_ id: String, _ body: inout JSONObject) {
        switch id {
        case "simulation-run":
            body["model"] = [
                "machines": [
                    ["id": "M", "equipmentId": .string(equipment), "power": ["busy": 10, "setup": 4, "idle": 1], "powerUnit": "kW"]
                ],
                "products": [["id": "P", "routing": [["machine": "M", "minutesPerPiece": 2, "setupMinutes": 5]]]],
            ]
            body["horizonMinutes"] = 120
            body["orders"] = [["product": "P", "quantity": 10, "releaseMinute": 0]]
            body["meters"] = [["machines": ["M"], "energy": ["value": 5, "unit": "kWh"]]]
            body["electricityFactor"] = ["value": 0.4, "unit": "kg-CO2e/kWh"]
        case "simulation-apply":
            body["periodStart"] = "2026-10-01T00:00:00Z"
            body["periodEnd"] = "2026-10-02T00:00:00Z"
            body["calibration"] = "calibrated"
            body["intensities"] = [
                ["equipmentId": .string(equipment), "intensity": 0.3, "unit": "kg-CO2e/min", "validFrom": "2026-10-01T01:00:00Z"]
            ]
            body["uses"] = [
                [
                    "lotId": .string(open), "equipmentId": .string(equipment), "activity": 10, "unit": "min",
                    "time": "2026-10-01T02:00:00Z", "activitySource": "modelled-calibrated",
                ]
            ]
        default: break
        }
    }
}
