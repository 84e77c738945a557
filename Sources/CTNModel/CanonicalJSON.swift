import Foundation

/// Canonical JSON text: object keys sorted by their UTF-16 code units (RFC 8785 order), no
/// whitespace, numbers in the shortest form that round-trips, integers without a fraction.
/// The ledger hashes these bytes, so they must never change for the same value.
public enum CanonicalJSON {
    public static func encode(_ v: JSONValue) -> String { String(decoding: bytes(v), as: UTF8.self) }

    /// The canonical bytes (what the ledger hashes).
    public static func bytes(_ v: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(v, sorted: true, into: &out)
        return out
    }

    /// Compact JSON that keeps the object's key order (for responses meant to be read by people).
    public static func encodeOrdered(_ v: JSONValue) -> String { String(decoding: orderedBytes(v), as: UTF8.self) }

    public static func orderedBytes(_ v: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(v, sorted: false, into: &out)
        return out
    }

    /// A number as JSON writes it; JSON has no infinity or NaN, so those (which the node refuses to
    /// compute) would be written as `null` rather than as invalid JSON.
    public static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 9.007199254740992e15 {
            return String(Int64(d))
        }
        return d.description
    }

    static func write(_ v: JSONValue, sorted: Bool, into out: inout [UInt8]) {
        switch v {
        case .null: out.append(contentsOf: [110, 117, 108, 108])
        case .bool(let b): out.append(contentsOf: b ? [116, 114, 117, 101] : [102, 97, 108, 115, 101])
        case .number(let d): out.append(contentsOf: number(d).utf8)
        case .string(let s): writeString(s, into: &out)
        case .array(let a):
            out.append(0x5B)
            for (k, item) in a.enumerated() {
                if k > 0 { out.append(0x2C) }
                write(item, sorted: sorted, into: &out)
            }
            out.append(0x5D)
        case .object(let o):
            out.append(0x7B)
            if sorted {
                for (k, key) in sortedKeys(o.keys).enumerated() {
                    if k > 0 { out.append(0x2C) }
                    writeString(key, into: &out)
                    out.append(0x3A)
                    write(o[key] ?? .null, sorted: sorted, into: &out)
                }
            } else {
                var first = true
                o.forEachMember { key, member in
                    if !first { out.append(0x2C) }
                    first = false
                    writeString(key, into: &out)
                    out.append(0x3A)
                    write(member, sorted: false, into: &out)
                }
            }
            out.append(0x7D)
        }
    }

    /// RFC 8785 orders keys by UTF-16 code units; when every key is ASCII that is byte order.
    static func sortedKeys(_ keys: [String]) -> [String] {
        if keys.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
            return keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        return keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        // Most strings (IDs, units, statements) need no escaping: copy them in one go.
        var plain = true
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C {
            plain = false
            break
        }
        if plain {
            out.append(contentsOf: s.utf8)
            out.append(0x22)
            return
        }
        for b in s.utf8 {
            switch b {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0x08: out.append(contentsOf: [0x5C, 0x62])
            case 0x0C: out.append(contentsOf: [0x5C, 0x66])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: out.append(b)
            }
        }
        out.append(0x22)
    }
}

// MARK: - Literals

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var o = JSONObject()
        for (k, v) in elements { o[k] = v }
        self = .object(o)
    }
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
    /// `nil` becomes JSON null.
    public static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
    public static func optional(_ d: Double?) -> JSONValue { d.map { .number($0) } ?? .null }
}
