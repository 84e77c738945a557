/// URNs as PACT takes them (`urn:` in any case, then a namespace and a specific string).
public enum PACTURN {
    public static func isURN(_ s: String) -> Bool {
        let lower = s.lowercased()
        guard lower.hasPrefix("urn:"), s.utf8.count > 4, s.utf8.count <= 256 else { return false }
        return s.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 32 && $0 != "\"" && $0 != "<" && $0 != ">" }
    }
}
