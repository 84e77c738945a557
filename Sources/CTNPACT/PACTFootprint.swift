import CTNModel
import Foundation

/// A published lot as a PACT product footprint, v2.3 and v3.0: the lot's figures as the node
/// computed them, the names and IDs its owner published, and the data quality the lot's sources
/// support. Pure: the caller passes the lot's view and the publication.
public struct PACTFootprint: Sendable {
    /// What the footprint is made from.
    public struct Source: Sendable {
        public var id: String
        public var version: Int64
        public var status: String
        public var created: Int64
        public var precedingIds: [String]
        public var companyName: String
        public var companyIds: [String]
        public var productName: String
        public var productDescription: String
        public var productIds: [String]
        public var productCategoryCpc: String
        public var nodeId: String
        public var lotId: String
        public var declaredUnit: String
        /// kg-CO2e per declared unit of the lot, its share from primary data (0...1), the first use and the completion.
        public var co2PerUnit: Double
        public var primaryDataShare: Double?
        public var periodStart: Int64
        public var periodEnd: Int64

        public init(
            id: String, version: Int64, status: String, created: Int64, precedingIds: [String], companyName: String, companyIds: [String],
            productName: String, productDescription: String, productIds: [String], productCategoryCpc: String, nodeId: String,
            lotId: String, declaredUnit: String, co2PerUnit: Double, primaryDataShare: Double?, periodStart: Int64, periodEnd: Int64
        ) {
            self.id = id
            self.version = version
            self.status = status
            self.created = created
            self.precedingIds = precedingIds
            self.companyName = companyName
            self.companyIds = companyIds
            self.productName = productName
            self.productDescription = productDescription
            self.productIds = productIds
            self.productCategoryCpc = productCategoryCpc
            self.nodeId = nodeId
            self.lotId = lotId
            self.declaredUnit = declaredUnit
            self.co2PerUnit = co2PerUnit
            self.primaryDataShare = primaryDataShare
            self.periodStart = periodStart
            self.periodEnd = periodEnd
        }
    }

    public static let threeYears: Int64 = 3 * 365 * 86_400_000

    static func time(_ millis: Int64) -> JSONValue { .string(Timestamp.format(millis: millis)) }

    static let boundary =
        "Cradle-to-gate: purchased materials at their suppliers' signed CTN statements (or the material category's default factor), and the lot's process emissions from its equipment use at the equipment's registered intensities; emissions of defective units carried by the good ones."

    /// The lot's own URN, so that a buyer can ask the CTN node for its statement.
    public static func lotURN(node: String, lot: String) -> String { "urn:ctn:lot:\(node):\(lot)" }

    /// Data quality ratings from the share of primary data: 1 (best) with all of it primary, the worst with none.
    static func rating(_ share: Double?, best: Double, worst: Double) -> Double {
        let p = min(max(share ?? 0, 0), 1)
        return ((best + (worst - best) * (1 - p)) * 10).rounded() / 10
    }

    /// v2.3: nil when the lot's unit has no v2.3 declared unit (v2.3 has no pieces).
    public static func v2(_ s: Source) -> JSONValue? {
        guard let unit = PACTUnits.declared(s.declaredUnit, version: 2) else { return nil }
        let perPACTUnit = PACTDecimal.string(s.co2PerUnit * unit.perUnit)
        let end = max(s.periodEnd, s.periodStart + 1000)
        var pcf = JSONObject()
        pcf["declaredUnit"] = .string(unit.unit)
        pcf["unitaryProductAmount"] = "1"
        pcf["pCfExcludingBiogenic"] = .string(perPACTUnit)
        pcf["pCfIncludingBiogenic"] = .string(perPACTUnit)
        pcf["fossilGhgEmissions"] = .string(perPACTUnit)
        pcf["fossilCarbonContent"] = "0"
        pcf["biogenicCarbonContent"] = "0"
        pcf["characterizationFactors"] = "AR5"
        pcf["ipccCharacterizationFactorsSources"] = ["AR5"]
        pcf["crossSectoralStandardsUsed"] = ["ISO Standard 14067"]
        pcf["boundaryProcessesDescription"] = .string(boundary)
        pcf["referencePeriodStart"] = time(s.periodStart)
        pcf["referencePeriodEnd"] = time(end)
        pcf["exemptedEmissionsPercent"] = 0
        pcf["exemptedEmissionsDescription"] = ""
        pcf["packagingEmissionsIncluded"] = false
        let share = s.primaryDataShare ?? 0
        pcf["primaryDataShare"] = .number((share * 10000).rounded() / 100)
        let dqr = rating(share, best: 1, worst: 3)
        pcf["dqi"] = [
            "coveragePercent": 100, "technologicalDQR": .number(dqr), "temporalDQR": 1, "geographicalDQR": .number(dqr),
            "completenessDQR": 1, "reliabilityDQR": .number(dqr),
        ]
        var o = common(s, end: end)
        o["specVersion"] = "2.3.0"
        o["version"] = .number(Double(s.version))
        o["comment"] = .string("Computed by CTN node \(s.nodeId) from lot \(s.lotId), statement version \(s.version).")
        o["productCategoryCpc"] = .string(s.productCategoryCpc)
        o["pcf"] = .object(pcf)
        return .object(o)
    }

