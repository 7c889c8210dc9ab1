import Foundation

/// One measurement of one device, as read from a telemetry file.
public struct TelemetrySample: Sendable, Equatable {
    /// Canonical device id (the asset id).
    public var device: String
    public var metric: TelemetryMetric
    /// Seconds since 1970-01-01 UTC.
    public var time: Int64
    public var value: Double
    /// 1-based line of the input it came from, so the store can report a duplicate where it is.
    public var line: Int

    /// Creates a sample.
    public init(device: String, metric: TelemetryMetric, time: Int64, value: Double, line: Int) {
        self.device = device
        self.metric = metric
        self.time = time
        self.value = value
        self.line = line
    }
}

/// A row that was not taken in: where it is, a stable reason code, and a message naming the bad value.
public struct TelemetryReject: Sendable, Equatable, Codable {
    /// Why a row was refused; the raw value is the code scripts see.
    public enum Reason: String, Sendable, Codable, CaseIterable {
        /// Wrong number of fields, not JSON, a missing key or an empty field.
        case malformed
        case unknownDevice = "unknown_device"
        case unknownMetric = "unknown_metric"
        case badTime = "bad_time"
        case badValue = "bad_value"
        /// The same device, metric and time twice, in this input or already stored.
        case duplicate
    }

    public var source: String
    public var line: Int
    public var reason: Reason
    public var message: String

    /// Creates a reject.
    public init(source: String, line: Int, reason: Reason, message: String) {
        self.source = source
        self.line = line
        self.reason = reason
        self.message = message
    }
}

/// Reads telemetry samples from CSV (a header naming `device,time,metric,value` in any order)
/// or JSON Lines (one object per line), told apart by the first non-blank character.
///
/// Bad rows become rejects and never stop the rest. CSV is parsed on raw UTF-8 bytes with no
/// per-row allocation in the common case: a fleet's 90 days are 630,000 rows.
public enum TelemetryParser {
    /// Samples and rejects from `bytes`; `device` maps a device name as written to its canonical
    /// id or nil when unknown (called once per distinct name). Times before 2000 or more than a
    /// day after `now` (epoch seconds) are rejected.
    public static func parse(_ bytes: [UInt8], source: String, now: Int64,
                             device: (String) -> String?) -> (samples: [TelemetrySample], rejects: [TelemetryReject]) {
        withoutActuallyEscaping(device) { device in
            var collector = Collector(source: source, now: now, resolve: device, expectedRows: bytes.count / 36)
            read(bytes, into: &collector)
            return (collector.samples, collector.rejects)
        }
    }

