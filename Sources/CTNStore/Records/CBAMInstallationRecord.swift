/// An installation registered for CBAM. Its name, address and place are published by its owner
/// for CBAM (importers and the registry need them) and removed when it is withdrawn.
public struct CBAMInstallationRecord: Sendable, Equatable {
    public var installationId: String
    public var tenantId: String
    public var name: String
    public var address: String
    public var country: String
    public var unlocode: String
    public var latitude: Double
    public var longitude: Double
    public var registryId: String?
    public var createdAt: Int64

    public init(
        installationId: String, tenantId: String, name: String, address: String, country: String, unlocode: String, latitude: Double,
        longitude: Double, registryId: String?, createdAt: Int64
    ) {
        self.installationId = installationId
        self.tenantId = tenantId
        self.name = name
        self.address = address
        self.country = country
        self.unlocode = unlocode
        self.latitude = latitude
        self.longitude = longitude
        self.registryId = registryId
        self.createdAt = createdAt
    }
}
