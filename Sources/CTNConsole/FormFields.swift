/// An `application/x-www-form-urlencoded` body, read into its fields in order (a name may repeat).
public struct FormFields: Sendable, Equatable {
    public var pairs: [(name: String, value: String)]

    public init(pairs: [(name: String, value: String)]) { self.pairs = pairs }

    /// Parses the body; bytes that are not valid percent-encoding are kept as they are.
    public init(_ body: String) {
        pairs = body.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(kv.first.map(String.init) ?? ""), Self.decode(kv.count > 1 ? String(kv[1]) : ""))
        }
    }

    /// The first field whose name or value holds the NUL character (decoded from `%00`): no form
    /// of the node takes one, and PostgreSQL cannot keep it in a text.
    public var nulField: String? {
        for (name, value) in pairs {
            if name.utf8.contains(0) { return "form" }
            if value.utf8.contains(0) { return name }
        }
        return nil
    }

    public subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    public func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    public static func == (a: FormFields, b: FormFields) -> Bool {
        a.pairs.count == b.pairs.count && zip(a.pairs, b.pairs).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// Percent-decoding (and '+' as a space) of one form value.
    public static func decode(_ s: String) -> String {
        var bytes: [UInt8] = []
        var i = s.utf8.startIndex
        let utf8 = s.utf8
        while i < utf8.endIndex {
            let c = utf8[i]
            if c == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if c == UInt8(ascii: "%"), let h = utf8.index(i, offsetBy: 1, limitedBy: utf8.endIndex), h < utf8.endIndex,
                let l = utf8.index(h, offsetBy: 1, limitedBy: utf8.endIndex), l < utf8.endIndex, let hi = hex(utf8[h]),
                let lo = hex(utf8[l])
            {
                bytes.append(hi << 4 | lo)
                i = l
            } else {
                bytes.append(c)
            }
            i = utf8.index(after: i)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
