import Foundation

/// What changes about a benchmark node while it runs: its process, its tenant's token and business.
struct NodeState {
    var process: Process?
    var token = ""
    var business = ""
}
