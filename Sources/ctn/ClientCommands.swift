import ArgumentParser
import CTNModel
import CurlHTTP
import Foundation

/// Options every client command takes. The owner's aliases stay in a local file, never sent.
struct ClientOptions: ParsableArguments {
    @Option(help: "Node base URL (or CTN_NODE).") var node: String?
    @Option(help: "Tenant token (or CTN_TOKEN).") var token: String?
    @Option(help: "CA certificate to trust for HTTPS (or CTN_CACERT).") var cacert: String?
    @Flag(help: "Print the node's JSON answer instead of a table.") var json = false

    var baseURL: String {
        (node ?? ProcessInfo.processInfo.environment["CTN_NODE"] ?? "http://127.0.0.1:8080").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    }
    var bearer: String? { token ?? ProcessInfo.processInfo.environment["CTN_TOKEN"] }

    /// Calls the node; prints the answer, or the problem and exits 1.
    func call(_ method: String, _ path: String, body: JSONValue? = nil, needsToken: Bool = true, allowProblem: Bool = false) -> JSONValue {
        let client = CurlClient(caFile: cacert ?? ProcessInfo.processInfo.environment["CTN_CACERT"])
        var headers: [String] = []
        if let t = bearer { headers.append("Authorization: Bearer \(t)") } else if needsToken { fail("no token: pass --token or set CTN_TOKEN") }
        let result: HTTPResult
        do {
            result = try client.request(method, baseURL + path, headers: headers, body: body.map { Array(CanonicalJSON.encodeOrdered($0).utf8) })
        } catch {
            fail("cannot reach \(baseURL): \(error)")
        }
        guard let v = try? JSONParser.parse(result.body) else { fail("HTTP \(result.status): \(result.text)") }
        if result.status >= 400, !(allowProblem && v["checks"] != nil) {
            if json { Output.print(v, json: true) }
            fail("HTTP \(result.status) \(v["code"].map(Output.scalar) ?? ""): \(v["detail"].map(Output.scalar) ?? result.text)")
        }
        return v
    }

    func show(_ v: JSONValue) { Output.print(v, json: json) }
}

/// Local, client-side names for IDs: `<alias>` may stand wherever an ID is asked for.
enum Aliases {
    static var file: URL {
        if let f = ProcessInfo.processInfo.environment["CTN_ALIASES"] { return URL(fileURLWithPath: f) }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config/ctn/aliases.json")
    }

    static func load() -> [String: String] {
        guard let data = try? Data(contentsOf: file), let v = try? JSONParser.parse(data), case .object(let o) = v else { return [:] }
        return Dictionary(uniqueKeysWithValues: o.pairs.compactMap { k, v in v.stringValue.map { (k, $0) } })
    }

    static func save(_ alias: String, _ id: String) {
        var all = load()
        all[alias] = id
        var o = JSONObject()
        for k in all.keys.sorted() { o[k] = .string(all[k]!) }
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        FileManager.default.createFile(atPath: file.path, contents: Data(CanonicalJSON.encodeOrdered(.object(o)).utf8),
                                       attributes: [.posixPermissions: 0o600])
    }

    static func resolve(_ s: String) -> String { ID128(s) != nil ? s : (load()[s] ?? s) }
}

