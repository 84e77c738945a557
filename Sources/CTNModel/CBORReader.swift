/// Reads CBOR data items of the JSON data model from a buffer. Refused, each with the byte it was
/// found at: byte strings, tags, indefinite lengths, simple values other than false, true and
/// null, reserved additional information, non-text map keys, duplicate keys,
/// text that is not UTF-8, NaN and infinities, lengths beyond the data, nesting beyond the bound.
struct CBORReader {
    let data: UnsafeRawBufferPointer
    let maxDepth: Int
    private(set) var offset = 0

    init(_ data: UnsafeRawBufferPointer, maxDepth: Int) {
        self.data = data
        self.maxDepth = maxDepth
    }

    func fail(_ message: String, at position: Int) -> JSONParseError { JSONParseError(message: message, offset: position) }

    mutating func byte() throws(JSONParseError) -> UInt8 {
        guard offset < data.count else { throw fail("the CBOR data ends inside an item", at: offset) }
        defer { offset += 1 }
        return data[offset]
    }

    /// The argument of a head whose additional information is `info`.
    mutating func argument(_ info: UInt8, at start: Int) throws(JSONParseError) -> UInt64 {
        switch info {
        case 0..<24: return UInt64(info)
        case 24...27:
            let width = 1 << Int(info - 24)
            guard data.count - offset >= width else { throw fail("the CBOR data ends inside an item", at: offset) }
            var n: UInt64 = 0
            for k in 0..<width { n = n << 8 | UInt64(data[offset + k]) }
            offset += width
            return n
        case 31: throw fail("indefinite lengths are not accepted", at: start)
        default: throw fail("reserved additional information \(info)", at: start)
        }
    }

    /// A length that the rest of the data can hold, each element taking at least `unit` bytes.
    mutating func length(_ info: UInt8, at start: Int, unit: Int) throws(JSONParseError) -> Int {
        let n = try argument(info, at: start)
        guard n <= UInt64(data.count - offset) / UInt64(unit) else { throw fail("a length of \(n) runs past the data", at: start) }
        return Int(n)
    }

    mutating func text(_ info: UInt8, at start: Int) throws(JSONParseError) -> String {
        let n = try length(info, at: start, unit: 1)
        let slice = UnsafeRawBufferPointer(rebasing: data[offset..<offset + n])
        guard let s = String(validating: slice, as: UTF8.self) else { throw fail("text that is not UTF-8", at: start) }
        offset += n
        return s
    }

    mutating func item(level: Int) throws(JSONParseError) -> JSONValue {
        let start = offset
        let initial = try byte()
        let major = initial >> 5
        let info = initial & 0x1F
        switch major {
        case 0: return .number(Double(try argument(info, at: start)))
        case 1: return .number(-1 - Double(try argument(info, at: start)))
        case 3: return .string(try text(info, at: start))
        case 4:
            guard level < maxDepth else { throw JSONParseError.tooDeep(maxDepth) }
            let n = try length(info, at: start, unit: 1)
            var items: [JSONValue] = []
            items.reserveCapacity(n)
            for _ in 0..<n { items.append(try item(level: level + 1)) }
            return .array(items)
        case 5:
            guard level < maxDepth else { throw JSONParseError.tooDeep(maxDepth) }
            let n = try length(info, at: start, unit: 2)
            var object = JSONObject(capacity: n)
            for _ in 0..<n {
                let keyStart = offset
                let keyHead = try byte()
                guard keyHead >> 5 == 3 else { throw fail("a map key that is not text", at: keyStart) }
                let key = try text(keyHead & 0x1F, at: keyStart)
                guard object[key] == nil else { throw fail("duplicate key \"\(key)\"", at: keyStart) }
                object.appendNew(key, try item(level: level + 1))
            }
            return .object(object)
        case 7:
            switch info {
            case 20: return .bool(false)
            case 21: return .bool(true)
            case 22: return .null
            case 25, 26, 27:
                let bits = try argument(info, at: start)
                let d: Double
                switch info {
                case 25: d = Double(Float16(bitPattern: UInt16(bits)))
                case 26: d = Double(Float(bitPattern: UInt32(bits)))
                default: d = Double(bitPattern: bits)
                }
                guard d.isFinite else { throw fail("NaN or infinity (JSON has neither)", at: start) }
                return .number(d)
            case 31: throw fail("a break outside an indefinite-length item", at: start)
            default: throw fail("simple value \(info) is not part of JSON", at: start)
            }
        case 2: throw fail("byte strings are not accepted (JSON has none)", at: start)
        default: throw fail("tags are not accepted", at: start)
        }
    }
}
