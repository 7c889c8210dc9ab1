import Foundation

/// A moment in UTC at one-second precision, written as ISO 8601 (`2026-11-23T14:05:00Z`).
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let seconds: Int64

    public init(seconds: Int64) {
        self.seconds = seconds
    }

    public static func now() -> Timestamp {
        Timestamp(seconds: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

    public var description: String {
        let (y, m, d) = Timestamp.civil(fromDays: floorDiv(seconds, 86_400))
        let secs = seconds - floorDiv(seconds, 86_400) * 86_400
        // Written digit by digit: every ticket file holds a dozen times, and string padding costs.
        return String(unsafeUninitializedCapacity: 20) { buffer in
            func put(_ value: Int64, _ at: Int, _ width: Int) {
                var v = value
                for i in stride(from: at + width - 1, through: at, by: -1) {
                    buffer[i] = UInt8(48 + v % 10)
                    v /= 10
                }
            }
            put(y, 0, 4); buffer[4] = 45; put(m, 5, 2); buffer[7] = 45; put(d, 8, 2); buffer[10] = 84
            put(secs / 3600, 11, 2); buffer[13] = 58; put(secs % 3600 / 60, 14, 2); buffer[16] = 58
            put(secs % 60, 17, 2); buffer[19] = 90
            return 20
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS` with `Z` or `±HH:MM` (fractions of a second dropped),
    /// or a bare date `YYYY-MM-DD` (midnight UTC).
    public init?(iso text: String) {
        var text = text
        guard let parsed = text.withUTF8({ Timestamp.parse($0) }) else { return nil }
        seconds = parsed
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        func num(_ start: Int, _ count: Int) -> Int64? {
            guard start + count <= b.count else { return nil }
            var v: Int64 = 0
            for i in start..<(start + count) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int64(b[i] - 48)
            }
            return v
        }
        guard b.count >= 10, let y = num(0, 4), b[4] == 45, let mo = num(5, 2), b[7] == 45, let d = num(8, 2),
              (1...12).contains(mo), d >= 1, d <= Timestamp.daysIn(month: mo, year: y) else { return nil }
        var secs = Timestamp.days(fromCivil: y, mo, d) * 86_400
        if b.count == 10 { return secs }
        guard b.count >= 19, b[10] == 84 || b[10] == 116 || b[10] == 32, let h = num(11, 2), b[13] == 58,
              let mi = num(14, 2), b[16] == 58, let s = num(17, 2), h < 24, mi < 60, s < 61 else { return nil }
        secs += h * 3600 + mi * 60 + s
        var i = 19
        if i < b.count, b[i] == 46 {
            i += 1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        if b[i] == 90 || b[i] == 122, i + 1 == b.count { return secs }
        guard b[i] == 43 || b[i] == 45, b.count == i + 6, let oh = num(i + 1, 2), b[i + 3] == 58,
              let om = num(i + 4, 2), oh < 24, om < 60 else { return nil }
        let offset = oh * 3600 + om * 60
        secs = b[i] == 43 ? secs - offset : secs + offset
        // An offset can push 0000-01-01 or 9999-12-31 out of the four-digit years `description` writes.
        guard (Timestamp.minSeconds...Timestamp.maxSeconds).contains(secs) else { return nil }
        return secs
    }

    /// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the range that formats as four-digit years.
    static let minSeconds = days(fromCivil: 0, 1, 1) * 86_400
    static let maxSeconds = days(fromCivil: 10_000, 1, 1) * 86_400 - 1

    // Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    a >= 0 ? a / b : -((-a + b - 1) / b)
}
