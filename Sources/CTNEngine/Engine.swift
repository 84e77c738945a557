import CTNModel

/// The CFP calculation of the CTN model, as pure functions. Sums run in the order the inputs are
/// given (report order, or ledger order for a lot's uses), never sorted or parallelised, and no
/// intermediate value is rounded: replaying the same inputs gives the same bits.
public struct Engine: Sendable {
    public let units: UnitConverter

    public init(dictionaries: Dictionaries) { units = UnitConverter(dictionaries) }

    /// Equations 5 to 8: energy-specific emissions, allocation bases (performance × operating time),
    /// allocation factors (bases normalised to sum to one), and each equipment's emission intensity.
    public func energyReport(energy: [EnergyConsumption], equipment: [EquipmentOperation]) throws(EngineError) -> EnergyReportResult {
        var emissions: [EnergyEmission] = []
        for e in energy {
            guard let rate = units.dictionaries.rate(e.factorUnit), rate.numerator.dimension == "co2e" else {
                throw EngineError(
                    "incompatible_unit", "emission factor unit '\(e.factorUnit)' of \(e.energyType) must be <CO2e>/<energy unit>")
            }
            let amount = try units.convert(e.consumption, from: e.unit, to: rate.denominator.symbol)
            let co2 = try units.convert(amount * e.factor, from: rate.numerator.symbol, to: UnitConverter.co2Base)
            emissions.append(EnergyEmission(energyType: e.energyType, co2: co2))
        }

        // Allocation bases per energy type: performance (as a rate of the energy's base unit per
        // second) × operating time (seconds). Only ratios within one energy type matter.
        var bases: [[Double]] = Array(repeating: Array(repeating: 0, count: equipment.count), count: energy.count)
        for (i, eq) in equipment.enumerated() {
            let seconds = try units.convert(eq.operatingTime, from: eq.timeUnit, to: "s")
            for p in eq.performance {
                guard let k = energy.firstIndex(where: { $0.energyType == p.energyType }) else {
                    throw EngineError(
                        "unknown_energy_type",
                        "equipment \(eq.equipmentId) has a performance for \(p.energyType), which the report does not consume")
                }
                guard let r = units.dictionaries.rate(p.unit), r.denominator.dimension == "time" else {
                    throw EngineError("incompatible_unit", "performance unit '\(p.unit)' must be <amount>/<time>")
                }
                guard let consumptionUnit = units.dictionaries.unit(energy[k].unit), consumptionUnit.dimension == r.numerator.dimension
                else {
                    throw EngineError(
                        "incompatible_unit", "performance unit '\(p.unit)' does not measure the same thing as '\(energy[k].unit)'")
                }
                let perSecond = p.value * r.numerator.factor / r.denominator.factor
                bases[k][i] += perSecond * seconds
            }
        }
        var factors = bases
        for k in energy.indices {
            var total = 0.0
            for b in bases[k] { total += b }
            if total == 0 {
                if emissions[k].co2 != 0 {
                    throw EngineError(
                        "unallocated_energy",
                        "no equipment has a performance for \(energy[k].energyType), so its emissions cannot be allocated")
                }
                continue
            }
            for i in equipment.indices { factors[k][i] = bases[k][i] / total }
        }

        var results: [EquipmentIntensityResult] = []
        for (i, eq) in equipment.enumerated() {
            var co2 = 0.0
            var allocation: [String: Double] = [:]
            for k in energy.indices {
                co2 += emissions[k].co2 * factors[k][i]
                allocation[energy[k].energyType] = factors[k][i]
            }
            let time = try units.convert(eq.operatingTime, from: eq.timeUnit, to: eq.activityUnit)
            guard time > 0 else { throw EngineError("invalid_value", "operating time of \(eq.equipmentId) must be positive") }
            results.append(
                EquipmentIntensityResult(
                    equipmentId: eq.equipmentId, allocation: allocation, co2: co2,
                    intensity: co2 / time, unit: "\(UnitConverter.co2Base)/\(eq.activityUnit)"))
        }
        for line in emissions { _ = try Self.finite(line.co2, "the emissions of \(line.energyType)") }
        for line in results {
            _ = try Self.finite(line.co2, "the CO2 of equipment \(line.equipmentId)")
            _ = try Self.finite(line.intensity, "the intensity of equipment \(line.equipmentId)")
        }
        return EnergyReportResult(emissions: emissions, equipment: results)
    }

