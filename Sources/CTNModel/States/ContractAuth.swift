/// Who may call a contract: a business hosted here with its bearer token, or anyone who knows the ID.
public enum ContractAuth: String, Sendable, Equatable {
    case tenant
    case `public`
}
