import ArgumentParser
import CTNModel
import CurlHTTP
import Foundation

struct EnergyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "energy", abstract: "Energy reports.", subcommands: [Report.self])

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send an energy report (JSON file; '-' for standard input) and register the resulting intensities.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The report file.") var file: String
        func run() throws {
            let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
            guard var v = try? JSONParser.parse(data), case .object(var o) = v else { fail("\(file) is not a JSON object") }
            // Equipment may be named by local aliases in the file.
            if case .array(let items)? = o["equipment"] {
                o["equipment"] = .array(
                    items.map { item in
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
