import Foundation

/// `<data>/serve.lock`, held (flock) by the one `ctn serve` of a data folder for as long as it
/// runs: a second server on the same SQLite database would fork its ledger, and a restore must
/// not replace the database under a running node. The kernel drops the lock when the process ends,
/// however it ends.
enum ServeLock {
    static func path(_ data: URL) -> String { data.appendingPathComponent("serve.lock").path }

    /// Takes the lock for this process (kept until it exits), or nil when another process holds it.
    static func acquire(_ data: URL) -> Int32? {
        let fd = open(path(data), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { write(fd, $0, strlen($0)) }
        return fd
    }
}
