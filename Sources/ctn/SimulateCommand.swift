import ArgumentParser
import CTNModel
import CTNService
import Foundation

/// `ctn simulate run FILE` and `ctn simulate apply FILE`: production simulation on the owner's own
/// machine. The model and the orders never leave it; applying sends only equipment IDs, lot IDs,
/// minutes and intensities.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate", abstract: "Production simulation: a virtual factory calibrated to the meters you have.",
        subcommands: [Run.self, Apply.self])

    /// Runs a document offline and prints the results (and its scenarios), or the problem (exit 1).
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate a run document (JSON): minutes, energy and CO2 per machine and lot, calibration, what-if scenarios.")
        @Argument(help: "The run document (JSON file; '-' for standard input).") var file: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let answer = try SimulateCommand.simulate(file)
            if json {
                Output.print(answer, json: true)
            } else {
                print(SimulationTable.render(answer), terminator: "")
            }
        }
    }

    /// Runs a document and records the result as Equipment Uses of the real lots it names.
    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulate a run document and record its lots' minutes per machine, with the calibrated intensities, on the node.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The run document (JSON file; '-' for standard input).") var file: String
        @Flag(help: "Print what would be sent, and send nothing.") var show = false

        func run() throws {
            let answer = try SimulateCommand.simulate(file)
            if let blocked = answer["applyBlocked"]?.arrayValue {
                fail("cannot apply: " + blocked.map(Output.scalar).joined(separator: "; "))
            }
            guard let apply = answer["apply"] else { fail("no order of the run names a real lot (lotId)") }
            if answer["calibration"]?["status"]?.stringValue != "calibrated" {
                FileHandle.standardError.write(
                    Data("note: the run is not fully calibrated; uncalibrated activity counts as secondary data\n".utf8))
            }
            if show {
                Output.print(apply, json: true)
                return
            }
            client.show(client.call("POST", "/v1/simulation/applications", body: apply))
        }
    }

    /// Reads, resolves local aliases of equipment and lots, and runs a document.
    static func simulate(_ file: String) throws -> JSONValue {
        let data: Data
        do {
            data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        do {
            let parsed: JSONValue
            do { parsed = try JSONParser.parse(data) } catch { throw Problem.malformedJSON(error.description) }
            return try SimulationDocument.simulate(resolvingAliases(parsed))
        } catch let problem as Problem {
            print(CanonicalJSON.encode(problem.json))
            throw ExitCode(1)
        }
    }

    /// Equipment and lots may be named by the owner's local aliases (`ctn` keeps them in a local file).
    static func resolvingAliases(_ v: JSONValue) -> JSONValue {
        guard case .object(var root) = v else { return v }
        func resolve(_ items: JSONValue?, key: String) -> JSONValue? {
            guard case .array(let list)? = items else { return items }
            return .array(
                list.map { item in
                    guard case .object(var o) = item, let text = o[key]?.stringValue else { return item }
                    o[key] = .string(Aliases.resolve(text))
                    return .object(o)
                })
        }
        if case .object(var model)? = root["model"] {
            model["machines"] = resolve(model["machines"], key: "equipmentId")
            root["model"] = .object(model)
        }
        root["orders"] = resolve(root["orders"], key: "lotId")
        return .object(root)
    }
}
