import Foundation

/// Footprint IDs: RFC 4122 UUIDs in lowercase, version 4.
public enum PACTUUID {
    public static func isUUID(_ s: String) -> Bool { s.utf8.count == 36 && UUID(uuidString: s) != nil }

    public static func make() -> String { UUID().uuidString.lowercased() }
}
