import Foundation

/// Why a JSON text was refused, and at which byte.
public struct JSONParseError: Error, Sendable, Equatable {
    public var message: String
    public var offset: Int
}
