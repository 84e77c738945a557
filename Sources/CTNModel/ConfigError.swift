import Foundation

/// A configuration file (dictionary, contract definition, key file) that cannot be used.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
