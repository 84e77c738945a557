import CTNLedger
import Foundation
import Testing

@Suite struct Base64URLTests {
    /// RFC 4648 §10's test vectors, without the padding base64url leaves off.
    @Test(arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ])
    func rfcVectors(plain: String, encoded: String) {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(Base64URL.decode(encoded) == Array(plain.utf8))
    }

    /// The two characters where the URL alphabet differs from standard Base64 (§5): 62 is "-", 63 is "_".
    @Test func urlAlphabet() {
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
        #expect(Base64URL.encode([0xFF, 0xFF, 0xFF]) == "____")
        #expect(Base64URL.encode([0xF8, 0x00, 0x00]) == "-AAA")
    }

    /// What is not unpadded base64url is refused, not decoded to something else.
    @Test(arguments: ["Zg==", "Zm9v+", "Zm9v/A", "Zm 9v", "Z", "Zm9vY", "Zh", "Zm9", "Zm9vYmF", "é"])
    func refused(text: String) {
        // "Zh" and "Zm9" decode in lenient decoders, but set bits past the end of the data.
        #expect(Base64URL.decode(text) == nil)
    }

    /// Every length from 0 to 300 bytes, all byte values: Foundation's Base64 with the alphabet
    /// swapped and the padding cut (an independent implementation) agrees, and decoding gives the bytes back.
    @Test func agreesWithFoundation() {
        var rng = SystemRandomNumberGenerator()
        for length in 0...300 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let reference = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            let encoded = Base64URL.encode(bytes)
            #expect(encoded == reference, "length \(length)")
            #expect(Base64URL.decode(encoded) == bytes, "length \(length)")
            #expect(Base64URL.decode(Substring(encoded)) == bytes, "length \(length), from a substring")
        }
    }
}
