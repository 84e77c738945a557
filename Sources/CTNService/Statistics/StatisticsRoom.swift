import CTNEngine
import CTNModel
import CTNStore

/// Category Contribution and Category Statistics: owners contribute completed lots' CFPs to a
/// material category; the node shows the figures only when enough different businesses contributed.
extension ContractService {
    /// A category of the loaded dictionaries, or `unknown_category`.
    func knownCategory(_ name: String) throws(Problem) -> MaterialCategory {
        guard let category = dictionaries.categories[name] else {
            throw Problem(
                status: 422, code: "unknown_category", title: "Unknown material category",
                detail: "'category': '\(name)' is not a material category of the loaded dictionaries", field: "category")
        }
        return category
    }

    func contributeLot(_ input: CategoryContributionInput, caller: Caller) async throws -> JSONValue {
        let tenant = try caller.requireTenant()
        let lotId = input.lotId
        let name = input.category
        let category = try knownCategory(name)
        let engine = self.engine
        let perUnitOf = try Self.computing(field: "category") { try engine.categoryUnit(category) }
        let now = clock.nowMillis()
        let units = engine.units
        let event = try event(.categoryContribution)
        return try await store.write { tx in
            let lot = try Self.ownLot(tx, lotId, tenant)
            guard lot.status == .completed, let perUnit = lot.co2PerUnit else {
                throw Problem.conflict("lot_not_completed", "lot \(lotId) must be completed before its CFP is contributed", field: "lotId")
            }
            guard try tx.contribution(lotId: lotId) == nil else {
                throw Problem.conflict("already_contributed", "lot \(lotId) already contributes to the statistics", field: "lotId")
            }
            // One declared unit of the lot, in the category's unit.
            let factor: Double
            do { factor = try units.convert(1, from: lot.declaredUnit, to: perUnitOf) } catch {
                throw Problem(
                    status: 422, code: "incompatible_unit", title: "Unit does not fit the category",
                    detail: "the lot is declared per '\(lot.declaredUnit)', category \(name) is per '\(perUnitOf)'", field: "category")
            }
            try tx.insertContribution(
                ContributionRecord(
                    lotId: lotId, tenantId: tenant.tenantId, category: name, factor: factor, contributedAt: now, seq: tx.nextSeq))
            let json: JSONValue = [
                "lotId": .string(lotId), "category": .string(name), "co2PerCategoryUnit": .number(perUnit / factor),
                "co2Unit": .string("\(UnitConverter.co2Base)/\(perUnitOf)"), "ledgerSeq": .number(Double(tx.nextSeq)),
            ]
            _ = try tx.appendLedger(
                tenantId: tenant.tenantId, contract: CategoryContributionInput.contract.rawValue, event: event, sourceTime: now,
                payload: json)
            return json
        }
    }

    func categoryStatistics(_ input: CategoryStatisticsInput, caller: Caller) async throws -> JSONValue {
        try await localStatistics(input.category)
    }

    /// This node's statistics of a category: exact figures and the mergeable sketch, or only
    /// `available: false` below the minimum number of contributing businesses.
    public func localStatistics(_ name: String) async throws -> JSONValue {
        let category = try knownCategory(name)
        // The category and the terms of other dictionaries mapped to it, where they share its unit.
        let own = try? engine.categoryUnit(category)
        let terms = dictionaries.equivalents(name).filter { term in
            dictionaries.categories[term].flatMap { try? engine.categoryUnit($0) } == own
        }
        let values = try await store.read { tx in try terms.flatMap { try tx.contributions(category: $0) } }
        let contributors = Set(values.map(\.tenantId)).count
        var o = JSONObject()
        o["category"] = .string(name)
        o["dictionary"] = .string(category.dictionary)
        if terms.count > 1 { o["mappedTerms"] = .array(terms.dropFirst().map { .string($0) }) }
        o["nodeId"] = .string(nodeId)
        o["unit"] = .string(own.map { "\(UnitConverter.co2Base)/\($0)" } ?? category.unit)
        o["minimumContributors"] = .number(Double(CategoryStatistics.minimumContributors))
        guard contributors >= CategoryStatistics.minimumContributors, let summary = CategoryStatistics.summary(values.map(\.value)),
            let from = values.map(\.completedAt).min(), let to = values.map(\.completedAt).max()
        else {
            o["available"] = false
            o["reason"] = .string("fewer than \(CategoryStatistics.minimumContributors) businesses contributed to this category here")
            return .object(o)
        }
        var sketch = QuantileSketch()
        for value in values { sketch.add(value.value) }
        o["available"] = true
        o["contributors"] = .number(Double(contributors))
        o["count"] = .number(Double(summary.count))
        o["mean"] = .number(summary.mean)
        o["median"] = .number(summary.median)
        o["p10"] = .number(summary.p10)
        o["p90"] = .number(summary.p90)
        o["from"] = .string(Timestamp.format(millis: from))
        o["to"] = .string(Timestamp.format(millis: to))
        o["dictionaryIntensity"] = .optional(category.intensity)
        o["sketch"] = SketchCoding.json(sketch)
        return .object(o)
    }
}
