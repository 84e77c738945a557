/// CBAM Installation Withdrawal: the installation whose published data goes.
public struct CBAMInstallationWithdrawalInput: ContractInput {
    public static let contract = ContractID.cbamInstallationWithdrawal
    public static let pathFields = ["installationId"]
    public var installationId: String
    public init(_ request: ValidatedRequest) throws(Problem) { installationId = try request.pathValue("installationId") }
}
