/// The bounds of a run document and the units it may state power, energy and factors in.
enum SimulationLimits {
    /// One year of minutes.
    static let maxMinutes = 527_040.0
    static let maxMachines = 256
    static let maxProducts = 1024
    static let maxSteps = 32
    static let maxOrders = 20_000
    static let maxMeters = 64
    static let maxMeterMachines = 32
    static let maxReadings = 2_000
    static let maxScenarios = 8
    static let maxQuantity = 10_000_000.0
    /// Lots × routing steps of a run (a month of a 20-machine job shop is about 11,000), and of a
    /// run with its scenarios: each lot-step is a few events and a line of the answer.
    static let maxLotSteps = 100_000.0
    static let maxLotStepsWithScenarios = 400_000.0
    /// What Simulation Apply takes (its definition's maxItems and maxBodyBytes).
    static let maxApplyUses = 200_000
    static let maxApplyBytes = 4_194_304
    static let maxIntensity = 1e9

    /// To kW.
    static let powerUnits: [String: Double] = ["W": 0.001, "kW": 1, "MW": 1000]
    /// To kWh.
    static let energyUnits: [String: Double] = ["Wh": 0.001, "kWh": 1, "MWh": 1000, "GWh": 1_000_000, "MJ": 1 / 3.6, "GJ": 1000 / 3.6]
    /// To kg-CO2e per kWh.
    static let factorUnits: [String: Double] = [
        "kg-CO2e/kWh": 1, "g-CO2e/kWh": 0.001, "t-CO2e/MWh": 1, "kg-CO2e/MWh": 0.001, "kg-CO2/kWh": 1, "g-CO2/kWh": 0.001,
        "t-CO2/MWh": 1, "kg-CO2e/GJ": 0.0036, "kg-CO2e/MJ": 3.6,
    ]
}
