/// Equipment activity spent on a lot, with the intensity it was multiplied by.
public struct EquipmentUseRecord: Sendable, Equatable {
    public var useId: String
    public var lotId: String
    public var equipmentId: String
    public var activity: Double
    public var unit: String
    /// kg-CO2e per the equipment's activity unit, and the intensity version it came from.
    public var intensity: Double
    public var intensityVersion: Int64
    public var co2: Double
    public var sourceTime: Int64
    public var seq: Int64
    /// How the activity was obtained: `measured` (the default), `modelled-calibrated` (a simulation
    /// calibrated to a meter: primary data) or `modelled` (an uncalibrated simulation: secondary).
    public var activitySource: String
    public init(
        useId: String, lotId: String, equipmentId: String, activity: Double, unit: String, intensity: Double,
        intensityVersion: Int64, co2: Double, sourceTime: Int64, seq: Int64, activitySource: String = "measured"
    ) {
        self.activitySource = activitySource
        self.useId = useId
        self.lotId = lotId
        self.equipmentId = equipmentId
        self.activity = activity
        self.unit = unit
        self.intensity = intensity
        self.intensityVersion = intensityVersion
        self.co2 = co2
        self.sourceTime = sourceTime
        self.seq = seq
    }

    /// Activity from an uncalibrated model is secondary data; measured or calibrated activity is primary.
    public var isSecondary: Bool { activitySource == "modelled" }
}
