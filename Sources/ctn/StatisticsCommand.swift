import ArgumentParser
import CTNModel
import CurlHTTP
import Foundation

/// `ctn statistics CATEGORY [--network]`.
struct StatisticsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statistics", abstract: "Category Statistics of this node, or of the network combined.")
    @OptionGroup var client: ClientOptions
    @Argument(help: "Material category.") var category: String
    @Flag(help: "Combine this node's and its peers' statistics (needs a token).") var network = false
    func run() { client.show(client.call("GET", "/v1/statistics/\(category)" + (network ? "/network" : ""), needsToken: network)) }
}
