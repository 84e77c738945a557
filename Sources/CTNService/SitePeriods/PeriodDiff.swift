import CTNModel

/// What changed from a snapshot to its restatement: the total, each component (value, method,
/// uncertainty, tier, fallback), the evidence breakdown and each equipment's intensity.
enum PeriodDiff {
    static func json(_ parent: PeriodSnapshot.Stored, _ child: PeriodSnapshot.Stored) -> JSONValue {
        func change(_ a: Double?, _ b: Double?) -> JSONValue {
            var o = JSONObject()
            o["before"] = .optional(a)
            o["after"] = .optional(b)
            if let a, let b {
                o["delta"] = .number(b - a)
                o["relative"] = .optional(a != 0 ? (b - a) / abs(a) : nil)
            }
            return .object(o)
        }
        let before = parent.json["result"]
        let after = child.json["result"]
        var components: [JSONValue] = []
        let old = before?["components"]?.arrayValue ?? []
        let new = after?["components"]?.arrayValue ?? []
        var sources: [String] = []
        for c in old + new { if let s = c["source"]?.stringValue, !sources.contains(s) { sources.append(s) } }
        for source in sources {
            let a = old.first { $0["source"]?.stringValue == source }
            let b = new.first { $0["source"]?.stringValue == source }
            var o = JSONObject()
            o["source"] = .string(source)
            o["value"] = change(a?["value"]?.numberValue, b?["value"]?.numberValue)
            o["u"] = change(a?["u"]?.numberValue, b?["u"]?.numberValue)
            for key in ["method", "tier", "fallbackReason"] {
                let x = a?[key] ?? .null
                let y = b?[key] ?? .null
                if x != y { o[key] = ["before": x, "after": y] }
            }
            o["changed"] = .bool(a != b)
            components.append(.object(o))
        }
        var intensities: [JSONValue] = []
        let oldI = parent.json["intensities"]?.arrayValue ?? []
        for i in child.json["intensities"]?.arrayValue ?? [] {
            let id = i["equipmentId"]?.stringValue
            let p = oldI.first { $0["equipmentId"]?.stringValue == id }
            intensities.append(
                [
                    "equipmentId": .optional(id), "versionBefore": p?["version"] ?? .null, "versionAfter": i["version"] ?? .null,
                    "perActivityUnit": change(p?["perActivityUnit"]?.numberValue, i["perActivityUnit"]?.numberValue),
                    "perActivityUnitOf": i["perActivityUnitOf"] ?? .null,
                ])
        }
        var tiers = JSONObject()
        for (key, value) in (after?["evidenceBreakdown"]?.objectValue ?? JSONObject()).pairs {
            tiers[key] = change(before?["evidenceBreakdown"]?[key]?.numberValue, value.numberValue)
        }
        return [
            "snapshotId": .string(child.record.snapshotId), "parentSnapshotId": .string(parent.record.snapshotId),
            "reason": .optional(child.json["reason"]?.stringValue),
            "contentHash": ["before": .string(parent.record.contentHash), "after": .string(child.record.contentHash)],
            "total": change(before?["total"]?["value"]?.numberValue, after?["total"]?["value"]?.numberValue),
            "scope1": change(before?["scope1"]?["value"]?.numberValue, after?["scope1"]?["value"]?.numberValue),
            "scope2": [
                "locationBased": change(
                    before?["scope2"]?["locationBased"]?["value"]?.numberValue, after?["scope2"]?["locationBased"]?["value"]?.numberValue),
                "marketBased": change(
                    before?["scope2"]?["marketBased"]?["value"]?.numberValue, after?["scope2"]?["marketBased"]?["value"]?.numberValue),
            ],
            "components": .array(components), "evidenceBreakdown": .object(tiers), "intensities": .array(intensities),
        ]
    }
}
