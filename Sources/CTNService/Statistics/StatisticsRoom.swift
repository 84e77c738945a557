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
            // Statistics keep finite figures only: a lot per gram with a huge CFP per gram can overflow per kilogram.
            guard (perUnit / factor).isFinite else {
                throw Problem(
                    status: 422, code: "out_of_range", title: "Number out of range",
                    detail: "the lot's CFP in the category's unit (per '\(perUnitOf)') is beyond the finite numbers", field: "category")
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
        try await localStatistics(input.category, view: StatisticsView(caller))
    }

    /// This node's statistics of a category: for peers the exact figures and the mergeable sketch,
    /// for anyone else the published snapshot; only `available: false` below the minimum number of
    /// contributing businesses.
    public func localStatistics(_ name: String, view: StatisticsView) async throws -> JSONValue {
        let category = try knownCategory(name)
        // The category and the terms of other dictionaries mapped to it, where they share its unit.
        let own = try? engine.categoryUnit(category)
        let terms = dictionaries.equivalents(name).filter { term in
            dictionaries.categories[term].flatMap { try? engine.categoryUnit($0) } == own
        }
        let all = try await store.read { tx in try terms.flatMap { try tx.contributions(category: $0) } }.sorted { $0.seq < $1.seq }
        // The published view covers the oldest contributions up to the last whole step.
        let values = view == .exact ? all : Array(all.prefix(PublishedStatistics.snapshotCount(all.count)))
        let contributors = Set(values.map(\.tenantId)).count
        var o = JSONObject()
        o["category"] = .string(name)
        o["dictionary"] = .string(category.dictionary)
        if terms.count > 1 { o["mappedTerms"] = .array(terms.dropFirst().map { .string($0) }) }
        o["nodeId"] = .string(nodeId)
        o["unit"] = .string(own.map { "\(UnitConverter.co2Base)/\($0)" } ?? category.unit)
        o["minimumContributors"] = .number(Double(CategoryStatistics.minimumContributors))
        o["view"] = .string(view.rawValue)
        guard contributors >= CategoryStatistics.minimumContributors, let summary = CategoryStatistics.summary(values.map(\.value)),
            let from = values.map(\.completedAt).min(), let to = values.map(\.completedAt).max()
        else {
            o["available"] = false
            o["reason"] = .string(
                view == .exact
                    ? "fewer than \(CategoryStatistics.minimumContributors) businesses contributed to this category here"
                    : "fewer than \(CategoryStatistics.minimumContributors) businesses in the published snapshot (the oldest \(PublishedStatistics.snapshotCount(all.count)) contributions)"
            )
            return .object(o)
        }
        o["available"] = true
        o["dictionaryIntensity"] = .optional(category.intensity)
        switch view {
        case .exact:
            var sketch = QuantileSketch()
            for value in values { sketch.add(value.value) }
            o["contributors"] = .number(Double(contributors))
            o["count"] = .number(Double(summary.count))
            o["mean"] = .number(summary.mean)
            o["median"] = .number(summary.median)
            o["p10"] = .number(summary.p10)
            o["p90"] = .number(summary.p90)
            o["from"] = .string(Timestamp.format(millis: from))
            o["to"] = .string(Timestamp.format(millis: to))
            o["sketch"] = SketchCoding.json(sketch)
        case .published:
            Self.publish(
                &o, contributors: contributors, count: summary.count, figures: (summary.mean, summary.median, summary.p10, summary.p90))
            // Months, not instants: the instant a lot was completed is its owner's.
            o["from"] = .string(String(Timestamp.format(millis: from).prefix(7)))
            o["to"] = .string(String(Timestamp.format(millis: to).prefix(7)))
        }
        return .object(o)
    }

    /// The published figures: counts rounded down to the step, figures to two significant digits.
    static func publish(
        _ o: inout JSONObject, contributors: Int, count: Int, figures: (mean: Double, median: Double, p10: Double, p90: Double)
    ) {
        o["contributors"] = .number(Double(PublishedStatistics.count(contributors)))
        o["count"] = .number(Double(PublishedStatistics.count(count)))
        o["mean"] = .number(PublishedStatistics.figure(figures.mean))
        o["median"] = .number(PublishedStatistics.figure(figures.median))
        o["p10"] = .number(PublishedStatistics.figure(figures.p10))
        o["p90"] = .number(PublishedStatistics.figure(figures.p90))
        o["significantDigits"] = .number(Double(PublishedStatistics.significantDigits))
        o["step"] = .number(Double(PublishedStatistics.step))
    }
}
