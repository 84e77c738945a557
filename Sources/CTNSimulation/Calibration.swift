/// Calibration of the model's powers to the meters. Per meter, the finest fit the readings can
/// fix: every machine's power in every state it spent time in (`powers`, non-negative least
/// squares), else one factor per state (`stateFactors`), else one factor for the meter
/// (`factor`, k = metered ÷ modelled for one reading). The fit is judged as ASHRAE Guideline 14
/// judges a model against a meter: NMBE and CV(RMSE), with n − p degrees of freedom.
public struct Calibration: Sendable {
    /// How finely one meter's readings fixed the powers.
    public enum Level: String, Sendable {
        case powers, stateFactors, factor
    }

    /// One meter's fit.
    public struct Fit: Sendable {
        public var meter: Int
        public var level: Level
        public var readings: Int
        public var parameters: Int
        /// Calibrated ÷ modelled energy of its machines over the horizon.
        public var factor: Double
        public var modelledKWh: Double
        public var calibratedKWh: Double
        /// In percent; CV(RMSE) is nil when the readings leave no degree of freedom.
        public var nmbe: Double
        public var cvRMSE: Double?
        public var poor: Bool
    }

    /// The model with calibrated powers (machines no meter covers keep theirs).
    public var model: ProductionModel
    public var fits: [Fit]
    /// Whether meters read every energy type of each machine.
    public var covered: [Bool]
    public var findings: [SimulationFinding]

    /// Calibrated ÷ modelled energy of every metered machine, or nil without meters.
    public var factor: Double? {
        let modelled = fits.reduce(0) { $0 + $1.modelledKWh }
        return fits.isEmpty || modelled == 0 ? nil : fits.reduce(0) { $0 + $1.calibratedKWh } / modelled
    }

