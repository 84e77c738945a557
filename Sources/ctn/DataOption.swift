import ArgumentParser
import Foundation

struct DataOption: ParsableArguments {
    @Option(name: .long, help: "The node's data folder.")
    var data: String

    @Option(
        name: .long,
        help:
            "The node's PostgreSQL database (postgresql://user:password@host:port/name; or CTN_DATABASE_URL), when its data is not in the folder's SQLite file."
    )
    var database: String?

    /// The data folder. Every command that touches it first sets the umask so that whatever it
    /// creates there (database, WAL, keys) is readable by the node's user only.
    var url: URL {
        umask(0o077)
        return URL(fileURLWithPath: data)
    }
}

/// Prints a message to standard error and exits with status 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ctn: \(message)\n".utf8))
    exit(1)
}
