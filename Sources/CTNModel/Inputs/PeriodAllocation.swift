/// How a locked site period's total goes to the site's equipment: by activity × performance (as an
/// energy report allocates), or by a share stated for every item.
public struct PeriodAllocation: Sendable, Equatable {
    /// One equipment's part of the period.
    public struct Item: Sendable, Equatable {
        public var equipmentId: String
        public var activity: Double
        public var unit: String
        public var performance: Double
        public var share: Double?

        public init(equipmentId: String, activity: Double, unit: String, performance: Double = 1, share: Double? = nil) {
            self.equipmentId = equipmentId
            self.activity = activity
            self.unit = unit
            self.performance = performance
            self.share = share
        }
    }

    public static let itemFields = ["equipmentId", "activity", "unit", "performance", "share"]
    public var items: [Item]

    public init(items: [Item]) { self.items = items }

    /// Reads `allocation` (its items' fields named by path); nil when absent.
    public init?(_ request: ValidatedRequest, field name: String = "allocation") throws(Problem) {
        guard request.has(name) else { return nil }
        var items: [Item] = []
        for item in try request.objects(name) {
            let id = try item.string("equipmentId")
            guard !items.contains(where: { $0.equipmentId == id }) else {
                throw Problem.invalidValue(item.field("equipmentId"), "appears twice in the allocation")
            }
            items.append(
                Item(
                    equipmentId: id, activity: try item.number("activity"), unit: try item.string("unit"),
                    performance: try item.optionalNumber("performance") ?? 1, share: try item.optionalNumber("share")))
        }
        let stated = items.filter { $0.share != nil }.count
        guard stated == 0 || stated == items.count else {
            throw Problem.invalidValue(
                "\(request.field(name))[\(items.firstIndex { $0.share == nil } ?? 0)].share", "give a share for every item or for none")
        }
        let sum = items.reduce(0) { $0 + ($1.share ?? 0) }
        guard sum <= 1 + 1e-9 else {
            throw Problem.invalidValue("\(request.field(name))[\(items.count - 1)].share", "the shares add up to \(sum), more than 1")
        }
        self.items = items
    }

    /// Each item's share of the total: the stated ones, or activity × performance over their sum
    /// (`converted` gives each item's activity in its equipment's unit).
    public func shares(converted: [Double]) -> [Double] {
        if items.allSatisfy({ $0.share != nil }) { return items.map { $0.share ?? 0 } }
        let weights = zip(items, converted).map { $0.performance * $1 }
        let total = weights.reduce(0, +)
        return weights.map { total > 0 ? $0 / total : 0 }
    }

    /// The JSON the snapshot keeps.
    public var json: JSONValue {
        .array(
            items.map { i in
                [
                    "equipmentId": .string(i.equipmentId), "activity": .number(i.activity), "unit": .string(i.unit),
                    "performance": .number(i.performance), "share": .optional(i.share),
                ]
            })
    }
}
