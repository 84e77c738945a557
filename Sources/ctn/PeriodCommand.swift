import ArgumentParser
import CTNModel
import Foundation

/// `ctn period lock|restate|show|diff`: locked site periods through the node's API.
struct PeriodCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "period", abstract: "Lock, restate and compare site periods (the site carbon engine's snapshots).",
        subcommands: [Lock.self, Restate.self, Show.self, Diff.self])

    /// The options of a lock or a restatement that become its `allocation` and `override`.
    struct LockOptions: ParsableArguments {
        @Option(help: "JSON file with the allocation (an array of {equipmentId, activity, unit, performance?, share?}).")
        var allocation: String?
        @Option(name: .customLong("override"), help: "A CRITICAL finding code to override (repeat for each).") var overrides: [String] = []
        @Option(help: "Why the overridden findings do not stop the lock (at least 20 characters).") var justification: String?

        func apply(to body: inout JSONObject) throws {
            if let allocation {
                let value = try PeriodCommand.read(allocation)
                // Equipment may be named by local aliases in the file.
                body["allocation"] = .array(
                    (value.arrayValue ?? []).map { item in
                        guard case .object(var e) = item, let id = e["equipmentId"]?.stringValue else { return item }
                        e["equipmentId"] = .string(Aliases.resolve(id))
                        return .object(e)
                    })
            }
            guard !overrides.isEmpty || justification != nil else { return }
            guard let justification, !overrides.isEmpty else {
                throw ValidationError("--override and --justification go together")
            }
            body["override"] = ["justification": .string(justification), "codes": .array(overrides.map { .string($0) })]
        }
    }

    static func read(_ file: String) throws -> JSONValue {
        let data: Data
        do {
            data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        do { return try JSONParser.parse(data) } catch { throw ValidationError("\(file) is not JSON: \(error.description)") }
    }

    struct Lock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lock a site period: run the calculation's readiness checks, keep the snapshot, register the allocated intensities.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The calculation document (JSON file).") var calculation: String
        @OptionGroup var options: LockOptions
        @Option(help: "From when the intensities apply (RFC 3339; default the period's start).") var validFrom: String?

        func run() throws {
            var body = JSONObject()
            body["calculation"] = try PeriodCommand.read(calculation)
            try options.apply(to: &body)
            if body["allocation"] == nil { throw ValidationError("--allocation is required for a lock") }
            if let validFrom { body["validFrom"] = .string(validFrom) }
            client.show(client.call("POST", "/v1/site-periods", body: .object(body)))
        }
    }

    struct Restate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restate a locked snapshot with a corrected calculation; lots that used its intensities get new versions.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The snapshot to restate (the period's latest).") var snapshot: String
        @Argument(help: "The corrected calculation document (JSON file).") var calculation: String
        @Option(help: "Why the period is restated.") var reason: String
        @OptionGroup var options: LockOptions

        func run() throws {
            var body = JSONObject()
            body["calculation"] = try PeriodCommand.read(calculation)
            body["reason"] = .string(reason)
            try options.apply(to: &body)
            client.show(client.call("POST", "/v1/site-periods/\(snapshot)/restatements", body: .object(body)))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A snapshot as it was locked, its hash checked, and the period's history.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The snapshot.") var snapshot: String
        func run() throws { client.show(client.call("GET", "/v1/site-periods/\(snapshot)")) }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What a restatement changed against its parent.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The restated snapshot.") var snapshot: String
        func run() throws { client.show(client.call("GET", "/v1/site-periods/\(snapshot)/diff")) }
    }
}
