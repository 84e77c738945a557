import ArgumentParser
import CTNModel
import Foundation

/// `ctn cbam ...`: CBAM for operators outside the EU through the node's API: default values,
/// installations, period reports.
struct CBAMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cbam", abstract: "CBAM: default values, installations and period reports with embedded emissions per good.",
        subcommands: [Defaults.self, Installation.self, Report.self, Show.self])

    struct Defaults: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The default value of a CN code for a country of origin, with its mark-ups.")
        @OptionGroup var client: ClientOptions
        @Option(help: "The CN code ('7208 10 00').") var cn: String
        @Option(help: "The country of origin (ISO 3166 alpha-2).") var country: String
        @Option(help: "The date it must be in force at (RFC 3339; default now).") var at: String?
        func run() throws {
            let query = MassBalanceReport.query(["cn": cn, "country": country, "at": at])
            client.show(client.call("GET", "/v1/cbam/defaults" + query, needsToken: false))
        }
    }

    struct Installation: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register, list or withdraw installations.", subcommands: [Add.self, List.self, Withdraw.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Register an installation (its name and address are published for CBAM).")
            @OptionGroup var client: ClientOptions
            @Option(help: "Its name.") var name: String
            @Option(help: "Its address.") var address: String
            @Option(help: "Its country (ISO 3166 alpha-2).") var country: String
            @Option(help: "Its UN/LOCODE.") var unlocode: String
            @Option(help: "Latitude of the main emission source.") var latitude: Double
            @Option(help: "Longitude of the main emission source.") var longitude: Double
            @Option(help: "Its CBAM registry ID, if any.") var registryId: String?
            func run() throws {
                var body = JSONObject([
                    "name": .string(name), "address": .string(address), "country": .string(country), "unlocode": .string(unlocode),
                    "latitude": .number(latitude), "longitude": .number(longitude),
                ])
                body["registryId"] = .optional(registryId)
                client.show(client.call("POST", "/v1/cbam/installations", body: .object(MassBalanceCommand.compact(body))))
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Your installations.")
            @OptionGroup var client: ClientOptions
            func run() throws { client.show(client.call("GET", "/v1/cbam/installations")) }
        }

        struct Withdraw: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Withdraw an installation: its published names are removed.")
            @OptionGroup var client: ClientOptions
            @Argument(help: "The installation.") var installation: String
            func run() throws { client.show(client.call("DELETE", "/v1/cbam/installations/\(installation)")) }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "File a period report: {installation, period, processes}; answers every good's SEE.")
        @OptionGroup var client: ClientOptions
        @OptionGroup var file: MassBalanceCommand.FileBody
        func run() throws { client.show(client.call("POST", "/v1/cbam/reports", body: try file.body())) }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A filed report, its content hash checked.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The report.") var report: String
        func run() throws { client.show(client.call("GET", "/v1/cbam/reports/\(report)")) }
    }
}
