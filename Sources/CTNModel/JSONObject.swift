import Foundation

/// An ordered JSON object with unique keys.
public struct JSONObject: Sendable, Equatable {
    public private(set) var keys: [String] = []
    private var values: [String: JSONValue] = [:]

    public init() {}
    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        for (k, v) in pairs { self[k] = v }
    }

    public subscript(key: String) -> JSONValue? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public var count: Int { keys.count }

    /// An empty object with room for `capacity` members.
    init(capacity: Int) {
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    /// Adds a member whose key the object does not hold yet (the parser has refused duplicates).
    mutating func appendNew(_ key: String, _ value: JSONValue) {
        values[key] = value
        keys.append(key)
    }

    /// JSON objects are unordered: two objects are equal when they hold the same members.
    public static func == (a: JSONObject, b: JSONObject) -> Bool { a.values == b.values }
    public var pairs: [(String, JSONValue)] { keys.compactMap { key in values[key].map { (key, $0) } } }
}
