import CTNModel

/// A contract form's fields turned into the contract's call: path parameters by name, body
/// parameters typed as the definition says (a number field that is not a number stays a string,
/// so that the validator names it), empty fields left out. The call then goes through the same
/// validator and service as the API.
public enum FormBody {
    /// Fields of the console itself, never part of a contract.
    static let reserved: Set<String> = ["_csrf", "_back"]

    public static func call(_ form: FormFields, _ definition: ContractDefinition) -> (path: [String: String], body: JSONObject) {
        var path: [String: String] = [:]
        for p in definition.pathParameters { if let v = form[p.name], !v.isEmpty { path[p.name] = v } }
        var body = JSONObject()
        for p in definition.body ?? [] {
            if p.kind == .array, let kind = p.itemKind {
                // A list of scalars: repeated fields, or one field with comma-separated values.
                let values = form.all(p.name).flatMap { $0.split(separator: ",").map { $0.trimmingSpaces() } }.filter { !$0.isEmpty }
                if !values.isEmpty { body[p.name] = .array(values.map { value(String($0), kind) }) }
                continue
            }
            guard let raw = form[p.name] else { continue }
            let text = raw.trimmingSpaces()
            guard !text.isEmpty else { continue }
            body[p.name] = value(text, p.kind)
        }
        return (path, body)
    }

    static func value(_ text: String, _ kind: ParameterDef.Kind) -> JSONValue {
        switch kind {
        case .number, .integer: Double(text).map { $0.isFinite ? JSONValue.number($0) : .string(text) } ?? .string(text)
        case .boolean: text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
        default: .string(text)
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line breaks.
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        var end = scalars.endIndex
        while end > scalars.startIndex {
            let before = scalars.index(before: end)
            guard [" ", "\t", "\n", "\r"].contains(scalars[before]) else { break }
            end = before
        }
        return String(String.UnicodeScalarView(scalars[scalars.startIndex..<end]))
    }
}
