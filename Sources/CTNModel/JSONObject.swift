import Foundation

/// An ordered JSON object with unique keys. Members sit in one array in their order; objects of
/// more than `indexedFrom` members also keep a key index, so a lookup is a short scan in the
/// small objects the node mostly handles and a hash lookup in big ones (no quadratic cost
/// however many keys a request sends).
public struct JSONObject: Sendable, Equatable {
    private var members: [(key: String, value: JSONValue)] = []
    private var index: [String: Int]?
    /// A lot of a trace answer has about 20 members: an index (a dictionary built for every such
    /// object) cost more than the scans it saved.
    static let indexedFrom = 32

    public init() {}
    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        for (k, v) in pairs { self[k] = v }
    }

    /// The keys in their order.
    public var keys: [String] { members.map(\.key) }

    private func position(_ key: String) -> Int? {
        if let index { return index[key] }
        for i in members.indices where members[i].key == key { return i }
        return nil
    }

    public subscript(key: String) -> JSONValue? {
        get { position(key).map { members[$0].value } }
        set {
            if let i = position(key) {
                if let newValue {
                    members[i].value = newValue
                } else {
                    members.remove(at: i)
                    if index != nil { reindex() }
                }
            } else if let newValue {
                appendNew(key, newValue)
            }
        }
    }

    public var count: Int { members.count }

    /// An empty object with room for `capacity` members.
    init(capacity: Int) {
        members.reserveCapacity(capacity)
    }

    /// Adds a member whose key the object does not hold yet (the parser has refused duplicates).
    mutating func appendNew(_ key: String, _ value: JSONValue) {
        members.append((key, value))
        if index != nil {
            index?[key] = members.count - 1
        } else if members.count > Self.indexedFrom {
            reindex()
        }
    }

    private mutating func reindex() {
        guard members.count > Self.indexedFrom else {
            index = nil
            return
        }
        var built = [String: Int](minimumCapacity: members.count)
        for (i, m) in members.enumerated() { built[m.key] = i }
        index = built
    }

    /// Calls `body` with each member in order (no lookups).
    func forEachMember(_ body: (String, JSONValue) -> Void) {
        for m in members { body(m.key, m.value) }
    }

    /// JSON objects are unordered: two objects are equal when they hold the same members.
    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        guard a.count == b.count else { return false }
        for m in a.members { guard b[m.key] == m.value else { return false } }
        return true
    }

    public var pairs: [(String, JSONValue)] { members.map { ($0.key, $0.value) } }
}
