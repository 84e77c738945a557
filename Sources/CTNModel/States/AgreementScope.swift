/// Which of the owner's lots an agreement opens: one lot, the lots shipped to the grantee, or all.
public enum AgreementScope: String, Sendable, Equatable {
    case lot
    case shipped
    case all
}
