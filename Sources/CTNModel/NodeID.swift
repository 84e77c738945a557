import Foundation

/// The rules of node IDs: lowercase letters, digits and '-', 1 to 63 characters.
public enum NodeID {
    /// Node IDs are short DNS-label-like names: lowercase letters, digits and '-', 1 to 63 characters.
    public static func isValid(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard (1...63).contains(u.count), u.first != UInt8(ascii: "-"), u.last != UInt8(ascii: "-") else { return false }
        return u.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") }
    }
}
