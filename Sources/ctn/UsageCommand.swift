import ArgumentParser
import CTNModel
import Foundation

/// `ctn usage`: who read the caller's breakdowns.
struct UsageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage", abstract: "Usage Log Enquiry: reads of your lots' breakdowns by other businesses.")
    @OptionGroup var client: ClientOptions
    func run() { client.show(client.call("GET", "/v1/usage")) }
}
