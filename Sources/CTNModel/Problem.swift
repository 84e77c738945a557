/// An RFC 9457 problem: what the node answers for every refused request. `code` is stable and
/// documented; `field` names the offending parameter (a JSON path such as `equipment[0].unit`).
public struct Problem: Error, Sendable, Equatable {
    public var status: Int
    public var code: String
    public var title: String
    public var detail: String
    public var field: String?
    /// Extension members (RFC 9457 section 3.2), such as the failed checks of a certification.
    public var extensions: JSONObject?

    public init(status: Int, code: String, title: String, detail: String, field: String? = nil, extensions: JSONObject? = nil) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.field = field
        self.extensions = extensions
    }

    public var json: JSONValue {
        var o = JSONObject()
        o["type"] = .string("https://ctn.example/problems/\(code)")
        o["title"] = .string(title)
        o["status"] = .number(Double(status))
        o["code"] = .string(code)
        o["detail"] = .string(detail)
        if let field { o["field"] = .string(field) }
        for (key, value) in extensions?.pairs ?? [] where o[key] == nil { o[key] = value }
        return .object(o)
    }
}

extension Problem {
    public static func malformedJSON(_ detail: String) -> Problem {
        Problem(status: 400, code: "malformed_json", title: "Malformed JSON", detail: detail)
    }
    public static func unknownField(_ field: String) -> Problem {
        Problem(
            status: 400, code: "unknown_field", title: "Unknown field",
            detail: "'\(field)' is not a parameter of this contract", field: field)
    }
    public static func missingField(_ field: String) -> Problem {
        Problem(status: 400, code: "missing_field", title: "Missing field", detail: "'\(field)' is required", field: field)
    }
    public static func wrongType(_ field: String, expected: String, got: String) -> Problem {
        Problem(
            status: 400, code: "wrong_type", title: "Wrong type",
            detail: "'\(field)' must be \(expected), got \(got)", field: field)
    }
    public static func invalidValue(_ field: String, _ detail: String) -> Problem {
        Problem(status: 422, code: "invalid_value", title: "Invalid value", detail: "'\(field)' \(detail)", field: field)
    }
    public static func unknownUnit(_ field: String, _ unit: String, expected: String) -> Problem {
        Problem(
            status: 422, code: "unknown_unit", title: "Unknown or unsuitable unit",
            detail: "'\(field)': '\(unit)' is not a known unit of \(expected)", field: field)
    }
    public static func notFound(_ what: String, field: String? = nil) -> Problem {
        Problem(status: 404, code: "not_found", title: "Not found", detail: "\(what) does not exist", field: field)
    }
    public static func conflict(_ code: String, _ detail: String, field: String? = nil) -> Problem {
        Problem(status: 409, code: code, title: "Conflict with the current state", detail: detail, field: field)
    }
    public static let unauthorized = Problem(
        status: 401, code: "unauthorized", title: "Unauthorized",
        detail: "a valid 'Authorization: Bearer <token>' header is required")
    public static func bodyTooLarge(_ limit: Int) -> Problem {
        Problem(status: 413, code: "body_too_large", title: "Body too large", detail: "request bodies are limited to \(limit) bytes")
    }
}
