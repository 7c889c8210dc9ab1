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

    // The calendar arithmetic is Timestamp's (Hinnant's algorithms), in Int for the hot loop.
    static func daysIn(month: Int, year: Int) -> Int {
        Int(Timestamp.daysIn(month: Int64(month), year: Int64(year)))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        Int(Timestamp.days(fromCivil: Int64(year), Int64(month), Int64(day)))
    }

    /// The date `days` after 1970-01-01.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let (year, month, day) = Timestamp.civil(fromDays: Int64(days))
        return (Int(year), Int(month), Int(day))
    }
}
