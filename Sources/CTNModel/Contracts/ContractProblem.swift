/// One problem a contract can answer, as its definition lists it: the HTTP status, the problem's
/// `code`, and when it is answered. The OpenAPI document lists exactly these per operation.
public struct ContractProblem: Sendable, Equatable {
    public var status: Int
    public var code: String
    public var when: String

    public init(status: Int, code: String, when: String) {
        self.status = status
        self.code = code
        self.when = when
    }

    init(json v: JSONValue) throws {
        guard let status = v["status"]?.numberValue.flatMap({ Int(exactly: $0) }), (400...599).contains(status) else {
            throw ConfigError("a problem needs a 'status' from 400 to 599")
        }
        guard let code = v["code"]?.stringValue, !code.isEmpty else { throw ConfigError("a problem needs a 'code'") }
        self.init(status: status, code: code, when: v["when"]?.stringValue ?? "")
    }
}
