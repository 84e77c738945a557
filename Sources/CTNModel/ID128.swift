import Foundation

/// A 128-bit identifier written as 32 lowercase hexadecimal characters. Lot, equipment, business
/// and report IDs are all of this form; they are derived by hashing (see `CTNLedger.IDMinter`)
/// so that nothing about the named thing can be read from them.
public struct ID128: Hashable, Sendable, CustomStringConvertible, Comparable {
    public let hex: String

    public init?(_ text: String) {
        guard text.utf8.count == 32,
            text.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        hex = text
    }

    public init(bytes: some Collection<UInt8>) {
        precondition(bytes.count >= 16)
        let table = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(32)
        for b in bytes.prefix(16) {
            out.append(table[Int(b >> 4)])
            out.append(table[Int(b & 0x0F)])
        }
        hex = String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }
    public static func < (a: ID128, b: ID128) -> Bool { a.hex < b.hex }
}
