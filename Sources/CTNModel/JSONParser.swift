import CJansson

/// Parses JSON with libjansson (the product's JSON library) into `JSONValue`: RFC 8259 only (no
/// comments, no trailing commas, no leading zeros), valid UTF-8, duplicate keys refused, key order
/// kept, NUL refused in strings and keys, integers beyond 64 bits and reals beyond the doubles
/// refused, nesting bounded by `maxDepth` (jansson's own bound is 2,048).
public enum JSONParser {
    /// jansson's flags: any value at the top, duplicates refused; not set: `JSON_ALLOW_NUL`,
    /// `JSON_DISABLE_EOF_CHECK` (data after the value is an error) and `JSON_DECODE_INT_AS_REAL`.
    public static let flags = Int(JSON_REJECT_DUPLICATES | JSON_DECODE_ANY)

    public static func parse(_ data: some Sequence<UInt8>, maxDepth: Int = 32) throws(JSONParseError) -> JSONValue {
        let result =
            data.withContiguousStorageIfAvailable { parse(buffer: $0, maxDepth: maxDepth) }
            ?? Array(data).withUnsafeBufferPointer { parse(buffer: $0, maxDepth: maxDepth) }
        return try result.get()
    }

    static func parse(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, JSONParseError> {
        var error = json_error_t()
        let root = buffer.withMemoryRebound(to: CChar.self) { chars in
            guard let base = chars.baseAddress else {
                // An empty buffer may have no address: jansson reads the same nothing from an empty C string.
                return "".withCString { json_loadb($0, 0, Self.flags, &error) }
            }
            return json_loadb(base, chars.count, Self.flags, &error)
        }
        guard let root else { return .failure(JSONParseError(jansson: error)) }
        defer { ctn_json_decref(root) }
        return Result { () throws(JSONParseError) in try value(root, level: 0, maxDepth: maxDepth) }
    }

    /// The Swift value of a jansson value; `level` is how many arrays and objects enclose it.
    static func value(_ json: UnsafeMutablePointer<json_t>, level: Int, maxDepth: Int) throws(JSONParseError) -> JSONValue {
        switch ctn_json_type(json) {
        case JSON_OBJECT:
            guard level < maxDepth else { throw JSONParseError.tooDeep(maxDepth) }
            var object = JSONObject(capacity: json_object_size(json))
            var iterator = json_object_iter(json)
            while let current = iterator {
                guard let key = json_object_iter_key(current), let member = json_object_iter_value(current) else { break }
                let name = String(
                    decoding: UnsafeRawBufferPointer(start: key, count: json_object_iter_key_len(current)), as: UTF8.self)
                object.appendNew(name, try value(member, level: level + 1, maxDepth: maxDepth))
                iterator = json_object_iter_next(json, current)
            }
            return .object(object)
        case JSON_ARRAY:
            guard level < maxDepth else { throw JSONParseError.tooDeep(maxDepth) }
            let count = json_array_size(json)
            var items: [JSONValue] = []
            items.reserveCapacity(count)
            for index in 0..<count {
                guard let item = json_array_get(json, index) else { break }
                items.append(try value(item, level: level + 1, maxDepth: maxDepth))
            }
            return .array(items)
        case JSON_STRING:
            guard let text = json_string_value(json) else { return .string("") }
            return .string(String(decoding: UnsafeRawBufferPointer(start: text, count: json_string_length(json)), as: UTF8.self))
        case JSON_INTEGER:
            // Exact up to 2^53; larger integers round to the nearest double, as a real of the same digits would.
            return .number(Double(json_integer_value(json)))
        case JSON_REAL:
            return .number(json_real_value(json))
        case JSON_TRUE:
            return .bool(true)
        case JSON_FALSE:
            return .bool(false)
        default:
            return .null
        }
    }
}
