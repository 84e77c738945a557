import Testing

@testable import CTNModel

/// The JSON parser on libjansson: every text the hand-written parser refused is still refused,
/// every text it accepted still gives the same value, and the cases jansson adds (NUL, integers
/// beyond 64 bits) are refused with a position.
@Suite("JSON on jansson")
struct JanssonParserTests {
    func parse(_ s: String) throws(JSONParseError) -> JSONValue { try JSONParser.parse(Array(s.utf8)) }

    @Test("Values come back exactly: numbers as the doubles of their digits, strings unescaped, key order kept")
    func values() throws {
        #expect(try parse("0") == .number(0))
        #expect(try parse("-0") == .number(-0.0))
        #expect(try parse("12") == .number(12))
        #expect(try parse("-9007199254740993") == .number(-9_007_199_254_740_992), "beyond 2^53 rounds to the nearest double")
        #expect(try parse("9223372036854775807") == .number(9_223_372_036_854_775_807))
        #expect(try parse("0.1") == .number(0.1))
        #expect(try parse("2.5e-3") == .number(0.0025))
        #expect(try parse("1E2") == .number(100))
        #expect(try parse("5e-324") == .number(5e-324), "subnormal numbers parse; the validator refuses them")
        #expect(try parse("1e-400") == .number(0), "below the smallest double: zero, as before")
        #expect(try parse("1.7976931348623157e308") == .number(.greatestFiniteMagnitude))
        #expect(try parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{08}\u{0C}\n\r\t"))
        #expect(try parse(#""\u00e9\u20ac\ud83d\ude00""#) == .string("é€😀"))
        #expect(try parse("\"é€😀\"") == .string("é€😀"))
        #expect(try parse("true") == .bool(true) && parse("false") == .bool(false) && parse("null") == .null)
        #expect(try parse(" \t\r\n[ ] ") == .array([]))
        let object = try parse(#"{"z":1,"a":{"y":[1,{"b":null}],"x":"s"},"m":true}"#)
        #expect(object.objectValue?.keys == ["z", "a", "m"])
        #expect(object["a"]?.objectValue?.keys == ["y", "x"])
        #expect(object["a"]?["y"]?.arrayValue?[1]["b"] == .null)
    }

    @Test(
        "Refused, with the reason and the byte where jansson stopped",
        arguments: [
            ("", 0), ("{", 1), ("{\"a\":1,}", 8), ("[1,]", 4), ("01", 1), ("1.", 2), ("-", 1), ("{\"a\" 1}", 6), ("{\"a\":1}x", 8),
            ("nul", 3), ("\"\u{01}\"", 2), ("{\"a\":1,\"a\":2}", 13), ("1e999", 5), ("-1e400", 6), ("\"\\ud800\"", 7), ("\"\\x\"", 3),
            ("\"a\\u0000b\"", 8), ("{\"a\\u0000\":1}", 10), ("[1] [2]", 5), ("/* c */ 1", 1), ("'a'", 1), ("NaN", 1),
            ("Infinity", 8), ("99999999999999999999", 20),
        ])
    func refused(_ text: String, _ near: Int) throws {
        do {
            let value = try parse(text)
            Issue.record("accepted \(text.debugDescription) as \(value)")
        } catch {
            #expect(!error.message.isEmpty)
            // jansson counts the bytes it read; the test allows the token it stopped in.
            if near > 0 { #expect(error.offset.map { abs($0 - near) <= 3 } == true, "\(text.debugDescription): \(error)") }
        }
    }

    @Test("Invalid UTF-8 is refused, in strings and in keys")
    func utf8() {
        for bytes: [UInt8] in [[0x22, 0xC3, 0x22], [0x22, 0xFF, 0x22], [0x7B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x3A, 0x31, 0x7D]] {
            #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
        }
    }

    @Test("Nesting: 32 levels are read, 33 refused without a position; jansson's own bound stops deeper texts")
    func depth() throws {
        let ok = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
        #expect(try parse(ok).arrayValue != nil)
        let deep = String(repeating: "[", count: 33) + String(repeating: "]", count: 33)
        #expect(throws: JSONParseError.tooDeep(32)) { try parse(deep) }
        let objects = String(repeating: "{\"a\":", count: 33) + "1" + String(repeating: "}", count: 33)
        #expect(throws: JSONParseError.tooDeep(32)) { try parse(objects) }
        let huge = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError.self) { try parse(huge) }
        #expect(try JSONParser.parse(Array(deep.utf8), maxDepth: 40).arrayValue != nil)
    }

    @Test("Data and array slices parse the same as arrays")
    func inputs() throws {
        let bytes = Array(#"xx{"a":[1,2]}yy"#.utf8)
        #expect(try JSONParser.parse(bytes[2..<13]) == ["a": [1, 2]])
        #expect(try JSONParser.parse(ContiguousArray(bytes[2..<13])) == ["a": [1, 2]])
        #expect(try JSONParser.parse(AnySequence(bytes[2..<13])) == ["a": [1, 2]], "a sequence without contiguous storage")
    }
}