    public static func fit(schedule: Schedule, model: ProductionModel, meters: [Meter]) -> Calibration {
        var calibrated = model
        var fits: [Fit] = []
        var findings: [SimulationFinding] = []
        var metered = [Set<String>](repeating: [], count: model.machines.count)
        // Each machine's ticks over the horizon, once for every meter's before-and-after energy.
        let horizonTicks = model.machines.indices.map { schedule.ticks(machine: $0) }
        for (mi, meter) in meters.enumerated() {
            for j in meter.machines { metered[j].insert(meter.energyType) }
            // Parameters: (machine, power index, state) with a prior power and some exposure.
            var params: [(machine: Int, power: Int, state: MachineState)] = []
            var columns: [[Double]] = []
            let exposure = meter.readings.map { r in meter.machines.map { schedule.ticks(machine: $0, from: r.from, to: r.to) } }
            for (k, j) in meter.machines.enumerated() {
                for (pi, p) in model.machines[j].power.enumerated() where p.energyType == meter.energyType {
                    for s in MachineState.allCases where p[s] > 0 {
                        let col = exposure.map { Ticks.hours($0[k][s.rawValue]) }
                        guard col.contains(where: { $0 > 0 }) else { continue }
                        params.append((j, pi, s))
                        columns.append(col)
                    }
                }
            }
            let y = meter.readings.map { $0.kWh - meter.baseLoad * Ticks.hours($0.to - $0.from) }
            let prior = params.map { model.machines[$0.machine].power[$0.power][$0.state] }
            let n = y.count
            var level = Level.factor
            var theta: [Double]
            var used: [[Double]]
            if n >= params.count, !params.isEmpty, LeastSquares.rank(columns) == params.count {
                level = .powers
                used = columns
                theta = LeastSquares.nonNegative(columns, y)
                for (k, p) in params.enumerated() { calibrated.machines[p.machine].power[p.power][p.state] = theta[k] }
            } else {
                let states = MachineState.allCases.filter { s in params.contains { $0.state == s } }
                let grouped = states.map { s in
                    (0..<n).map { r in params.indices.filter { params[$0].state == s }.reduce(0.0) { $0 + prior[$1] * columns[$1][r] } }
                }
                if states.count > 1, n >= states.count, LeastSquares.rank(grouped) == states.count {
                    level = .stateFactors
                    used = grouped
                    theta = LeastSquares.nonNegative(grouped, y)
                    for (k, p) in params.enumerated() {
                        let g = states.firstIndex(of: p.state) ?? 0
                        calibrated.machines[p.machine].power[p.power][p.state] = prior[k] * theta[g]
                    }
                } else {
                    let single = (0..<n).map { r in params.indices.reduce(0.0) { $0 + prior[$1] * columns[$1][r] } }
                    used = [single]
                    let ss = single.reduce(0) { $0 + $1 * $1 }
                    let k = ss > 0 ? max(0, zip(single, y).reduce(0) { $0 + $1.0 * $1.1 } / ss) : 1
                    theta = [k]
                    if ss == 0 {
                        findings.append(
                            .init("meter_unexplained", "meter \(mi): its machines did nothing the model powers in the readings' intervals"))
                    }
                    for p in params { calibrated.machines[p.machine].power[p.power][p.state] *= k }
                    // Powers of states that were never exposed scale with the meter's factor too.
                    for j in meter.machines {
                        for (pi, p) in model.machines[j].power.enumerated() where p.energyType == meter.energyType {
                            for s in MachineState.allCases
                            where !params.contains(where: { $0.machine == j && $0.power == pi && $0.state == s }) {
                                calibrated.machines[j].power[pi][s] = p[s] * k
                            }
                        }
                    }
                }
            }
            let predicted = (0..<n).map { r in used.indices.reduce(0.0) { $0 + used[$1][r] * theta[$1] } }
            let p = used.count
            let mean = y.reduce(0, +) / Double(max(n, 1))
            let bias = zip(y, predicted).reduce(0) { $0 + ($1.0 - $1.1) }
            let squares = zip(y, predicted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            let dof = n - p
            // A meter that read nothing beyond its base load explains nothing: a poor fit by definition.
            let nmbe = mean > 0 ? bias / (Double(dof > 0 ? dof : n) * mean) * 100 : 0
            let cv: Double? = dof > 0 && mean > 0 ? (squares / Double(dof)).squareRoot() / mean * 100 : nil
            let lengths = meter.readings.map { $0.to - $0.from }.sorted()
            let hourly = !lengths.isEmpty && lengths[lengths.count / 2] < 24 * Ticks.perHour
            let (nmbeLimit, cvLimit) = hourly ? (10.0, 30.0) : (5.0, 15.0)
            let poor = mean <= 0 || abs(nmbe) > nmbeLimit || (cv ?? 0) > cvLimit
            if poor {
                findings.append(
                    .init(
                        "calibration_poor",
                        "meter \(mi): NMBE \(rounded(nmbe)) %, CV(RMSE) \(cv.map { "\(rounded($0)) %" } ?? "n/a") (limits ±\(Int(nmbeLimit)) % and \(Int(cvLimit)) %)"
                    ))
            }
            if level != .powers, n > 1 {
                findings.append(.init("calibration_grouped", "meter \(mi): the readings cannot fix every power; fitted \(level.rawValue)"))
            }
            let modelled = energy(model, horizonTicks, meter)
            let after = energy(calibrated, horizonTicks, meter)
            fits.append(
                Fit(
                    meter: mi, level: level, readings: n, parameters: p, factor: modelled > 0 ? after / modelled : 1, modelledKWh: modelled,
                    calibratedKWh: after, nmbe: nmbe, cvRMSE: cv, poor: poor))
        }
        // A machine counts as calibrated when a meter reads every energy type it draws.
        let covered = model.machines.indices.map { j in model.machines[j].power.allSatisfy { metered[j].contains($0.energyType) } }
        return Calibration(model: calibrated, fits: fits, covered: covered, findings: findings)
    }

    /// The modelled energy of a meter's machines over the horizon.
    static func energy(_ model: ProductionModel, _ ticks: [[Int64]], _ meter: Meter) -> Double {
        var e = 0.0
        for j in meter.machines {
            let t = ticks[j]
            for p in model.machines[j].power where p.energyType == meter.energyType {
                for s in MachineState.allCases { e += p[s] * Ticks.hours(t[s.rawValue]) }
            }
        }
        return e
    }

    static func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}
