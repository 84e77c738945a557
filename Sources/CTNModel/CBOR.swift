import Foundation

/// CBOR (RFC 8949) for `JSONValue`: the compact, binary form of the node's JSON answers that a
/// client asks for with `Accept: application/cbor`. Only the JSON data model is used (RFC 8949
/// §6.2): integers, text strings, arrays, maps with text keys, doubles, true, false and null, all
/// of definite length. Integers up to 2^53 are written as CBOR integers, in their shortest head;
/// other numbers as 64-bit floats; objects keep their key order.
public enum CBOR {
    /// The media type (RFC 8949 §9.5).
    public static let mediaType = "application/cbor"

    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(value, into: &out)
        return out
    }

    /// Whether an `Accept` header asks for CBOR (before or instead of JSON).
    public static func accepted(_ accept: String?) -> Bool {
        guard let accept else { return false }
        for part in accept.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.first?.lowercased() == mediaType else { continue }
            // `q=0` means "not acceptable".
            let q = fields.dropFirst().first { $0.hasPrefix("q=") }
            return q.flatMap { Double($0.dropFirst(2)) }.map { $0 > 0 } ?? true
        }
        return false
    }

    /// Whether a `Content-Type` names CBOR (parameters aside).
    public static func isMediaType(_ contentType: String?) -> Bool {
        contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == mediaType
    }

    /// An answer's body read as its `Content-Type` says: CBOR, or else JSON (a node that does not
    /// speak CBOR answers JSON whatever was asked).
    public static func decodeAnswer(_ body: [UInt8], contentType: String?) throws(JSONParseError) -> JSONValue {
        isMediaType(contentType) ? try decode(body) : try JSONParser.parse(body)
    }

    /// Decodes one CBOR data item that uses only the JSON data model (see `CBORReader` for what
    /// is refused); `maxDepth` bounds the nesting of arrays and maps.
    public static func decode(_ bytes: [UInt8], maxDepth: Int = 32) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(JSONParseError) in
                var reader = CBORReader(raw, maxDepth: maxDepth)
                let value = try reader.item(level: 0)
                guard reader.offset == raw.count else { throw JSONParseError(message: "data after the CBOR item", offset: reader.offset) }
                return value
            }
        }
        return try result.get()
    }

    static func head(_ major: UInt8, _ n: UInt64, into out: inout [UInt8]) {
        let m = major << 5
        switch n {
        case 0..<24: out.append(m | UInt8(n))
        case 24..<0x100: out.append(contentsOf: [m | 24, UInt8(n)])
        case 0x100..<0x1_0000: out.append(contentsOf: [m | 25, UInt8(n >> 8), UInt8(n & 0xFF)])
        case 0x1_0000..<0x1_0000_0000:
            out.append(m | 26)
            for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8((n >> UInt64(shift)) & 0xFF)) }
        default:
            out.append(m | 27)
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8((n >> UInt64(shift)) & 0xFF)) }
        }
    }

    static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(0xF6)
        case .bool(let b): out.append(b ? 0xF5 : 0xF4)
        case .number(let d):
            if d == d.rounded(), abs(d) <= 9_007_199_254_740_992 {
                // -0 is written as 0, as the node's JSON writes it.
                if d >= 0 { head(0, UInt64(d), into: &out) } else { head(1, UInt64(-d) - 1, into: &out) }
            } else if d.isFinite {
                out.append(0xFB)
                let bits = d.bitPattern
                for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8((bits >> UInt64(shift)) & 0xFF)) }
            } else {
                out.append(0xF6)  // as JSON: no infinity or NaN (the node refuses to compute them)
            }
        case .string(let s):
            head(3, UInt64(s.utf8.count), into: &out)
            out.append(contentsOf: s.utf8)
        case .array(let items):
            head(4, UInt64(items.count), into: &out)
            for item in items { write(item, into: &out) }
        case .object(let o):
            head(5, UInt64(o.count), into: &out)
            o.forEachMember { key, member in
                head(3, UInt64(key.utf8.count), into: &out)
                out.append(contentsOf: key.utf8)
                write(member, into: &out)
            }
        }
    }
}
