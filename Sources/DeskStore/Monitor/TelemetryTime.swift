/// Telemetry timestamps: ISO 8601 dates and times with an optional offset, or epoch seconds,
/// read and written without Foundation's formatters (which cost microseconds a row).
enum TelemetryTime {
    /// 2000-01-01T00:00:00Z: nothing older is a plausible reading.
    static let earliest: Int64 = 946_684_800

    struct Problem: Error {
        let message: String
    }

    /// Epoch seconds of `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH:MM|±HHMM]` (UTC when no offset
    /// is given) or of a plain integer of epoch seconds.
    static func parse(_ raw: UnsafeBufferPointer<UInt8>) -> Result<Int64, Problem> {
        let expected = Problem(message: "expected YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM] or epoch seconds")
        guard !raw.isEmpty else { return .failure(expected) }
        var position = 0
        if raw.allSatisfy(TelemetryParser.isDigit) {
            guard raw.count <= 12, let seconds = digits(raw, &position, raw.count) else {
                return .failure(Problem(message: "is far in the future"))
            }
            return .success(Int64(seconds))
        }
        guard let year = digits(raw, &position, 4), skip(raw, &position, "-"), let month = digits(raw, &position, 2),
              skip(raw, &position, "-"), let day = digits(raw, &position, 2)
        else { return .failure(expected) }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else {
            return .failure(Problem(message: "no such date"))
        }
        var seconds = Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400
        guard position < raw.count else { return .success(seconds) }

        guard skip(raw, &position, "T") || skip(raw, &position, "t") || skip(raw, &position, " "),
              let hour = digits(raw, &position, 2), skip(raw, &position, ":"), let minute = digits(raw, &position, 2)
        else { return .failure(expected) }
        var second = 0
        if skip(raw, &position, ":") {
            guard let value = digits(raw, &position, 2) else { return .failure(expected) }
            second = value
            // Fractions of a second are dropped: a day's bucket is all that is kept of a time.
            if skip(raw, &position, ".") || skip(raw, &position, ",") {
                let fractionStart = position
                while position < raw.count, TelemetryParser.isDigit(raw[position]) { position += 1 }
                guard position > fractionStart else { return .failure(expected) }
            }
        }
        guard hour < 24, minute < 60, second < 60 else { return .failure(Problem(message: "no such time of day")) }
        seconds += Int64(hour * 3600 + minute * 60 + second)

        if skip(raw, &position, "Z") || skip(raw, &position, "z") || position == raw.count {
            return position == raw.count ? .success(seconds) : .failure(expected)
        }
        let sign: Int64
        if skip(raw, &position, "+") {
            sign = 1
        } else if skip(raw, &position, "-") {
            sign = -1
        } else {
            return .failure(expected)
        }
        guard let offsetHours = digits(raw, &position, 2) else { return .failure(expected) }
        _ = skip(raw, &position, ":")
        guard let offsetMinutes = digits(raw, &position, 2), position == raw.count else { return .failure(expected) }
        guard offsetHours < 24, offsetMinutes < 60 else { return .failure(Problem(message: "no such UTC offset")) }
        // Local time minus its offset is UTC.
        return .success(seconds - sign * Int64(offsetHours * 3600 + offsetMinutes * 60))
    }

    /// The number written by `count` digits at `position`, moving past them; nil when they are not all digits.
    @inline(__always)
    private static func digits(_ raw: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ count: Int) -> Int? {
        guard position + count <= raw.count else { return nil }
        var result = 0
        for offset in position..<(position + count) {
            let digit = raw[offset] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            result = result * 10 + Int(digit)
        }
        position += count
        return result
    }

    /// Moves past `character` when it is next.
    @inline(__always)
    private static func skip(_ raw: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ character: Unicode.Scalar) -> Bool {
        guard position < raw.count, raw[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    /// The UTC day (`TelemetryDay`) of epoch seconds.
    static func day(of seconds: Int64) -> Int {
        Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }

    /// `2026-11-23T08:14:00Z`, for messages.
    static func format(_ seconds: Int64) -> String {
        let day = day(of: seconds)
        let inDay = Int(seconds - Int64(day) * 86_400)
        let (year, month, date) = civil(fromDays: day)
        guard (0...9999).contains(year) else { return "\(seconds) s after 1970" }
        // Written digit by digit: a re-ingested file can put this in every one of 600,000 messages.
        return String(unsafeUninitializedCapacity: 20) { text in
            var position = 0
            func put(_ value: Int, digits: Int) {
                var divisor = digits == 4 ? 1000 : 10
                while divisor > 0 {
                    text[position] = UInt8(ascii: "0") + UInt8(value / divisor % 10)
                    position += 1
                    divisor /= 10
                }
            }
            func put(_ character: Unicode.Scalar) {
                text[position] = UInt8(ascii: character)
                position += 1
            }
            put(year, digits: 4)
            put("-")
            put(month, digits: 2)
            put("-")
            put(date, digits: 2)
            put("T")
            put(inDay / 3600, digits: 2)
            put(":")
            put(inDay / 60 % 60, digits: 2)
            put(":")
            put(inDay % 60, digits: 2)
            put("Z")
            return position
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01 (Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
