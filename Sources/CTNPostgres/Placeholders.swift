import Synchronization

/// The shared SQL's `?` placeholders in PostgreSQL's numbered form, `$1, $2, …` (outside quoted
/// text), computed once per statement text and kept.
enum Placeholders {
    private static let memo = Mutex<[String: String]>([:])

    static func numbered(_ sql: String) -> String {
        if let hit = memo.withLock({ $0[sql] }) { return hit }
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        var quoted = false
        for ch in sql {
            if ch == "'" { quoted.toggle() }
            if ch == "?" && !quoted {
                n += 1
                out += "$\(n)"
            } else {
                out.append(ch)
            }
        }
        memo.withLock { m in
            if m.count > 10_000 { m.removeAll() }
            m[sql] = out
        }
        return out
    }
}
