import CTNModel
import Foundation

/// One contract as a form: which of its parameters the page shows and how; the field names are
/// the contract's parameter names, so the node validates the form exactly as it validates the API.
public struct ConsoleForm: Sendable {
    /// How a field is entered.
    public enum Input: Sendable {
        case text(placeholder: String?)
        case number
        case choice([(value: String, text: String)])
        /// Several lines: a JSON document (a calculation, an allocation) or a signed certificate.
        case textarea(rows: Int, placeholder: String?)
    }

    /// One parameter of the contract on the form.
    public struct Field: Sendable {
        public var name: String
        public var label: String
        public var input: Input
        public var value: String?
        public init(_ name: String, _ label: String? = nil, _ input: Input = .text(placeholder: nil), value: String? = nil) {
            self.name = name
            self.label = label ?? ConsoleForm.label(name)
            self.input = input
            self.value = value
        }
    }

    public var definition: ContractDefinition
    public var title: String
    public var submit: String
    public var fields: [Field]
    /// Fixed parameters (path parameters such as the lot), sent as hidden fields.
    public var hidden: [(name: String, value: String)]
    public var danger: Bool

    public init(
        _ definition: ContractDefinition, title: String, submit: String, fields: [Field], hidden: [(name: String, value: String)] = [],
        danger: Bool = false
    ) {
        self.definition = definition
        self.title = title
        self.submit = submit
        self.fields = fields
        self.hidden = hidden
        self.danger = danger
    }

    /// The view the `form` template renders. `problem` and `values` come back from a refused
    /// submission: the message goes next to the field it names (or above the form), the values
    /// stay as typed.
    public func view(csrf: String, back: String, problem: Problem? = nil, values: FormFields? = nil) -> [String: Any] {
        let parameters = (definition.body ?? []) + definition.pathParameters
        var placed = false
        let fieldViews: [[String: Any]] = fields.map { f in
            let p = parameters.first { $0.name == f.name }
            var v: [String: Any] = [
                "id": "\(definition.id)-\(f.name)", "name": f.name, "label": f.label, "required": p?.required ?? false,
                "value": values?[f.name] ?? f.value ?? "", "help": p?.description ?? "",
            ]
            switch f.input {
            case .text(let placeholder):
                v["type"] = p?.kind == .timestamp ? "text" : "text"
                if let placeholder { v["placeholder"] = placeholder }
            case .number:
                v["type"] = "number"
                v["step"] = true
            case .textarea(let rows, let placeholder):
                v["textarea"] = true
                v["rows"] = rows
                if let placeholder { v["placeholder"] = placeholder }
            case .choice(let options):
                let chosen = values?[f.name] ?? f.value
                v["select"] = true
                v["options"] = options.map { o in ["value": o.value, "text": o.text, "selected": o.value == chosen] as [String: Any] }
            }
            if let problem, let field = problem.field, Self.names(field, f.name) {
                v["error"] = problem.detail
                placed = true
            }
            return v
        }
        var view: [String: Any] = [
            "contract": definition.id, "title": title, "summary": definition.summary, "csrf": csrf, "back": back, "submit": submit,
            "fields": fieldViews, "hidden": hidden.map { ["name": $0.name, "value": $0.value] }, "danger": danger,
        ]
        if let problem, !placed { view["problem"] = "\(problem.title): \(problem.detail)" }
        return view
    }

    /// Whether a problem's field path is about form field `name` (`energy[0].type` is about `energy`).
    static func names(_ path: String, _ name: String) -> Bool {
        path == name || path.hasPrefix(name + ".") || path.hasPrefix(name + "[")
    }

    /// `declaredUnit` → "Declared unit".
    static func label(_ name: String) -> String {
        var out = ""
        for c in name {
            if c.isUppercase, !out.isEmpty { out += " " + c.lowercased() } else { out.append(out.isEmpty ? Character(c.uppercased()) : c) }
        }
        return out.hasSuffix(" id") ? String(out.dropLast(2)) + "ID" : out
    }
}
