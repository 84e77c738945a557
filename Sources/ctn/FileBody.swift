import ArgumentParser
import CTNModel

/// The argument of a command that posts a JSON file as the body of one contract.
struct FileBody: ParsableArguments {
    @Argument(help: "The body (JSON file, or - for standard input).") var file: String
    func body() throws -> JSONValue { try PeriodCommand.read(file) }
}
