/// One emission source of a calculation: its scope, the method it prefers and the data each method
/// needs (what is missing makes that method fall back to the next).
public struct EmissionSource: Sendable, Equatable {
    /// The four methods, in the order a source falls back through (mass balance never falls back).
    public enum Method: String, Sendable, CaseIterable {
        case cems
        case fuel = "fuel-combustion"
        case massBalance = "mass-balance"
        case defaultFactor = "default-factor"
    }

    /// Continuous monitoring data of the source.
    public struct CEMSData: Sendable, Equatable {
        public var samples: [CEMS.Sample]
        public var expectedHours: Double
        public var coverageThreshold: Double
        public var calibrated: Bool
        public init(samples: [CEMS.Sample], expectedHours: Double, coverageThreshold: Double, calibrated: Bool = true) {
            self.samples = samples
            self.expectedHours = expectedHours
            self.coverageThreshold = coverageThreshold
            self.calibrated = calibrated
        }
    }

    /// Fuel data: activity (t), NCV (GJ/t), EF (kg-CO2/GJ), oxidation; how they were obtained.
    public struct FuelData: Sendable, Equatable {
        public var activity: Measured
        public var ncv: Measured?
        public var ef: Measured?
        public var oxidation: Measured
        /// `periodic` for lab values of the period, `declared` for a supplier's, `default` for published ones.
        public var tier: EvidenceTier
        /// Whether the fuel meter's calibration is valid for the period.
        public var meterCalibrated: Bool
        public init(
            activity: Measured, ncv: Measured?, ef: Measured?, oxidation: Measured = Measured(1), tier: EvidenceTier = .periodic,
            meterCalibrated: Bool = true
        ) {
            self.meterCalibrated = meterCalibrated
            self.activity = activity
            self.ncv = ncv
            self.ef = ef
            self.oxidation = oxidation
            self.tier = tier
        }
    }

    public var id: String
    public var scope: Int
    public var preferred: Method
    public var cems: CEMSData?
    public var fuel: FuelData?
    public var massBalance: MassBalance.Input?
    /// Activity and default factor (t-CO2e per activity unit) for method 4.
    public var activity: Measured?
    public var defaultFactor: Measured?

    public init(
        id: String, scope: Int, preferred: Method, cems: CEMSData? = nil, fuel: FuelData? = nil, massBalance: MassBalance.Input? = nil,
        activity: Measured? = nil, defaultFactor: Measured? = nil
    ) {
        self.id = id
        self.scope = scope
        self.preferred = preferred
        self.cems = cems
        self.fuel = fuel
        self.massBalance = massBalance
        self.activity = activity
        self.defaultFactor = defaultFactor
    }
}
