import Foundation

/// RFC 3339 timestamps, in UTC with milliseconds on output.
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        return format(millis: ms)
    }

    public static func format(millis: Int64) -> String {
        let secs = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let frac = Int(millis - secs * 1000)
        var t = time_t(secs)
        var tmv = tm()
        gmtime_r(&t, &tmv)
        // Written digit by digit: this runs for every response and ledger event.
        var out = [UInt8](repeating: 0, count: 24)
        func put(_ v: Int, at i: Int, width: Int) {
            var v = v
            for k in stride(from: i + width - 1, through: i, by: -1) {
                out[k] = UInt8(48 + v % 10)
                v /= 10
            }
        }
        put(Int(tmv.tm_year) + 1900, at: 0, width: 4)
        out[4] = 45
        put(Int(tmv.tm_mon) + 1, at: 5, width: 2)
        out[7] = 45
        put(Int(tmv.tm_mday), at: 8, width: 2)
        out[10] = 84
        put(Int(tmv.tm_hour), at: 11, width: 2)
        out[13] = 58
        put(Int(tmv.tm_min), at: 14, width: 2)
        out[16] = 58
        put(Int(tmv.tm_sec), at: 17, width: 2)
        out[19] = 46
        put(frac, at: 20, width: 3)
        out[23] = 90
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)` into milliseconds since the epoch.
    public static func parseMillis(_ s: String) -> Int64? {
        let u = Array(s.utf8)
        func num(_ a: Int, _ n: Int) -> Int? {
            guard a + n <= u.count else { return nil }
            var v = 0
            for k in a..<(a + n) {
                guard (0x30...0x39).contains(u[k]) else { return nil }
                v = v * 10 + Int(u[k] - 0x30)
            }
            return v
        }
        guard u.count >= 20, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
            u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: "t"),
            u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"),
            let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2),
            let h = num(11, 2), let mi = num(14, 2), let sec = num(17, 2),
            (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, sec < 61
        else { return nil }
        var k = 19
        var millis = 0
        if k < u.count, u[k] == UInt8(ascii: ".") {
            k += 1
            let start = k
            var digits = 0
            while k < u.count, (0x30...0x39).contains(u[k]) {
                if digits < 3 {
                    millis = millis * 10 + Int(u[k] - 0x30)
                    digits += 1
                }
                k += 1
            }
            if k == start { return nil }
            while digits < 3 {
                millis *= 10
                digits += 1
            }
        }
        guard k < u.count else { return nil }
        var offset = 0
        if u[k] == UInt8(ascii: "Z") || u[k] == UInt8(ascii: "z") {
            k += 1
        } else if u[k] == UInt8(ascii: "+") || u[k] == UInt8(ascii: "-") {
            guard let oh = num(k + 1, 2), k + 3 < u.count, u[k + 3] == UInt8(ascii: ":"), let om = num(k + 4, 2),
                oh < 24, om < 60
            else { return nil }
            offset = (oh * 60 + om) * 60 * (u[k] == UInt8(ascii: "+") ? 1 : -1)
            k += 6
        } else {
            return nil
        }
        guard k == u.count else { return nil }
        // Days from civil (Howard Hinnant's algorithm), checked against the month's length.
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= monthDays[mo - 1] else { return nil }
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        let seconds = days * 86400 + h * 3600 + mi * 60 + min(sec, 59) - offset
        return Int64(seconds) * 1000 + Int64(millis)
    }

    public static func nowMillis() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}

/// `count` bytes from the system's cryptographically secure generator (keys, secrets, nonces, tokens).
public func secureRandomBytes(_ count: Int) -> [UInt8] {
    var rng = SystemRandomNumberGenerator()
    var out: [UInt8] = []
    out.reserveCapacity(count + 8)
    while out.count < count { withUnsafeBytes(of: rng.next()) { out.append(contentsOf: $0) } }
    return Array(out.prefix(count))
}
