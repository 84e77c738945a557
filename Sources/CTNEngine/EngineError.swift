import CTNModel

/// Why the engine could not compute: a stable code and a message naming the figures.
public struct EngineError: Error, Sendable, Equatable {
    public var code: String
    public var message: String
    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }
}
