/// A lot to make: a product (index), how many pieces, when it is released, an optional due time,
/// and the real lot ID it stands for (kept by the owner; only the node's ID ever leaves).
public struct Order: Sendable, Equatable {
    public var product: Int
    public var quantity: Int64
    public var release: Int64
    public var due: Int64?
    public var lotId: String?
    /// The order of the run this one was split from (what-if lot sizes), or its own index.
    public var origin: Int

    public init(product: Int, quantity: Int64, release: Int64, due: Int64? = nil, lotId: String? = nil, origin: Int = 0) {
        self.product = product
        self.quantity = quantity
        self.release = release
        self.due = due
        self.lotId = lotId
        self.origin = origin
    }
}
