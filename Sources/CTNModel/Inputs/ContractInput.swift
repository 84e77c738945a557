/// The typed input of one data-transaction contract, built once from its validated request.
///
/// `bodyFields` and `pathFields` name exactly the parameters the type reads: a test compares them
/// with the contract's definition, so a definition and its input type cannot drift apart unseen.
public protocol ContractInput: Sendable {
    static var contract: ContractID { get }
    static var pathFields: [String] { get }
    static var bodyFields: [String] { get }
    /// The optional query parameters it reads (they arrive with the path's values).
    static var queryFields: [String] { get }
    init(_ request: ValidatedRequest) throws(Problem)
}

extension ContractInput {
    public static var pathFields: [String] { [] }
    public static var bodyFields: [String] { [] }
    public static var queryFields: [String] { [] }
}