    /// v3.0: nil when the lot's unit has no v3.0 declared unit.
    public static func v3(_ s: Source) -> JSONValue? {
        guard let unit = PACTUnits.declared(s.declaredUnit, version: 3) else { return nil }
        let perPACTUnit = PACTDecimal.string(s.co2PerUnit * unit.perUnit)
        let end = max(s.periodEnd, s.periodStart + 1000)
        var pcf = JSONObject()
        pcf["declaredUnitOfMeasurement"] = .string(unit.unit)
        pcf["declaredUnitAmount"] = "1"
        // The node keeps the mass of a kilogram only: other units state none (0).
        pcf["productMassPerDeclaredUnit"] = unit.unit == "kilogram" ? "1" : "0"
        pcf["referencePeriodStart"] = time(s.periodStart)
        pcf["referencePeriodEnd"] = time(end)
        pcf["pcfExcludingBiogenicUptake"] = .string(perPACTUnit)
        pcf["pcfIncludingBiogenicUptake"] = .string(perPACTUnit)
        pcf["fossilGhgEmissions"] = .string(perPACTUnit)
        pcf["fossilCarbonContent"] = "0"
        pcf["ipccCharacterizationFactors"] = ["AR5"]
        pcf["crossSectoralStandards"] = ["ISO14067"]
        pcf["boundaryProcessesDescription"] = .string(boundary)
        pcf["exemptedEmissionsPercent"] = "0"
        pcf["packagingEmissionsIncluded"] = false
        let share = s.primaryDataShare ?? 0
        pcf["primaryDataShare"] = .string(PACTDecimal.string((share * 10000).rounded() / 100))
        let dqr = PACTDecimal.string(rating(share, best: 1, worst: 5))
        pcf["dqi"] = ["technologicalDQR": .string(dqr), "geographicalDQR": .string(dqr), "temporalDQR": "1"]
        var o = common(s, end: end)
        o["specVersion"] = "3.0.0"
        o["comment"] = .string("Computed by CTN node \(s.nodeId) from lot \(s.lotId), statement version \(s.version).")
        o["productClassifications"] = .array([.string("urn:pact:productclassification:un-cpc:\(s.productCategoryCpc)")])
        o["pcf"] = .object(pcf)
        return .object(o)
    }

    static func common(_ s: Source, end: Int64) -> JSONObject {
        var o = JSONObject()
        o["id"] = .string(s.id)
        if !s.precedingIds.isEmpty { o["precedingPfIds"] = .array(s.precedingIds.map { .string($0) }) }
        o["created"] = time(s.created)
        o["status"] = .string(s.status)
        o["validityPeriodStart"] = time(end)
        o["validityPeriodEnd"] = time(end + threeYears)
        o["companyName"] = .string(s.companyName)
        o["companyIds"] = .array(s.companyIds.map { .string($0) })
        o["productDescription"] = .string(s.productDescription)
        o["productIds"] = .array((s.productIds + [lotURN(node: s.nodeId, lot: s.lotId)]).map { .string($0) })
        o["productNameCompany"] = .string(s.productName)
        return o
    }
}
