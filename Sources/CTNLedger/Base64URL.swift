/// Base64 with the URL alphabet and no padding (RFC 4648 section 5), as JWS uses it. Written out
/// by hand: every statement, grant and certificate a trace reads is decoded here, and going
/// through Foundation (standard Base64 plus three string replacements) was a tenth of a cold
/// trace's samples.
public enum Base64URL {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The 6-bit value of each byte of the alphabet; 0xFF for every other byte.
    static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()

    public static func encode(_ bytes: [UInt8]) -> String {
        let length = (bytes.count * 4 + 2) / 3
        return String(unsafeUninitializedCapacity: max(length, 1)) { out in
            var o = 0
            var i = 0
            func put(_ sextet: UInt32) {
                out[o] = alphabet[Int(sextet & 0x3F)]
                o += 1
            }
            while i + 3 <= bytes.count {
                let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
                put(n >> 18)
                put(n >> 12)
                put(n >> 6)
                put(n)
                i += 3
            }
            switch bytes.count - i {
            case 1:
                let n = UInt32(bytes[i]) << 16
                put(n >> 18)
                put(n >> 12)
            case 2:
                let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
                put(n >> 18)
                put(n >> 12)
                put(n >> 6)
            default: break
            }
            return o
        }
    }

    /// The bytes of `s`, or nil when it is not unpadded base64url: a byte outside the alphabet
    /// (padding included), a length that leaves a single character over, or bits set in the
    /// unused end of the last character (only one text encodes each byte string).
    public static func decode<S: StringProtocol>(_ s: S) -> [UInt8]? {
        if let decoded = s.utf8.withContiguousStorageIfAvailable({ decode(bytes: $0) }) { return decoded }
        return decode(bytes: Array(s.utf8))
    }

    static func decode<C: RandomAccessCollection>(bytes text: C) -> [UInt8]? where C.Element == UInt8, C.Index == Int {
        let count = text.count
        let rest = count % 4
        guard rest != 1 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(count / 4 * 3 + max(0, rest - 1))
        var i = text.startIndex
        let end = text.endIndex
        let table = values
        while end - i >= 4 {
            let a = table[Int(text[i])]
            let b = table[Int(text[i + 1])]
            let c = table[Int(text[i + 2])]
            let d = table[Int(text[i + 3])]
            guard (a | b | c | d) & 0xC0 == 0 else { return nil }
            let n = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
            out.append(UInt8(truncatingIfNeeded: n >> 16))
            out.append(UInt8(truncatingIfNeeded: n >> 8))
            out.append(UInt8(truncatingIfNeeded: n))
            i += 4
        }
        switch end - i {
        case 2:
            let a = table[Int(text[i])]
            let b = table[Int(text[i + 1])]
            guard (a | b) & 0xC0 == 0, b & 0x0F == 0 else { return nil }
            out.append(a << 2 | b >> 4)
        case 3:
            let a = table[Int(text[i])]
            let b = table[Int(text[i + 1])]
            let c = table[Int(text[i + 2])]
            guard (a | b | c) & 0xC0 == 0, c & 0x03 == 0 else { return nil }
            out.append(a << 2 | b >> 4)
            out.append(b << 4 | c >> 2)
        default: break
        }
        return out
    }
}
