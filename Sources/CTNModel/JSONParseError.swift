import CJansson

/// Why a JSON text was refused, and at which byte when the parser knows it.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Bytes read before the error, or nil where no single position is to blame (nesting too deep).
    public var offset: Int?

    public init(message: String, offset: Int?) {
        self.message = message
        self.offset = offset
    }

    /// The error jansson reported: its text and the byte position it stopped at.
    init(jansson error: json_error_t) {
        var error = error
        let text = withUnsafeBytes(of: &error.text) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        self.init(message: text.isEmpty ? "not JSON" : text, offset: Int(error.position))
    }

    static func tooDeep(_ maxDepth: Int) -> JSONParseError {
        JSONParseError(message: "nesting deeper than \(maxDepth) levels", offset: nil)
    }

    /// The message, with the byte position where known: `unexpected newline near '"a' at byte 4`.
    public var description: String { offset.map { "\(message) at byte \($0)" } ?? message }
}
