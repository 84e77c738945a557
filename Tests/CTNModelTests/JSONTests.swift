import Foundation
import Testing

@testable import CTNModel

@Suite("Strict JSON")
struct JSONTests {
    func parse(_ s: String) throws(JSONParseError) -> JSONValue { try JSONParser.parse(Array(s.utf8)) }

    @Test func accepts() throws {
        let v = try parse(#" {"a": [1, -2.5e3, true, false, null, "x\u00e9\n"], "b": {}} "#)
        #expect(v["a"]?.arrayValue?.count == 6)
        #expect(v["a"]?.arrayValue?[1] == .number(-2500))
        #expect(v["a"]?.arrayValue?[5] == .string("xé\n"))
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
    }

    @Test(arguments: [
        "", "{", "{\"a\":1,}", "[1,]", "01", "1.", "-", "{\"a\" 1}", "{\"a\":1}x", "nul", "\"\u{01}\"",
        "{\"a\":1,\"a\":2}", "1e999", "-1e400", "\"\\ud800\"", "\"\\x\"", "[" + String(repeating: "[", count: 40) + "]",
    ])
    func rejects(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func canonical() throws {
        let v = try parse(#"{"b":1.50,"a":[3,"é"],"c":{"z":null,"y":1e2}}"#)
        #expect(CanonicalJSON.encode(v) == #"{"a":[3,"é"],"b":1.5,"c":{"y":100,"z":null}}"#)
        #expect(CanonicalJSON.encodeOrdered(v) == #"{"b":1.5,"a":[3,"é"],"c":{"z":null,"y":100}}"#)
        // Round trip keeps the exact double.
        let d = 0.1 + 0.2
        #expect(try parse(CanonicalJSON.number(d)) == .number(d))
    }
}

@Suite("IDs and timestamps")
struct IDTests {
    @Test func ids() {
        #expect(ID128("0123456789abcdef0123456789abcdef") != nil)
        #expect(ID128("0123456789ABCDEF0123456789abcdef") == nil)
        #expect(ID128("0123456789abcdef0123456789abcde") == nil)
        #expect(ID128(bytes: [UInt8](repeating: 0xAB, count: 32)).hex == String(repeating: "ab", count: 16))
        #expect(BusinessRef("0123456789abcdef0123456789abcdef@steel-1")?.nodeId == "steel-1")
        #expect(BusinessRef("0123456789abcdef0123456789abcdef@Steel") == nil)
        #expect(BusinessRef("0123456789abcdef0123456789abcdef")?.nodeId == nil)
    }

    @Test func timestamps() {
        // 2021-10-01T00:00:00+09:00 is 2021-09-30T15:00:00Z = 1633014000 s.
        #expect(Timestamp.parseMillis("2021-10-01T00:00:00+09:00") == 1_633_014_000_000)
        #expect(Timestamp.parseMillis("2021-09-30T15:00:00.25Z") == 1_633_014_000_250)
        #expect(Timestamp.format(millis: 1_633_014_000_250) == "2021-09-30T15:00:00.250Z")
        #expect(Timestamp.parseMillis("2021-02-29T00:00:00Z") == nil)
        #expect(Timestamp.parseMillis("2024-02-29T00:00:00Z") != nil)
        #expect(Timestamp.parseMillis("2021-10-01 00:00:00Z") == nil)
        #expect(Timestamp.parseMillis("2021-10-01T00:00:00") == nil)
    }
}

@Suite("Contract definitions")
struct ContractDefinitionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("Every contract of Table 11 and the energy report has a definition")
    func allContracts() throws {
        let defs = try ContractDefinition.loadAll(folder: Self.root.appendingPathComponent("Contracts"))
        let names = Set(defs.map(\.name))
        for n in [
            "Lot Registration", "Material Use", "Equipment Use", "Lot Completed", "Lot Shipment", "Lot Enquiry",
            "Material Use Enquiry", "Facility Usage Enquiry", "Equipment Registration", "Equipment Intensity Registration",
            "Equipment Enquiry", "Energy Report",
        ] {
            #expect(names.contains(n), "missing \(n)")
        }
        // Every PUSH contract writes a ledger event; every enquiry writes none.
        for d in defs where d.name.hasSuffix("Enquiry") { #expect(d.ledgerEvent == nil) }
        for d in defs where d.direction == .push { #expect(d.ledgerEvent != nil) }
    }

    @Test("Every definition lists the problems every contract of its kind can answer")
    func problems() throws {
        let defs = try ContractDefinition.loadAll(folder: Self.root.appendingPathComponent("Contracts"))
        for d in defs {
            #expect(!d.problems.isEmpty, "\(d.id) lists no problem")
            // Any request may be too large or carry a signature that does not verify; the store may fail.
            for (status, code) in [(401, "bad_signature"), (413, "body_too_large"), (500, "internal")] {
                #expect(d.defines(status: status, code: code), "\(d.id) lacks \(status) \(code)")
            }
            if d.body != nil {
                for code in ["malformed_json", "missing_field", "unknown_field", "wrong_type"] {
                    #expect(d.defines(status: 400, code: code), "\(d.id) lacks 400 \(code)")
                }
            }
            if d.auth == .tenant { #expect(d.defines(status: 401, code: "unauthorized"), "\(d.id)") }
            #expect(d.peerCallable != d.defines(status: 403, code: "not_for_peers"), "\(d.id): peers either may call it or are refused")
            if d.forwardable {
                for (status, code) in [(422, "unknown_node"), (502, "peer_unreachable"), (502, "peer_refused")] {
                    #expect(d.defines(status: status, code: code), "\(d.id) lacks \(status) \(code)")
                }
            }
            #expect(d.problems.allSatisfy { !$0.when.isEmpty }, "\(d.id): every problem says when")
            #expect(d.responseFields.contains { $0.required }, "\(d.id) names no field every answer has")
        }
    }

    @Test("The validator names the offending field")
    func validator() throws {
        let dicts = try Dictionaries.load(folder: Self.root.appendingPathComponent("Dictionaries"))
        let defs = try ContractDefinition.loadAll(folder: Self.root.appendingPathComponent("Contracts"))
        let v = ContractValidator(dictionaries: dicts)
        let report = defs.first { $0.id == "energy-report" }!
        func problem(_ body: String) -> Problem? {
            do {
                _ = try v.validateBody(report, bytes: Array(body.utf8))
                return nil
            } catch { return error }
        }
        let base = #""periodStart":"2021-10-01T00:00:00Z","periodEnd":"2021-10-02T00:00:00Z""#
        let eq = #""equipmentId":"0123456789abcdef0123456789abcdef","operatingTime":1,"unit":"min""#
        #expect(
            problem(
                #"{\#(base),"energy":[{"type":"electricity","consumption":1,"unit":"kWh"}],"equipment":[{\#(eq),"performance":[{"type":"electricity","value":1,"unit":"kW"}]}]}"#
            ) == nil)
        #expect(
            problem(#"{\#(base),"energy":[{"type":"electricity","consumption":-1,"unit":"kWh"}],"equipment":[]}"#)?.field
                == "energy[0].consumption")
        #expect(
            problem(#"{\#(base),"energy":[{"type":"coal","consumption":1,"unit":"kWh"}],"equipment":[]}"#)?.code == "unknown_energy_type")
        #expect(
            problem(
                #"{\#(base),"energy":[{"type":"electricity","consumption":1,"unit":"kWh"}],"equipment":[{\#(eq),"performance":[{"type":"electricity","value":1,"unit":"kW","x":2}]}]}"#
            )?.field == "equipment[0].performance[0].x")
        #expect(
            problem(#"{\#(base),"energy":[{"type":"electricity","consumption":"1","unit":"kWh"}],"equipment":[]}"#)?.code == "wrong_type")
    }
}

@Suite("Canonical key order")
struct KeyOrderTests {
    @Test("Keys sort by UTF-16 code units (RFC 8785), also beyond ASCII")
    func order() {
        // U+FB01 (ﬁ) is one UTF-16 unit 0xFB01; U+1F600 (😀) is the surrogate pair 0xD83D 0xDE00,
        // so in UTF-16 order 😀 comes first although its code point is larger.
        let v: JSONValue = ["ﬁ": 1, "😀": 2, "b": 3, "a": 4]
        #expect(CanonicalJSON.encode(v) == #"{"a":4,"b":3,"😀":2,"ﬁ":1}"#)
    }
}