    private static func read(_ bytes: [UInt8], into collector: inout Collector) {
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            // A UTF-8 byte order mark is not part of the first column's name.
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
            var first = start
            while first < buffer.count, isSpace(buffer[first]) || buffer[first] == newline || buffer[first] == carriageReturn {
                first += 1
            }
            if first < buffer.count, buffer[first] == UInt8(ascii: "{") {
                parseJSONLines(buffer, from: start, into: &collector)
            } else {
                parseCSV(buffer, from: start, into: &collector)
            }
        }
    }

    // MARK: CSV

    private enum Column: UInt8 { case ignored, device, time, metric, value }

    private static func parseCSV(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, into collector: inout Collector) {
        var fields = FieldSplitter()
        defer { fields.deallocate() }
        var columns: [Column] = []
        forEachLine(buffer, from: start) { lineNumber, line in
            let content = trimmed(line)
            if content.isEmpty || content[0] == UInt8(ascii: "#") { return true }

            if columns.isEmpty {
                columns = header(line, fields: &fields)
                if columns.isEmpty {
                    collector.reject(lineNumber, .malformed, "no CSV header naming the columns device, time, metric and value: "
                        + quoted(line) + "; nothing was read")
                    return false
                }
                return true
            }
            if let problem = fields.split(line) {
                collector.reject(lineNumber, .malformed, problem + " in " + quoted(line))
                return true
            }
            guard fields.count == columns.count else {
                collector.reject(lineNumber, .malformed, "\(fields.count) fields where the header has \(columns.count): " + quoted(line))
                return true
            }
            var device = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            var time = device
            var metric = device
            var value = device
            for index in 0..<columns.count {
                switch columns[index] {
                case .ignored: break
                case .device: device = fields[index]
                case .time: time = fields[index]
                case .metric: metric = fields[index]
                case .value: value = fields[index]
                }
            }
            collector.add(device: device, metric: metric, time: time, value: value, line: lineNumber)
            return true
        }
    }

    /// Calls `body` with each line's 1-based number and its bytes (without the `\n`, nor a `\r`
    /// before it) from `start` on, until `body` returns false.
    @inline(__always)
    private static func forEachLine(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int,
                                    _ body: (Int, UnsafeBufferPointer<UInt8>) -> Bool) {
        var lineNumber = 0
        var lineStart = start
        while lineStart < buffer.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < buffer.count, buffer[lineEnd] != newline { lineEnd += 1 }
            let next = lineEnd + 1
            if lineEnd > lineStart, buffer[lineEnd - 1] == carriageReturn { lineEnd -= 1 }
            guard body(lineNumber, UnsafeBufferPointer(rebasing: buffer[lineStart..<lineEnd])) else { return }
            lineStart = next
        }
    }

    /// The role of each column, or [] when the line does not name all four.
    private static func header(_ line: UnsafeBufferPointer<UInt8>, fields: inout FieldSplitter) -> [Column] {
        guard fields.split(line) == nil else { return [] }
        var columns: [Column] = []
        for index in 0..<fields.count {
            switch String(decoding: fields[index], as: UTF8.self).lowercased() {
            case "device": columns.append(.device)
            case "time": columns.append(.time)
            case "metric": columns.append(.metric)
            case "value": columns.append(.value)
            default: columns.append(.ignored)
            }
        }
        for role in [Column.device, .time, .metric, .value] where columns.filter({ $0 == role }).count != 1 {
            return []
        }
        return columns
    }

    /// Splits one CSV line into trimmed fields without copying, except fields holding an
    /// escaped quote (`""`), which are unescaped into a scratch buffer owned by the splitter.
    private struct FieldSplitter {
        private var fields = UnsafeMutableBufferPointer<UnsafeBufferPointer<UInt8>>.allocate(capacity: 16)
        private(set) var count = 0
        private var scratch = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
        private var scratchUsed = 0

        subscript(index: Int) -> UnsafeBufferPointer<UInt8> { fields[index] }

        mutating func deallocate() {
            fields.deallocate()
            scratch.deallocate()
        }

        /// Nil when the line split cleanly, otherwise what is wrong with its quoting.
        mutating func split(_ line: UnsafeBufferPointer<UInt8>) -> String? {
            count = 0
            scratchUsed = 0
            var position = 0
            while true {
                while position < line.count, isSpace(line[position]) { position += 1 }
                var field: UnsafeBufferPointer<UInt8>
                if position < line.count, line[position] == quote {
                    let open = position + 1
                    var close = open
                    var escaped = false
                    while true {
                        while close < line.count, line[close] != quote { close += 1 }
                        guard close < line.count else { return "a quoted field is not closed" }
                        if close + 1 < line.count, line[close + 1] == quote {
                            escaped = true
                            close += 2
                        } else {
                            break
                        }
                    }
                    field = UnsafeBufferPointer(rebasing: line[open..<close])
                    if escaped { field = unescape(field, lineLength: line.count) }
                    position = close + 1
                    while position < line.count, isSpace(line[position]) { position += 1 }
                    guard position == line.count || line[position] == comma else { return "text after a closing quote" }
                } else {
                    let begin = position
                    while position < line.count, line[position] != comma { position += 1 }
                    field = UnsafeBufferPointer(rebasing: line[begin..<position])
                }
                append(trimmed(field))
                guard position < line.count else { return nil }
                position += 1  // the comma
            }
        }

        private mutating func append(_ field: UnsafeBufferPointer<UInt8>) {
            if count == fields.count {
                let larger = UnsafeMutableBufferPointer<UnsafeBufferPointer<UInt8>>.allocate(capacity: fields.count * 2)
                _ = larger.initialize(fromContentsOf: fields)
                fields.deallocate()
                fields = larger
            }
            (fields.baseAddress! + count).initialize(to: field)
            count += 1
        }

        /// Copies `field` with each `""` made `"`; the scratch buffer holds a whole line, so
        /// fields unescaped earlier on the same line stay where they are.
        private mutating func unescape(_ field: UnsafeBufferPointer<UInt8>, lineLength: Int) -> UnsafeBufferPointer<UInt8> {
            if scratch.count < lineLength {
                // Only at a line's first escape: once sized for the line, the rest of it fits.
                scratch.deallocate()
                scratch = .allocate(capacity: max(lineLength, 256))
            }
            let begin = scratchUsed
            var index = 0
            while index < field.count {
                scratch[scratchUsed] = field[index]
                scratchUsed += 1
                index += field[index] == quote ? 2 : 1
            }
            return UnsafeBufferPointer(rebasing: scratch[begin..<scratchUsed])
        }
    }

    // MARK: JSON Lines

    private static func parseJSONLines(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, into collector: inout Collector) {
        var reader = JSONLineReader()
        defer { reader.deallocate() }
        forEachLine(buffer, from: start) { lineNumber, raw in
            let line = trimmed(raw)
            if line.isEmpty || line[0] == UInt8(ascii: "#") { return true }
            guard reader.read(line) else {
                collector.reject(lineNumber, .malformed, "not a JSON object: " + quoted(line))
                return true
            }
            guard let device = reader.device, let time = reader.time, let metric = reader.metric, let value = reader.value else {
                let missing = [("device", reader.device), ("time", reader.time), ("metric", reader.metric), ("value", reader.value)]
                    .filter { $0.1 == nil }.map(\.0)
                collector.reject(lineNumber, .malformed, "missing \(missing.joined(separator: ", ")) in " + quoted(line))
                return true
            }
            // Strings and numbers alike go through the CSV checks as text: "38.2" and 38.2 are one value.
            collector.add(device: trimmed(device), metric: trimmed(metric), time: trimmed(time), value: trimmed(value),
                          line: lineNumber)
            return true
        }
    }

    // MARK: Checking one row

    /// Checks fields, resolves devices through a cache, drops duplicates, and keeps what survives.
    private struct Collector {
        let source: String
        let now: Int64
        let resolve: (String) -> String?
        var samples: [TelemetrySample] = []
        var rejects: [TelemetryReject] = []
        /// Canonical ids, indexed by the numbers in `deviceIndex`; -1 there means unknown.
        private var devices: [String] = []
        private var canonicalIndex: [String: Int32] = [:]
        private var deviceIndex: [String: Int32] = [:]
        /// The previous row's device as written and its index: files are mostly grouped by device.
        private var lastDevice: [UInt8] = []
        private var lastIndex: Int32 = -1
        private var firstLine: [Key: Int] = [:]

        private struct Key: Hashable {
            var device: Int32
            var metric: UInt8
            var time: Int64
        }

        init(source: String, now: Int64, resolve: @escaping (String) -> String?, expectedRows: Int) {
            self.source = source
            self.now = now
            self.resolve = resolve
            samples.reserveCapacity(expectedRows)
            firstLine.reserveCapacity(expectedRows)
        }

        mutating func reject(_ line: Int, _ reason: TelemetryReject.Reason, _ message: String) {
            rejects.append(TelemetryReject(source: source, line: line, reason: reason, message: message))
        }

        mutating func add(device rawDevice: UnsafeBufferPointer<UInt8>, metric rawMetric: UnsafeBufferPointer<UInt8>,
                          time rawTime: UnsafeBufferPointer<UInt8>, value rawValue: UnsafeBufferPointer<UInt8>, line: Int) {
            guard !rawDevice.isEmpty else { return reject(line, .malformed, "empty device") }
            guard !rawTime.isEmpty else { return reject(line, .malformed, "empty time") }
            guard !rawMetric.isEmpty else { return reject(line, .malformed, "empty metric") }
            guard !rawValue.isEmpty else { return reject(line, .malformed, "empty value") }
            let device = index(of: rawDevice)
            guard device >= 0 else {
                return reject(line, .unknownDevice, "unknown device " + quoted(rawDevice) + ": no asset has this id")
            }
            guard let metric = TelemetryParser.metric(rawMetric) else {
                return reject(line, .unknownMetric, "unknown metric " + quoted(rawMetric) + "; known: "
                    + TelemetryMetric.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let time: Int64
            switch TelemetryTime.parse(rawTime) {
            case .success(let seconds): time = seconds
            case .failure(let problem): return reject(line, .badTime, "bad time " + quoted(rawTime) + ": " + problem.message)
            }
            guard time >= TelemetryTime.earliest else {
                return reject(line, .badTime, "time " + quoted(rawTime) + " is before 2000")
            }
            guard time <= now + 86_400 else {
                return reject(line, .badTime, "time " + quoted(rawTime) + " is in the future")
            }
            guard let number = TelemetryParser.number(rawValue) else {
                return reject(line, .badValue, "value " + quoted(rawValue) + " of \(metric.rawValue) is not a finite decimal number")
            }
            if let problem = TelemetryParser.problem(with: number, of: metric) {
                return reject(line, .badValue, "value " + quoted(rawValue) + " of \(metric.rawValue) " + problem)
            }
            let key = Key(device: device, metric: metric.ordinal, time: time)
            if let first = firstLine[key] {
                return reject(line, .duplicate, "\(devices[Int(device)]) \(metric.rawValue) at \(TelemetryTime.format(time)) "
                    + "is already on line \(first)")
            }
            firstLine[key] = line
            // `+ 0` turns -0 into 0, so a stored zero reads back the same whatever its sign.
            samples.append(TelemetrySample(device: devices[Int(device)], metric: metric, time: time, value: number + 0, line: line))
        }

        /// The device's index in `devices`, or -1 when the resolver does not know it.
        private mutating func index(of raw: UnsafeBufferPointer<UInt8>) -> Int32 {
            if raw.count == lastDevice.count, lastDevice.withUnsafeBufferPointer({ memcmp($0.baseAddress!, raw.baseAddress!, raw.count) == 0 }) {
                return lastIndex
            }
            let name = String(decoding: raw, as: UTF8.self)
            let found: Int32
            if let known = deviceIndex[name] {
                found = known
            } else if let canonical = resolve(name) {
                // Two spellings of one asset ("lpt-1", "LPT-1") share an index, so duplicates are caught across them.
                if let known = canonicalIndex[canonical] {
                    found = known
                } else {
                    found = Int32(devices.count)
                    devices.append(canonical)
                    canonicalIndex[canonical] = found
                }
                deviceIndex[name] = found
            } else {
                found = -1
                deviceIndex[name] = found
            }
            lastDevice = Array(raw)
            lastIndex = found
            return found
        }
    }

    /// The metric spelled exactly by `raw`.
    private static func metric(_ raw: UnsafeBufferPointer<UInt8>) -> TelemetryMetric? {
        for (metric, name) in metricNames where name.count == raw.count {
            if name.withUnsafeBufferPointer({ memcmp($0.baseAddress!, raw.baseAddress!, raw.count) == 0 }) { return metric }
        }
        return nil
    }

    private static let metricNames = TelemetryMetric.allCases.map { ($0, Array($0.rawValue.utf8)) }

    /// Why `value` cannot be a reading of `metric`, or nil when it can.
    private static func problem(with value: Double, of metric: TelemetryMetric) -> String? {
        switch metric {
        case .cpuPercent, .memoryPercent, .diskFreePercent:
            return (0...100).contains(value) ? nil : "is outside 0…100"
        case .crashes:
            if value < 0 { return "is negative" }
            return value.rounded() == value ? nil : "is not a whole number"
        case .bootSeconds, .loginSeconds, .appStartSeconds:
            return value < 0 ? "is negative" : nil
        }
    }

    // MARK: Numbers

    private static let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { result, _ in result * 10 } }

    /// A decimal number (`-12`, `38.2`, `.5`, `1e3`) or nil; never NaN or infinity.
    ///
    /// Up to 15 significant digits and a power of ten up to 22 are converted exactly with one
    /// multiplication or division (both operands are exact doubles); anything else goes
    /// through the standard library's correctly rounded conversion.
    static func number(_ raw: UnsafeBufferPointer<UInt8>) -> Double? {
        var position = 0
        var negative = false
        if position < raw.count, raw[position] == UInt8(ascii: "-") || raw[position] == UInt8(ascii: "+") {
            negative = raw[position] == UInt8(ascii: "-")
            position += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var digits = 0
        while position < raw.count, isDigit(raw[position]) {
            if significant < 19 {
                mantissa = mantissa * 10 + UInt64(raw[position] &- zero)
                if mantissa != 0 { significant += 1 }
            } else {
                exponent += 1
                significant += 1
            }
            digits += 1
            position += 1
        }
        if position < raw.count, raw[position] == UInt8(ascii: ".") {
            position += 1
            while position < raw.count, isDigit(raw[position]) {
                if significant < 19 {
                    mantissa = mantissa * 10 + UInt64(raw[position] &- zero)
                    if mantissa != 0 { significant += 1 }
                    exponent -= 1
                } else {
                    significant += 1
                }
                digits += 1
                position += 1
            }
        }
        guard digits > 0 else { return nil }
        if position < raw.count, raw[position] == UInt8(ascii: "e") || raw[position] == UInt8(ascii: "E") {
            position += 1
            var negativeExponent = false
            if position < raw.count, raw[position] == UInt8(ascii: "-") || raw[position] == UInt8(ascii: "+") {
                negativeExponent = raw[position] == UInt8(ascii: "-")
                position += 1
            }
            var written = 0
            var exponentDigits = 0
            while position < raw.count, isDigit(raw[position]) {
                written = min(written * 10 + Int(raw[position] &- zero), 100_000)
                exponentDigits += 1
                position += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += negativeExponent ? -written : written
        }
        guard position == raw.count else { return nil }
        let value: Double
        if significant <= 15, (-22...22).contains(exponent) {
            let exact = Double(mantissa)
            value = exponent < 0 ? exact / powersOfTen[-exponent] : exact * powersOfTen[exponent]
        } else {
            guard let parsed = Double(String(decoding: raw, as: UTF8.self)) else { return nil }
            return parsed.isFinite ? parsed : nil
        }
        return negative ? -value : value
    }

    // MARK: Bytes

    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let zero = UInt8(ascii: "0")

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }
    @inline(__always) private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) || bytes[start] == carriageReturn { start += 1 }
        while end > start, isSpace(bytes[end - 1]) || bytes[end - 1] == carriageReturn { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// The bytes as a quoted string for a message, cut short when long.
    private static func quoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return (text.count > 80 ? String(text.prefix(77)) + "…" : text).debugDescription
    }
}

extension TelemetryMetric {
    /// Position in `allCases`, without building that array: a dense key for per-row tables.
    var ordinal: UInt8 {
        switch self {
        case .bootSeconds: 0
        case .loginSeconds: 1
        case .cpuPercent: 2
        case .memoryPercent: 3
        case .diskFreePercent: 4
        case .appStartSeconds: 5
        case .crashes: 6
        }
    }
}
