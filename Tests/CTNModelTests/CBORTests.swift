import Testing

@testable import CTNModel

/// CBOR for JSON values, checked against the examples of RFC 8949 Appendix A (the encodings are
/// the RFC's, typed in from its table), and against hostile input: every refusal names a byte and
/// nothing a peer sends can make the decoder allocate past the data or crash.
@Suite("CBOR")
struct CBORTests {
    func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            out.append(UInt8(hex[i..<j], radix: 16) ?? 0)
            i = j
        }
        return out
    }

    func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }

    @Test("Integers, doubles, strings, arrays and maps encode as RFC 8949 Appendix A shows")
    func appendixAEncodings() throws {
        let cases: [(JSONValue, String)] = [
            (0, "00"), (1, "01"), (10, "0a"), (23, "17"), (24, "1818"), (25, "1819"), (100, "1864"), (1000, "1903e8"),
            (1_000_000, "1a000f4240"), (1_000_000_000_000, "1b000000e8d4a51000"), (-1, "20"), (-10, "29"), (-100, "3863"),
            (-1000, "3903e7"), (1.1, "fb3ff199999999999a"), (-4.1, "fbc010666666666666"), (1.0e300, "fb7e37e43c8800759c"),
            (false, "f4"), (true, "f5"), (nil, "f6"), ("", "60"), ("a", "6161"), ("IETF", "6449455446"),
            ("\"\\", "62225c"), ("\u{00fc}", "62c3bc"), ("\u{6c34}", "63e6b0b4"), ("\u{10151}", "64f0908591"),
            ([], "80"), ([1, 2, 3], "83010203"), ([1, [2, 3], [4, 5]], "8301820203820405"),
            (.array((1...25).map { .number(Double($0)) }), "98190102030405060708090a0b0c0d0e0f101112131415161718181819"),
            (.object(JSONObject()), "a0"), (["a", ["b": "c"]], "826161a161626163"),
        ]
        for (value, expected) in cases {
            #expect(hex(CBOR.bytes(value)) == expected, "\(value)")
            #expect(try CBOR.decode(bytes(expected)) == value, "\(expected)")
        }
        // Maps keep their key order both ways.
        var o = JSONObject()
        o["a"] = 1
        o["b"] = [2, 3]
        #expect(hex(CBOR.bytes(.object(o))) == "a26161016162820203")
        var five = JSONObject()
        for k in ["a", "b", "c", "d", "e"] { five[k] = .string(k.uppercased()) }
        #expect(hex(CBOR.bytes(.object(five))) == "a56161614161626142616361436164614461656145")
        #expect(try CBOR.decode(bytes("a56161614161626142616361436164614461656145")).objectValue?.keys == ["a", "b", "c", "d", "e"])
        // -0 is written as the integer 0, as the node's JSON writes "0"; 2^53 is the last integer head.
        #expect(hex(CBOR.bytes(.number(-0.0))) == "00")
        #expect(hex(CBOR.bytes(.number(9_007_199_254_740_992))) == "1b0020000000000000")
        #expect(hex(CBOR.bytes(.number(1e16))) == "fb4341c37937e08000")
    }

    @Test("Half and single floats of Appendix A decode to their values; NaN and infinities are refused")
    func floats() throws {
        let cases: [(String, Double)] = [
            ("f90000", 0), ("f93c00", 1), ("f93e00", 1.5), ("f97bff", 65504), ("fa47c35000", 100000),
            ("fa7f7fffff", 3.4028234663852886e38), ("f90001", 5.960464477539063e-8), ("f90400", 0.00006103515625),
            ("f9c400", -4), ("fbc010666666666666", -4.1),
        ]
        for (h, d) in cases { #expect(try CBOR.decode(bytes(h)) == .number(d), "\(h)") }
        #expect(try CBOR.decode(bytes("f98000")).numberValue?.sign == .minus)
        for h in ["f97c00", "f97e00", "f9fc00", "fa7f800000", "fa7fc00000", "fb7ff0000000000000", "fb7ff8000000000000"] {
            #expect(throws: JSONParseError.self, "\(h)") { try CBOR.decode(bytes(h)) }
        }
    }

    @Test("What JSON has no place for, indefinite lengths and malformed data are refused at their byte")
    func refusals() throws {
        let cases: [(String, String, Int?)] = [
            ("", "ends inside", 0), ("f7", "simple value 23", 0), ("f0", "simple value 16", 0), ("40", "byte strings", 0),
            ("c074323031332d30332d32315432303a30343a30305a", "tags", 0), ("5f42010243030405ff", "byte strings", 0),
            ("7f657374726561646d696e67ff", "indefinite", 0), ("9fff", "indefinite", 0), ("bf6346756ef563416d7421ff", "indefinite", 0),
            ("ff", "break", 0), ("1c", "reserved", 0), ("0000", "data after", 1), ("8301", "runs past", 0),
            ("62c328", "not UTF-8", 0), ("a10102", "not text", 1), ("a2616101616102", "duplicate key", 4),
            ("9bffffffffffffffff", "runs past", 0), ("7a7fffffff", "runs past", 0), ("bb0000000100000000", "runs past", 0),
            ("19ff", "ends inside", 1), ("8119", "ends inside", 2),
        ]
        for (h, message, offset) in cases {
            do throws(JSONParseError) {
                let v = try CBOR.decode(bytes(h))
                Issue.record("\(h) decoded to \(v)")
            } catch {
                #expect(error.message.contains(message), "\(h): \(error.message)")
                #expect(error.offset == offset, "\(h): \(error)")
            }
        }
        // Nesting: 32 arrays deep decodes, 33 is refused (the JSON parser's bound).
        #expect(throws: Never.self) { try CBOR.decode(Array(repeating: 0x81, count: 31) + [0x80]) }
        #expect(throws: JSONParseError.tooDeep(32)) { try CBOR.decode(Array(repeating: 0x81, count: 32) + [0x80]) }
    }

    @Test("A JSON answer round-trips exactly; every truncation and random bytes are refused or decoded, never a crash")
    func roundTripAndHostileBytes() throws {
        let text =
            #"{"lotId":"7546a16334f862fdffc2940570fb2845","co2":50.304,"n":-3,"big":1e300,"ok":true,"none":null,"#
            + #""breakdown":[{"unit":"kg","q":0.1},{"s":"é€😀\n\"x\""}],"empty":{},"list":[]}"#
        let value = try JSONParser.parse(Array(text.utf8))
        let encoded = CBOR.bytes(value)
        let back = try CBOR.decode(encoded)
        #expect(back == value)
        #expect(back.objectValue?.keys == value.objectValue?.keys)
        #expect(CanonicalJSON.encode(back) == CanonicalJSON.encode(value))
        for cut in 0..<encoded.count {
            #expect(throws: JSONParseError.self, "cut at \(cut)") { try CBOR.decode(Array(encoded.prefix(cut))) }
        }
        var generator = SystemRandomNumberGenerator()
        var decoded = 0
        for _ in 0..<20_000 {
            var b = encoded
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                b[Int.random(in: 0..<b.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if (try? CBOR.decode(b)) != nil { decoded += 1 }
        }
        #expect(decoded < 20_000, "some flipped bytes must be refused")
    }

    @Test("Accept asks for CBOR only when it names application/cbor with a weight above zero")
    func accept() {
        #expect(CBOR.accepted("application/cbor"))
        #expect(CBOR.accepted("APPLICATION/CBOR"))
        #expect(CBOR.accepted("application/json, application/cbor;q=0.5"))
        #expect(CBOR.accepted("application/cbor; q=1"))
        #expect(!CBOR.accepted("application/cbor;q=0"))
        #expect(!CBOR.accepted("application/json"))
        #expect(!CBOR.accepted("*/*"))
        #expect(!CBOR.accepted(nil))
    }

    @Test("An answer is read as its Content-Type says: CBOR for application/cbor (parameters aside), JSON otherwise")
    func answers() throws {
        #expect(CBOR.isMediaType("application/cbor") && CBOR.isMediaType("Application/CBOR; x=1"))
        #expect(!CBOR.isMediaType("application/json") && !CBOR.isMediaType("application/cbor-seq") && !CBOR.isMediaType(nil))
        #expect(try CBOR.decodeAnswer(bytes("a161610f"), contentType: "application/cbor") == ["a": 15])
        #expect(try CBOR.decodeAnswer(Array(#"{"a":15}"#.utf8), contentType: "application/json") == ["a": 15])
        #expect(try CBOR.decodeAnswer(Array(#"{"a":15}"#.utf8), contentType: nil) == ["a": 15])
        #expect(throws: JSONParseError.self) { try CBOR.decodeAnswer(Array(#"{"a":15}"#.utf8), contentType: "application/cbor") }
    }
}