struct LotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lot", abstract: "Lot contracts.",
        subcommands: [Register.self, UseMaterial.self, UseEquipment.self, Complete.self, Correct.self, Ship.self, Contribute.self, Show.self, Materials.self, Equipment.self])

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lot Registration: obtain a lot ID.")
        @OptionGroup var client: ClientOptions
        @Option(help: "Declared unit of the lot's CFP.") var declaredUnit = "piece"
        @Option(help: "A local name for the new lot (kept on this machine only).") var alias: String?
        func run() {
            let v = client.call("POST", "/v1/lots", body: ["declaredUnit": .string(declaredUnit)])
            if let alias, let id = v["lotId"]?.stringValue { Aliases.save(alias, id) }
            client.show(v)
        }
    }

    struct UseMaterial: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "use-material", abstract: "Material Use: a material lot or a category consumed by a lot.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Lot ID or alias.") var lot: String
        @Option(help: "Material lot ID or alias.") var materialLot: String?
        @Option(help: "Node ID holding the material lot, when it is another node (a peer).") var materialNode: String?
        @Option(help: "Material category of the dictionaries.") var category: String?
        @Option(help: "With --category: 'dictionary' (default) or 'network' (the network's mean CFP of the category).") var intensitySource: String?
        @Option(help: "Quantity consumed.") var quantity: Double
        @Option(help: "Unit of the quantity.") var unit: String
        @Option(help: "When (RFC 3339); default now.") var time: String?
        func run() {
            var b = JSONObject()
            if let materialLot { b["materialLotId"] = .string(Aliases.resolve(materialLot)) }
            if let materialNode { b["node"] = .string(materialNode) }
            if let category { b["category"] = .string(category) }
            if let intensitySource { b["intensitySource"] = .string(intensitySource) }
            b["quantity"] = .number(quantity)
            b["unit"] = .string(unit)
            if let time { b["time"] = .string(time) }
            client.show(client.call("POST", "/v1/lots/\(Aliases.resolve(lot))/material-uses", body: .object(b)))
        }
    }

    struct UseEquipment: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "use-equipment", abstract: "Equipment Use: an equipment's activity for a lot.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Lot ID or alias.") var lot: String
        @Option(help: "Equipment ID or alias.") var equipment: String
        @Option(help: "Activity (usually operating time).") var activity: Double
        @Option(help: "Unit of the activity.") var unit = "min"
        @Option(help: "When (RFC 3339); default now.") var time: String?
        func run() {
            var b = JSONObject()
            b["equipmentId"] = .string(Aliases.resolve(equipment))
            b["activity"] = .number(activity)
            b["unit"] = .string(unit)
            if let time { b["time"] = .string(time) }
            client.show(client.call("POST", "/v1/lots/\(Aliases.resolve(lot))/equipment-uses", body: .object(b)))
        }
    }

    struct Complete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lot Completed: close the lot and fix its CFP per good unit.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Lot ID or alias.") var lot: String
        @Option(help: "Units completed.") var completed: Double
        @Option(help: "Of those, defective units.") var defects: Double = 0
        func run() {
            client.show(client.call("POST", "/v1/lots/\(Aliases.resolve(lot))/completion",
                                    body: ["completed": .number(completed), "defects": .number(defects)]))
        }
    }

    struct Contribute: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Category Contribution: let the lot's CFP into a category's statistics.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Lot ID or alias.") var lot: String
        @Option(help: "Material category of the dictionaries.") var category: String
        func run() { client.show(client.call("POST", "/v1/lots/\(Aliases.resolve(lot))/contribution", body: ["category": .string(category)])) }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lot Correction: restate a completed lot's figures; its statement gets a new version.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Lot ID or alias.") var lot: String
        @Option(help: "Why the figures change.") var reason: String
        @Option(help: "Corrected units completed.") var completed: Double?
        @Option(help: "Corrected defective units.") var defects: Double?
        func run() {
            var b = JSONObject(["reason": .string(reason)])
            if let completed { b["completed"] = .number(completed) }
            if let defects { b["defects"] = .number(defects) }
            client.show(client.call("POST", "/v1/lots/\(Aliases.resolve(lot))/corrections", body: .object(b)))
        }
    }

    struct Ship: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lot Shipment: ship a quantity to a business.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Lot ID or alias.") var lot: String
        @Option(help: "Consignee business ID ('<id>' or '<id>@<node>'), or alias.") var consignee: String
        @Option(help: "Quantity in the lot's declared unit.") var quantity: Double
        func run() {
            client.show(client.call("POST", "/v1/lots/\(Aliases.resolve(lot))/shipments",
                                    body: ["consignee": .string(Aliases.resolve(consignee)), "quantity": .number(quantity)]))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lot Enquiry: CO2 per declared unit and status (no token needed).")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Lot ID or alias.") var lot: String
        @Option(name: .customLong("lot-node"), help: "The node holding the lot, asked through this node for your business.") var lotNode: String?
        func run() { client.show(client.call("GET", "/v1/lots/\(Aliases.resolve(lot))" + (lotNode.map { "?node=\($0)" } ?? ""), needsToken: lotNode != nil)) }
    }

    struct Materials: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Material Use Enquiry (owner and consignees).")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Lot ID or alias.") var lot: String
        @Option(name: .customLong("lot-node"), help: "The node holding the lot, asked through this node for your business.") var lotNode: String?
        func run() { client.show(client.call("GET", "/v1/lots/\(Aliases.resolve(lot))/material-uses" + (lotNode.map { "?node=\($0)" } ?? ""))) }
    }

    struct Equipment: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Facility Usage Enquiry (owner and consignees).")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Lot ID or alias.") var lot: String
        @Option(name: .customLong("lot-node"), help: "The node holding the lot, asked through this node for your business.") var lotNode: String?
        func run() { client.show(client.call("GET", "/v1/lots/\(Aliases.resolve(lot))/equipment-uses" + (lotNode.map { "?node=\($0)" } ?? ""))) }
    }
}

