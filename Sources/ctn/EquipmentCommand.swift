import ArgumentParser
import CTNModel
import CurlHTTP
import Foundation

struct EquipmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "equipment", abstract: "Equipment contracts.",
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
        static let configuration = CommandConfiguration(
            commandName: "set-intensity", abstract: "Equipment Intensity Registration: a new intensity version.")
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
