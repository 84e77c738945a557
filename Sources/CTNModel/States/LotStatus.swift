/// Where a lot stands: open to material and equipment uses, or completed with a stated CFP.
public enum LotStatus: String, Sendable, Equatable {
    case open
    case completed
}
