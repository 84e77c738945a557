/// Path parameters and a body that passed their contract's definition, read through accessors
/// that never trap: a field the definition promised but the body lacks is a `missing_field`
/// problem, and JSON `null` counts as absent.
public struct ValidatedRequest: Sendable {
    public let path: [String: String]
    public let body: JSONObject
    /// Where this body sits in the request (`energy[0].` for an item of `energy`): problems name
    /// fields by their full path.
    public let fieldPrefix: String

    public init(path: [String: String] = [:], body: JSONObject = JSONObject(), fieldPrefix: String = "") {
        self.path = path
        self.body = body
        self.fieldPrefix = fieldPrefix
    }

    /// The full path of field `name`, as problems name it.
    public func field(_ name: String) -> String { fieldPrefix + name }

    /// A path parameter (already checked against its definition).
    public func pathValue(_ name: String) throws(Problem) -> String {
        guard let value = path[name] else { throw Problem.missingField(name) }
        return value
    }

    /// A query parameter holding an RFC 3339 time (query values arrive with the path's), or nil when absent.
    public func queryTimestamp(_ name: String) throws(Problem) -> Int64? {
        guard let text = path[name] else { return nil }
        guard let millis = Timestamp.parseMillis(text) else { throw Problem.invalidValue(name, "must be an RFC 3339 timestamp") }
        return millis
    }

    /// The value of a body field, or nil when it is absent or `null`.
    public func value(_ name: String) -> JSONValue? {
        guard let value = body[name], value != .null else { return nil }
        return value
    }

    public func has(_ name: String) -> Bool { value(name) != nil }

    public func string(_ name: String) throws(Problem) -> String {
        guard let value = value(name) else { throw Problem.missingField(field(name)) }
        guard let text = value.stringValue else { throw Problem.wrongType(field(name), expected: "a string", got: value.typeName) }
        return text
    }

    public func optionalString(_ name: String) throws(Problem) -> String? {
        has(name) ? try string(name) : nil
    }

    public func number(_ name: String) throws(Problem) -> Double {
        guard let value = value(name) else { throw Problem.missingField(field(name)) }
        guard let number = value.numberValue else { throw Problem.wrongType(field(name), expected: "a number", got: value.typeName) }
        return number
    }

    public func optionalNumber(_ name: String) throws(Problem) -> Double? {
        has(name) ? try number(name) : nil
    }

    public func optionalBool(_ name: String) throws(Problem) -> Bool? {
        guard let value = value(name) else { return nil }
        guard let flag = value.boolValue else { throw Problem.wrongType(field(name), expected: "a boolean", got: value.typeName) }
        return flag
    }

    /// An RFC 3339 timestamp in milliseconds since 1970, or nil when absent.
    public func optionalTimestamp(_ name: String) throws(Problem) -> Int64? {
        guard let text = try optionalString(name) else { return nil }
        guard let millis = Timestamp.parseMillis(text) else { throw Problem.invalidValue(field(name), "must be an RFC 3339 timestamp") }
        return millis
    }

    public func timestamp(_ name: String) throws(Problem) -> Int64 {
        guard let millis = try optionalTimestamp(name) else { throw Problem.missingField(field(name)) }
        return millis
    }

    public func business(_ name: String) throws(Problem) -> BusinessRef {
        let text = try string(name)
        guard let ref = BusinessRef(text) else {
            throw Problem.invalidValue(field(name), "must be a business ID (32 hex characters, optionally '@<nodeId>')")
        }
        return ref
    }

    /// An array of strings, or nil when absent.
    public func optionalStrings(_ name: String) throws(Problem) -> [String]? {
        guard let value = value(name) else { return nil }
        guard let items = value.arrayValue else { throw Problem.wrongType(field(name), expected: "an array", got: value.typeName) }
        var strings: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = item.stringValue else {
                throw Problem.wrongType(field("\(name)[\(index)]"), expected: "a string", got: item.typeName)
            }
            strings.append(text)
        }
        return strings
    }

    public func strings(_ name: String) throws(Problem) -> [String] {
        guard let strings = try optionalStrings(name) else { throw Problem.missingField(field(name)) }
        return strings
    }

    /// A nested object read as a request of its own (`name.` before its fields), or nil when absent.
    public func optionalObject(_ name: String) throws(Problem) -> ValidatedRequest? {
        guard let value = value(name) else { return nil }
        guard let object = value.objectValue else { throw Problem.wrongType(field(name), expected: "an object", got: value.typeName) }
        return ValidatedRequest(body: object, fieldPrefix: field("\(name)."))
    }

    public func object(_ name: String) throws(Problem) -> ValidatedRequest {
        guard let object = try optionalObject(name) else { throw Problem.missingField(field(name)) }
        return object
    }

    /// An array of objects, or none when absent.
    public func optionalObjects(_ name: String) throws(Problem) -> [ValidatedRequest] {
        has(name) ? try objects(name) : []
    }

    /// An array of objects, each read as a request of its own (field paths keep their prefix).
    public func objects(_ name: String) throws(Problem) -> [ValidatedRequest] {
        guard let value = value(name) else { throw Problem.missingField(field(name)) }
        guard let items = value.arrayValue else { throw Problem.wrongType(field(name), expected: "an array", got: value.typeName) }
        var objects: [ValidatedRequest] = []
        for (index, item) in items.enumerated() {
            guard let object = item.objectValue else {
                throw Problem.wrongType(field("\(name)[\(index)]"), expected: "an object", got: item.typeName)
            }
            objects.append(ValidatedRequest(body: object, fieldPrefix: field("\(name)[\(index)].")))
        }
        return objects
    }
}
