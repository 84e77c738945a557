import ArgumentParser
import CTNModel
import Foundation

/// `ctn mb ...`: the mass-balance ledger through the node's API: receipts, batches, corrections,
/// attestations, utilities, dispatches, declarations, and the reports (carry-forward and audit
/// pack, as JSON or as a readable document), with an offline check of an audit pack's slices.
struct MassBalanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mb", abstract: "Mass balance: certified and conventional pools, batches, declarations and their reports.",
        subcommands: [
            Receive.self, Batch.self, Correct.self, Attest.self, Utility.self, Dispatch.self, Book.self, Show.self, Balances.self,
            Audit.self, Verify.self,
        ])

    struct Receive: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Book a receipt into a certified or conventional pool.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The material's code.") var material: String
        @Option(help: "certified or conventional.") var pool: String
        @Option(help: "The net mass ('120 t').") var mass: String
        @Option(help: "Scheme of a certified receipt ('ISCC PLUS').") var scheme: String?
        @Option(help: "Claim under the scheme ('bio-attributed').") var claim: String?
        @Option(name: .customLong("sd"), help: "The supplier's SD/PoS number (certified receipts).") var declaration: String?
        @Option(help: "The supplier's business ID.") var supplier: String?
        @Option(help: "When the certified credit can no longer be claimed (RFC 3339).") var expires: String?
        @Option(help: "When it was received (RFC 3339; default now).") var time: String?

        func run() throws {
            var body = JSONObject(["material": .string(material), "pool": .string(pool), "mass": try RequestParts.mass(mass)])
            body["scheme"] = .optional(scheme)
            body["claim"] = .optional(claim)
            body["supplierDeclaration"] = .optional(declaration)
            body["supplier"] = .optional(supplier)
            body["expiresAt"] = .optional(expires)
            body["time"] = .optional(time)
            client.show(client.call("POST", "/v1/mass-balance/receipts", body: .object(RequestParts.compact(body))))
        }
    }

    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Declare a batch from MES: {inputs, outputs, losses?, conversionFactor, tolerance, window?}.")
        @OptionGroup var client: ClientOptions
        @OptionGroup var file: FileBody
        func run() throws { client.show(client.call("POST", "/v1/mass-balance/batches", body: try file.body())) }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a batch: {reason, adjustments?, inputs?, outputs?, losses?}; an attestation must confirm it.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The batch.") var batch: String
        @OptionGroup var file: FileBody
        func run() throws { client.show(client.call("POST", "/v1/mass-balance/batches/\(batch)/corrections", body: try file.body())) }
    }

    struct Attest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Attest a batch from SCADA or the edge: {level, window, sourceTime, measured?, devices?, proof?}.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The batch.") var batch: String
        @OptionGroup var file: FileBody
        func run() throws { client.show(client.call("POST", "/v1/mass-balance/batches/\(batch)/attestations", body: try file.body())) }
    }

    struct Utility: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Attach a time slice's utility use to batches: {energyType, quantity, window, batchIds?, method?}.")
        @OptionGroup var client: ClientOptions
        @OptionGroup var file: FileBody
        func run() throws { client.show(client.call("POST", "/v1/mass-balance/utilities", body: try file.body())) }
    }

    struct Dispatch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Dispatch output; a certified part comes with a signed declaration (written with --declaration-out).")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The material's code.") var material: String
        @Option(help: "The whole mass ('60 t').") var mass: String
        @Option(help: "The certified part ('30 t'; default none).") var certified: String = "0 t"
        @Option(name: .customLong("batch"), help: "A batch the certified part rests on (repeat, in the order to take them).")
        var batches: [String] = []
        @Option(help: "The receiver: '<businessId>' here or '<businessId>@<nodeId>'.") var consignee: String
        @Option(help: "The scheme, when the batches carry several.") var scheme: String?
        @Option(help: "The claim, when the batches carry several.") var claim: String?
        @Option(help: "The lot the dispatch goes with.") var lot: String?
        @Option(help: "When it left (RFC 3339; default now).") var time: String?
        @Option(help: "Write the declaration (JWS) to this file.") var declarationOut: String?

        func run() throws {
            var body = JSONObject([
                "material": .string(material), "mass": try RequestParts.mass(mass),
                "certifiedMass": try RequestParts.mass(certified), "consignee": .string(consignee),
            ])
            if !batches.isEmpty { body["batchIds"] = .array(batches.map { .string(Aliases.resolve($0)) }) }
            body["scheme"] = .optional(scheme)
            body["claim"] = .optional(claim)
            body["lotId"] = .optional(lot.map(Aliases.resolve))
            body["time"] = .optional(time)
            let answer = client.call("POST", "/v1/mass-balance/dispatches", body: .object(RequestParts.compact(body)))
            if let out = declarationOut, let jws = answer["declaration"]?.stringValue {
                FileManager.default.createFile(atPath: out, contents: Data((jws + "\n").utf8))
            }
            client.show(answer)
        }
    }

    struct Book: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Book a supplier's declaration (JWS file) into your own pools.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The declaration (file, or - for standard input).") var declaration: String
        @Option(help: "Your own code for the material received (default: the supplier's).") var material: String?
        @Option(help: "When it was received (RFC 3339; default now).") var time: String?

        func run() throws {
            let text: String
            if declaration == "-" {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                guard let data = FileManager.default.contents(atPath: declaration) else {
                    throw ValidationError("cannot read \(declaration)")
                }
                text = String(decoding: data, as: UTF8.self)
            }
            var body = JSONObject(["declaration": .string(text.trimmingCharacters(in: .whitespacesAndNewlines))])
            body["material"] = .optional(material)
            body["time"] = .optional(time)
            client.show(client.call("POST", "/v1/mass-balance/declarations", body: .object(RequestParts.compact(body))))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A batch: its steps, status, exceptions and certified output.")
        @OptionGroup var client: ClientOptions
        @Argument(help: "The batch.") var batch: String
        func run() throws { client.show(client.call("GET", "/v1/mass-balance/batches/\(batch)")) }
    }

    struct Balances: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The carry-forward report at a cut-off (a readable document unless --json).")
        @OptionGroup var client: ClientOptions
        @Option(help: "The cut-off (RFC 3339; default now).") var at: String?
        func run() throws {
            let answer = client.call("GET", "/v1/mass-balance/balances" + RequestParts.query(["at": at]))
            if client.json { client.show(answer) } else { print(MassBalanceReport.carryForward(answer), terminator: "") }
        }
    }

    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The audit pack of a period (a readable document unless --json).")
        @OptionGroup var client: ClientOptions
        @Option(help: "Start of the period (RFC 3339).") var from: String?
        @Option(help: "End of the period (RFC 3339; default now).") var to: String?
        func run() throws {
            let answer = client.call("GET", "/v1/mass-balance/audit" + RequestParts.query(["from": from, "to": to]))
            if client.json { client.show(answer) } else { print(MassBalanceReport.audit(answer), terminator: "") }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check an audit pack (JSON file) offline: every slice re-hashed and linked, every event in one slice.")
        @Argument(help: "The audit pack, as `ctn mb audit --json` wrote it.") var pack: String
        func run() throws {
            let problems = MassBalanceReport.verify(try PeriodCommand.read(pack))
            guard problems.isEmpty else {
                for p in problems { FileHandle.standardError.write(Data("\(p)\n".utf8)) }
                throw ExitCode(1)
            }
            print("audit pack verifies: slices re-hashed and chained, every event in a slice")
        }
    }
}
