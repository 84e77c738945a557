import ArgumentParser
import CTNModel
import CTNService
import Foundation

/// `ctn engine calculate FILE`: the site carbon engine on a calculation document, offline.
struct EngineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine", abstract: "The site carbon engine.", subcommands: [Calculate.self])

    /// Calculates a document and prints the result, or the problem that stopped it (exit 1).
    struct Calculate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Calculate a site's emissions for a period from a calculation document (JSON), without a node.")
        @Argument(help: "The calculation document (JSON file).") var file: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                throw ValidationError("cannot read \(file): \(error.localizedDescription)")
            }
            do {
                let parsed: JSONValue
                do { parsed = try JSONParser.parse(data) } catch { throw Problem.malformedJSON(error.description) }
                Output.print(try CalculationDocument.calculate(parsed), json: json)
            } catch let problem as Problem {
                print(CanonicalJSON.encode(problem.json))
                throw ExitCode(1)
            }
        }
    }
}
