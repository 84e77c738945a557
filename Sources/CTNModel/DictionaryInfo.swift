import Foundation

/// One loaded dictionary: its ID, version and source.
public struct DictionaryInfo: Sendable, Equatable {
    public var id: String
    public var version: String
    public var source: String
    public var file: String
}
