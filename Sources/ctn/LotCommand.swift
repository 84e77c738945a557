import ArgumentParser
import CTNModel
import CurlHTTP
import Foundation

struct LotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lot", abstract: "Lot contracts.",
        subcommands: [
            Register.self, UseMaterial.self, UseEquipment.self, Complete.self, Correct.self, Ship.self, Contribute.self, Show.self,
            Materials.self, Equipment.self,
        ])

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
        static let configuration = CommandConfiguration(
            commandName: "use-material", abstract: "Material Use: a material lot or a category consumed by a lot.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Lot ID or alias.") var lot: String
        @Option(help: "Material lot ID or alias.") var materialLot: String?
        @Option(help: "Node ID holding the material lot, when it is another node (a peer).") var materialNode: String?
        @Option(help: "Material category of the dictionaries.") var category: String?
        @Option(help: "With --category: 'dictionary' (default) or 'network' (the network's mean CFP of the category).") var intensitySource:
            String?
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
        static let configuration = CommandConfiguration(
            commandName: "use-equipment", abstract: "Equipment Use: an equipment's activity for a lot.")
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
            client.show(
                client.call(
                    "POST", "/v1/lots/\(Aliases.resolve(lot))/completion",
                    body: ["completed": .number(completed), "defects": .number(defects)]))
        }
    }

    struct Contribute: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Category Contribution: let the lot's CFP into a category's statistics.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Lot ID or alias.") var lot: String
        @Option(help: "Material category of the dictionaries.") var category: String
        func run() {
            client.show(client.call("POST", "/v1/lots/\(Aliases.resolve(lot))/contribution", body: ["category": .string(category)]))
        }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lot Correction: restate a completed lot's figures; its statement gets a new version.")
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
            client.show(
                client.call(
                    "POST", "/v1/lots/\(Aliases.resolve(lot))/shipments",
                    body: ["consignee": .string(Aliases.resolve(consignee)), "quantity": .number(quantity)]))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lot Enquiry: CO2 per declared unit and status (no token needed).")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Lot ID or alias.") var lot: String
        @Option(name: .customLong("lot-node"), help: "The node holding the lot, asked through this node for your business.") var lotNode:
            String?
        func run() {
            client.show(
                client.call("GET", "/v1/lots/\(Aliases.resolve(lot))" + (lotNode.map { "?node=\($0)" } ?? ""), needsToken: lotNode != nil))
        }
    }

    struct Materials: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Material Use Enquiry (owner and consignees).")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Lot ID or alias.") var lot: String
        @Option(name: .customLong("lot-node"), help: "The node holding the lot, asked through this node for your business.") var lotNode:
            String?
        func run() {
            client.show(client.call("GET", "/v1/lots/\(Aliases.resolve(lot))/material-uses" + (lotNode.map { "?node=\($0)" } ?? "")))
        }
    }

    struct Equipment: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Facility Usage Enquiry (owner and consignees).")
        @OptionGroup var client: ClientOptions
        @Argument(help: "Lot ID or alias.") var lot: String
        @Option(name: .customLong("lot-node"), help: "The node holding the lot, asked through this node for your business.") var lotNode:
            String?
        func run() {
            client.show(client.call("GET", "/v1/lots/\(Aliases.resolve(lot))/equipment-uses" + (lotNode.map { "?node=\($0)" } ?? "")))
        }
    }
}
