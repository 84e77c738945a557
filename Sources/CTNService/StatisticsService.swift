import CTNEngine
import CTNModel
import CTNStore
import Foundation

/// Category statistics: owners contribute completed lots' CFPs to a material category; the node
/// shows the figures only when enough different businesses contributed.
extension ContractService {
    func contributeLot(_ call: ContractCall) async throws -> ContractResult {
        let t = try tenant(call)
        let lotId = call.path["lotId"]!
        let category = call.body["category"]!.stringValue!
        let c = engine.units.dictionaries.categories[category]!
        let perUnitOf: String
        do { perUnitOf = try engine.categoryUnit(c) } catch { throw Self.problem(error, field: "category") }
        let now = Timestamp.nowMillis()
        let units = engine.units
        let body = try await store.write { tx in
            let lot = try Self.ownLot(tx, lotId, t)
            guard lot.status == "completed", let perUnit = lot.co2PerUnit else {
                throw Problem.conflict("lot_not_completed", "lot \(lotId) must be completed before its CFP is contributed", field: "lotId")
            }
            guard try tx.contribution(lotId: lotId) == nil else {
                throw Problem.conflict("already_contributed", "lot \(lotId) already contributes to the statistics", field: "lotId")
            }
            // One declared unit of the lot, in the category's unit.
            let factor: Double
            do { factor = try units.convert(1, from: lot.declaredUnit, to: perUnitOf) } catch {
                throw Problem(status: 422, code: "incompatible_unit", title: "Unit does not fit the category",
                              detail: "the lot is declared per '\(lot.declaredUnit)', category \(category) is per '\(perUnitOf)'", field: "category")
            }
            try tx.insertContribution(ContributionRecord(lotId: lotId, tenantId: t.tenantId, category: category, factor: factor, contributedAt: now, seq: tx.nextSeq))
            let json: JSONValue = ["lotId": .string(lotId), "category": .string(category), "co2PerCategoryUnit": .number(perUnit / factor),
                                   "co2Unit": .string("\(UnitConverter.co2Base)/\(perUnitOf)"), "ledgerSeq": .number(Double(tx.nextSeq))]
            _ = try tx.appendLedger(tenantId: t.tenantId, contract: call.contract.id, event: call.contract.ledgerEvent!, sourceTime: now, payload: json)
            return json
        }
        return ContractResult(status: 201, body: body)
    }

    /// This node's statistics of a category: exact figures and the mergeable sketch, or only
    /// `available: false` below the minimum number of contributing businesses.
    public func categoryStatistics(_ category: String) async throws -> JSONValue {
        // The category and the terms of other dictionaries mapped to it, where they share its unit.
        let c = engine.units.dictionaries.categories[category]!
        let own = try? engine.categoryUnit(c)
        let terms = engine.units.dictionaries.equivalents(category).filter { t in
            engine.units.dictionaries.categories[t].flatMap { try? engine.categoryUnit($0) } == own
        }
        let values = try await store.read { tx in try terms.flatMap { try tx.contributions(category: $0) } }
        let unit = own.map { "\(UnitConverter.co2Base)/\($0)" } ?? c.unit
        let contributors = Set(values.map(\.tenantId)).count
        var o = JSONObject()
        o["category"] = .string(category)
        o["dictionary"] = .string(c.dictionary)
        if terms.count > 1 { o["mappedTerms"] = .array(terms.dropFirst().map { .string($0) }) }
        o["nodeId"] = .string(nodeId)
        o["unit"] = .string(unit)
        o["minimumContributors"] = .number(Double(CategoryStatistics.minimumContributors))
        guard contributors >= CategoryStatistics.minimumContributors, let s = CategoryStatistics.summary(values.map(\.value)) else {
            o["available"] = false
            o["reason"] = .string("fewer than \(CategoryStatistics.minimumContributors) businesses contributed to this category here")
            return .object(o)
        }
        var sketch = QuantileSketch()
        for v in values { sketch.add(v.value) }
        o["available"] = true
        o["contributors"] = .number(Double(contributors))
        o["count"] = .number(Double(s.count))
        o["mean"] = .number(s.mean)
        o["median"] = .number(s.median)
        o["p10"] = .number(s.p10)
        o["p90"] = .number(s.p90)
        o["from"] = .string(Timestamp.format(millis: values.map(\.completedAt).min()!))
        o["to"] = .string(Timestamp.format(millis: values.map(\.completedAt).max()!))
        o["dictionaryIntensity"] = .optional(c.intensity)
        o["sketch"] = Self.sketchJSON(sketch)
        return .object(o)
    }

    public static func sketchJSON(_ s: QuantileSketch) -> JSONValue {
        var bins = JSONObject()
        for k in s.bins.keys.sorted() { bins[String(k)] = .number(Double(s.bins[k]!)) }
        return ["count": .number(Double(s.count)), "sum": .number(s.sum), "sumSquares": .number(s.sumSquares), "zeros": .number(Double(s.zeros)),
                "relativeAccuracy": .number(QuantileSketch.relativeAccuracy), "bins": .object(bins)]
    }

    public static func sketch(_ v: JSONValue) -> QuantileSketch? {
        func small(_ d: Double?) -> Int? { d.flatMap { Int(exactly: $0) }.flatMap { (0...1_000_000_000).contains($0) ? $0 : nil } }
        guard let count = small(v["count"]?.numberValue), let sum = v["sum"]?.numberValue, let sq = v["sumSquares"]?.numberValue,
              let zeros = small(v["zeros"]?.numberValue), v["relativeAccuracy"]?.numberValue == QuantileSketch.relativeAccuracy,
              let binsObject = v["bins"]?.objectValue, binsObject.count <= 100_000 else { return nil }
        var bins: [Int: Int] = [:], total = zeros
        for (k, n) in binsObject.pairs {
            guard let key = Int(k), abs(key) <= 100_000, let c = small(n.numberValue), c >= 1 else { return nil }
            bins[key] = c
            total += c
            guard total <= 1_000_000_000 else { return nil }
        }
        guard count == total else { return nil }
        return QuantileSketch(count: count, sum: sum, sumSquares: sq, zeros: zeros, bins: bins)
    }

    func statisticsContract(_ call: ContractCall) async throws -> ContractResult {
        ContractResult(status: 200, body: try await categoryStatistics(call.path["category"]!))
    }
}
