/// Whether a contract pushes data to the node or pulls it (CIOF's two directions).
public enum ContractDirection: String, Sendable, Equatable {
    case push = "PUSH"
    case pull = "PULL"
}
