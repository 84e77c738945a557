/// A tenant's own short code of a material, scheme or claim: letters, digits, spaces and `. _ -`,
/// 1 to 64 of them, starting with a letter or digit.
public enum MaterialCode {
    public static func check(_ text: String, field: String, spaces: Bool = false) throws(Problem) -> String {
        let ok =
            !text.isEmpty && text.utf8.count <= 64 && (text.first.map { $0.isASCII && ($0.isLetter || $0.isNumber) } ?? false)
            && text.allSatisfy { c in c.isASCII && (c.isLetter || c.isNumber || "._-".contains(c) || (spaces && c == " ")) }
        guard ok else {
            throw Problem.invalidValue(
                field, "must be 1 to 64 letters, digits\(spaces ? ", spaces" : "") or '.', '_', '-', starting with a letter or digit")
        }
        return text
    }
}
