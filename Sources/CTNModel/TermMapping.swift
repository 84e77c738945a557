import Foundation

/// Two terms of different dictionaries that a mapping file declares to mean the same.
public struct TermMapping: Sendable, Equatable {
    public var term: String
    public var dictionary: String
    public var sameAs: String
    public var sameAsDictionary: String
    public var basis: String
}
