import CTNModel

/// A contract form's fields turned into the contract's call: path parameters by name, body
/// parameters typed as the definition says (a number field that is not a number stays a string,
/// so that the validator names it), empty fields left out. The call then goes through the same
/// validator and service as the API.
public enum FormBody {
    /// Fields of the console itself, never part of a contract.
    static let reserved: Set<String> = ["_csrf", "_back"]

    public static func call(_ form: FormFields, _ definition: ContractDefinition) -> (path: [String: String], body: JSONObject) {
        // A contract whose body is a document (Site Calculation) takes it whole from `_document`.
        if let document = form["_document"], let parsed = try? JSONParser.parse(Array(document.utf8)), let object = parsed.objectValue {
            var path: [String: String] = [:]
            for p in definition.pathParameters { if let v = form[p.name], !v.isEmpty { path[p.name] = v } }
            return (path, object)
        }
        var path: [String: String] = [:]
        for p in definition.pathParameters + definition.queryParameters { if let v = form[p.name], !v.isEmpty { path[p.name] = v } }
        return (path, object(form, definition.body ?? [], prefix: ""))
    }

    /// The members of an object whose fields are named `prefix` + parameter (`energy[0].` for the
    /// first line of `energy`); arrays of objects from their numbered fields, rows left wholly
    /// empty dropped.
    static func object(_ form: FormFields, _ params: [ParameterDef], prefix: String) -> JSONObject {
        var body = JSONObject()
        for p in params {
            let name = prefix + p.name
            if p.kind == .array, let kind = p.itemKind {
                // A list of scalars: repeated fields, or one field with comma-separated values.
                let values = form.all(name).flatMap { $0.split(separator: ",").map { $0.trimmingSpaces() } }.filter { !$0.isEmpty }
                if !values.isEmpty { body[p.name] = .array(values.map { value(String($0), kind) }) }
                continue
            }
            // A whole document in one field (a calculation, an allocation): its JSON as typed; text that
            // is not JSON stays text, so that the validator names the field.
            if p.kind == .array || p.kind == .object, let raw = form[name], !raw.trimmingSpaces().isEmpty {
                body[p.name] = (try? JSONParser.parse(Array(raw.utf8))) ?? .string(raw)
                continue
            }
            if p.kind == .array || p.kind == .object, let items = p.items {
                if p.kind == .object {
                    let o = object(form, items, prefix: name + ".")
                    if o.count > 0 { body[p.name] = .object(o) }
                    continue
                }
                var rows: [JSONValue] = []
                for index in 0..<64 {
                    let row = "\(name)[\(index)]."
                    guard form.pairs.contains(where: { $0.name.hasPrefix(row) }) else { break }
                    // A row whose first field is empty is not part of the call (an unused line).
                    if let key = items.first, (form[row + key.name] ?? "").trimmingSpaces().isEmpty { continue }
                    let o = object(form, items, prefix: row)
                    if o.count > 0 { rows.append(.object(o)) }
                }
                if !rows.isEmpty { body[p.name] = .array(rows) }
                continue
            }
            guard let raw = form[name] else { continue }
            let text = raw.trimmingSpaces()
            guard !text.isEmpty else { continue }
            body[p.name] = value(text, p.kind)
        }
        return body
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