struct EquipmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "equipment", abstract: "Equipment contracts.",
                                                    subcommands: [Register.self, SetIntensity.self, List.self])

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Equipment Registration: obtain an equipment ID.")
        @OptionGroup var client: ClientOptions
        @Option(help: "Unit of the equipment's activity.") var activityUnit = "min"
        @Option(help: "A local name for the equipment (kept on this machine only).") var alias: String?
        func run() {
            let v = client.call("POST", "/v1/equipment", body: ["activityUnit": .string(activityUnit)])
            if let alias, let id = v["equipmentId"]?.stringValue { Aliases.save(alias, id) }
            client.show(v)
        }
    }

    struct SetIntensity: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-intensity", abstract: "Equipment Intensity Registration: a new intensity version.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Equipment ID or alias.") var equipment: String
        @Option(help: "Emission per activity unit.") var intensity: Double
        @Option(help: "Unit, e.g. kg-CO2e/min.") var unit: String
        @Option(help: "From when it applies (RFC 3339); default now.") var validFrom: String?
        func run() {
            var b = JSONObject()
            b["intensity"] = .number(intensity)
            b["unit"] = .string(unit)
            if let validFrom { b["validFrom"] = .string(validFrom) }
            client.show(client.call("PUT", "/v1/equipment/\(Aliases.resolve(equipment))/intensity", body: .object(b)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Equipment Enquiry: your equipment and current intensities.")
        @OptionGroup var client: ClientOptions
        func run() { client.show(client.call("GET", "/v1/equipment")) }
    }
}

struct EnergyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "energy", abstract: "Energy reports.", subcommands: [Report.self])

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send an energy report (JSON file; '-' for standard input) and register the resulting intensities.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The report file.") var file: String
        func run() throws {
            let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
            guard var v = try? JSONParser.parse(data), case .object(var o) = v else { fail("\(file) is not a JSON object") }
            // Equipment may be named by local aliases in the file.
            if case .array(let items)? = o["equipment"] {
                o["equipment"] = .array(items.map { item in
                    guard case .object(var e) = item, let id = e["equipmentId"]?.stringValue else { return item }
                    e["equipmentId"] = .string(Aliases.resolve(id))
                    return .object(e)
                })
            }
            v = .object(o)
            client.show(client.call("POST", "/v1/energy-reports", body: v))
        }
    }
}

/// `ctn statistics CATEGORY [--network]`.
struct StatisticsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "statistics", abstract: "Category Statistics of this node, or of the network combined.")
    @OptionGroup var client: ClientOptions
    @Argument(help: "Material category.") var category: String
    @Flag(help: "Combine this node's and its peers' statistics (needs a token).") var network = false
    func run() { client.show(client.call("GET", "/v1/statistics/\(category)" + (network ? "/network" : ""), needsToken: network)) }
}