    /// The process part of one equipment use: activity × the equipment's intensity in force.
    /// `intensity` is in kg-CO2e per `activityUnit` of the equipment.
    public func equipmentUseCO2(activity: Double, unit: String, intensity: Double, activityUnit: String) throws(EngineError) -> Double {
        let a = try units.convert(activity, from: unit, to: activityUnit)
        return try Self.finite(a * intensity, "the CO2 of this equipment use")
    }

    /// The material part of one material use: quantity × the material's CO2 per unit.
    /// `perUnit` is kg-CO2e per `perUnitOf` (a material lot's declared unit, or a category's unit).
    public func materialUseCO2(quantity: Double, unit: String, perUnit: Double, perUnitOf: String) throws(EngineError) -> Double {
        let q = try units.convert(quantity, from: unit, to: perUnitOf)
        return try Self.finite(q * perUnit, "the CO2 of this material use")
    }

    /// A category's default intensity in kg-CO2e per unit of its own denominator.
    /// The unit a category's quantities and CFPs are per (the denominator of its intensity unit).
    public func categoryUnit(_ c: MaterialCategory) throws(EngineError) -> String {
        guard let r = units.dictionaries.rate(c.unit), r.numerator.dimension == "co2e" else {
            throw EngineError("incompatible_unit", "category \(c.id) has an unusable unit '\(c.unit)'")
        }
        return r.denominator.symbol
    }

    public func categoryIntensity(_ c: MaterialCategory) throws(EngineError) -> (perUnit: Double, unit: String) {
        guard let r = units.dictionaries.rate(c.unit), r.numerator.dimension == "co2e" else {
            throw EngineError("incompatible_unit", "category \(c.id) has an unusable unit '\(c.unit)'")
        }
        guard let value = c.intensity else {
            throw EngineError("no_default_intensity", "category \(c.id) of dictionary \(c.dictionary) has no default intensity")
        }
        return (try units.convert(value, from: r.numerator.symbol, to: UnitConverter.co2Base), r.denominator.symbol)
    }

    /// Running sum: the next part added to a lot's material or process total, in ledger order.
    @inlinable public static func accumulate(_ total: Double, _ part: Double) -> Double { total + part }

    /// The running sum, refused when it leaves the finite numbers.
    public static func checkedAccumulate(_ total: Double, _ part: Double) throws(EngineError) -> Double {
        try finite(accumulate(total, part), "the lot's running CO2")
    }

    /// `value`, or `out_of_range` when a computation left the finite numbers: no infinity or NaN is
    /// ever stored, signed or served.
    public static func finite(_ value: Double, _ what: String) throws(EngineError) -> Double {
        guard value.isFinite else { throw EngineError("out_of_range", "\(what) is beyond the range of numbers the node computes with") }
        return value
    }

    /// Lot Completed: lot CO2 = material part + process part; CFP per good unit = total / good units,
    /// where good units = completed − defects (defective units carry no share of their own).
    public static func completeLot(
        materialCO2: Double, processCO2: Double, completed: Double, defects: Double
    ) throws(EngineError) -> (total: Double, perGoodUnit: Double, good: Double) {
        guard completed.isFinite, defects.isFinite, completed >= 0, defects >= 0 else {
            throw EngineError("invalid_value", "completed and defects must be non-negative")
        }
        guard defects <= completed else {
            throw EngineError("defects_exceed_completed", "defects (\(defects)) exceed completed (\(completed))")
        }
        let good = completed - defects
        guard good > 0 else { throw EngineError("no_good_units", "a lot must complete at least one good unit to carry a CFP") }
        let total = try finite(materialCO2 + processCO2, "the lot's CO2")
        let perGood = try finite(total / good, "the CFP per good unit")
        return (total, perGood, good)
    }
}
