/// A kind of quantity in a calculation document: the units it may be given in and each one's factor
/// to the engine's unit (t, MWh, GJ/t, kg-CO2/GJ, t-CO2e/MWh, Nm³/h, kg/Nm³, h).
enum QuantityKind {
    case mass, energy, ncv, fuelFactor, electricityFactor, flow, concentration, fraction, dimensionless

    var units: [String: Double] {
        switch self {
        case .mass: ["t": 1, "kg": 0.001, "g": 1e-6]
        case .energy: ["MWh": 1, "kWh": 0.001, "GWh": 1000, "GJ": 1 / 3.6]
        case .ncv: ["GJ/t": 1, "MJ/kg": 1, "TJ/kt": 1]
        case .fuelFactor: ["kg-CO2/GJ": 1, "t-CO2/TJ": 1, "kg-CO2e/GJ": 1, "t-CO2e/TJ": 1]
        case .electricityFactor:
            ["t-CO2/MWh": 1, "kg-CO2/kWh": 1, "t-CO2e/MWh": 1, "kg-CO2e/kWh": 1, "g-CO2/kWh": 0.001, "g-CO2e/kWh": 0.001]
        case .flow: ["Nm3/h": 1]
        case .concentration: ["kg/Nm3": 1, "g/Nm3": 0.001, "mg/Nm3": 1e-6]
        case .fraction, .dimensionless: ["": 1, "1": 1]
        }
    }
}
