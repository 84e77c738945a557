/// Equipment Enquiry: the caller's equipment with the intensities in force (no parameters).
public struct EquipmentEnquiryInput: ContractInput {
    public static let contract = ContractID.equipmentEnquiry
    public init(_ request: ValidatedRequest) throws(Problem) {}
}
