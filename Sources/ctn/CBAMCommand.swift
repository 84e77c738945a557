import ArgumentParser
import CTNModel
import Foundation

/// `ctn cbam ...`: CBAM for operators outside the EU through the node's API: default values,
/// installations, period reports.
struct CBAMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cbam", abstract: "CBAM: default values, installations and period reports with embedded emissions per good.",
        subcommands: [
            Defaults.self, Installation.self, Report.self, Show.self, Export.self, Verify.self, Attach.self, Pull.self, Import.self,
            Imports.self,
        ])

    struct Defaults: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The default value of a CN code for a country of origin, with its mark-ups.")
        @OptionGroup var client: ClientOptions
        @Option(help: "The CN code ('7208 10 00').") var cn: String
        @Option(help: "The country of origin (ISO 3166 alpha-2).") var country: String
        @Option(help: "The date it must be in force at (RFC 3339; default now).") var at: String?
        func run() throws {
            let query = RequestParts.query(["cn": cn, "country": country, "at": at])
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
                client.show(client.call("POST", "/v1/cbam/installations", body: .object(RequestParts.compact(body))))
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
        @OptionGroup var file: FileBody
        func run() throws { client.show(client.call("POST", "/v1/cbam/reports", body: try file.body())) }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A filed report, its content hash checked.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The report.") var report: String
        func run() throws { client.show(client.call("GET", "/v1/cbam/reports/\(report)")) }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a report's summary as a workbook laid out like the Commission's communication template, and as JSON.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The report.") var report: String
        @Option(help: "Write the workbook (.xlsx) here.") var xlsx: String?
        @Option(name: .customLong("json-out"), help: "Write the JSON here.") var jsonOut: String?
        func run() throws {
            let r = client.call("GET", "/v1/cbam/reports/\(report)")
            let id = r["installation"]?.stringValue
            let installation = client.call("GET", "/v1/cbam/installations")["installations"]?.arrayValue?.first {
                $0["installationId"]?.stringValue == id
            }
            let place = installation ?? .null
            if let xlsx {
                FileManager.default.createFile(atPath: xlsx, contents: Data(CBAMExport.workbook(report: r, installation: place).bytes()))
            }
            let json = CBAMExport.json(report: r, installation: place)
            if let jsonOut { FileManager.default.createFile(atPath: jsonOut, contents: Data(CanonicalJSON.encodeOrdered(json).utf8)) }
            if xlsx == nil, jsonOut == nil { client.show(json) }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "As a verifier: replay an operator's report and sign a verification statement (written with --out).")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The report.") var report: String
        @Option(help: "The operator's node (default this node).") var reportNode: String?
        @Option(help: "Write the statement (JWS) to this file.") var out: String?
        func run() throws {
            var body = JSONObject(["reportId": .string(report)])
            body["node"] = .optional(reportNode)
            let answer = client.call("POST", "/v1/cbam/verifications", body: .object(RequestParts.compact(body)))
            if let out, let jws = answer["verification"]?.stringValue {
                FileManager.default.createFile(atPath: out, contents: Data((jws + "\n").utf8))
            }
            client.show(answer)
        }
    }

    struct Attach: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "As the operator: attach a verifier's statement (JWS file) to a report.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The report.") var report: String
        @Argument(help: "The statement file.") var statement: String
        func run() throws {
            guard let data = FileManager.default.contents(atPath: statement) else { throw ValidationError("cannot read \(statement)") }
            let jws = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            client.show(client.call("POST", "/v1/cbam/reports/\(report)/verifications", body: ["verification": .string(jws)]))
        }
    }

    struct Pull: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "As an importer: pull a supplier's signed summary from its node, check every signature, book it.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The supplier's report.") var report: String
        @Option(help: "The supplier's node.") var reportNode: String
        func run() throws {
            client.show(client.call("POST", "/v1/cbam/summaries", body: ["node": .string(reportNode), "reportId": .string(report)]))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "As an importer: record tonnes of a CN code imported from a booked report.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The supplier's report.") var report: String
        @Option(help: "The supplier's node.") var reportNode: String?
        @Option(help: "The CN code.") var cn: String
        @Option(help: "The mass ('100 t').") var mass: String
        @Option(help: "When it was released for free circulation (RFC 3339; default now).") var importedAt: String?
        func run() throws {
            var body = JSONObject(["reportId": .string(report), "cn": .string(cn), "mass": try RequestParts.mass(mass)])
            body["node"] = .optional(reportNode)
            body["importedAt"] = .optional(importedAt)
            client.show(client.call("POST", "/v1/cbam/imports", body: .object(RequestParts.compact(body))))
        }
    }

    struct Imports: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "As an importer: a year's imports and their embedded emissions.")
        @OptionGroup var client: ClientOptions
        @Option(help: "The year (default this year).") var year: Int?
        func run() throws {
            client.show(client.call("GET", "/v1/cbam/imports" + RequestParts.query(["year": year.map(String.init)])))
        }
    }
}
