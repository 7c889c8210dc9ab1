import Foundation

/// Reads one line of telemetry JSON Lines: checks it is one well-formed JSON object and picks out the
/// text of `device`, `time`, `metric` and `value` (nil when absent or null; the last of a
/// repeated key wins). Foundation's decoders cost about ten microseconds a line, this one a
/// fraction of that; strings with escapes are unescaped into a scratch buffer.
struct JSONLineReader {
    private(set) var device: UnsafeBufferPointer<UInt8>?
    private(set) var time: UnsafeBufferPointer<UInt8>?
    private(set) var metric: UnsafeBufferPointer<UInt8>?
    private(set) var value: UnsafeBufferPointer<UInt8>?
    private var line = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var position = 0
    private var scratch = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
    private var scratchUsed = 0

    private static let maximumDepth = 32

    mutating func deallocate() { scratch.deallocate() }

    /// Whether `text` is one well-formed JSON object. The fields then point into `text` or into
    /// the scratch buffer, valid until the next read.
    mutating func read(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        line = text
        position = 0
        (device, time, metric, value) = (nil, nil, nil, nil)
        if scratch.count < text.count {
            // Unescaped strings are never longer than the line they come from.
            scratch.deallocate()
            scratch = .allocate(capacity: max(text.count, 256))
        }
        scratchUsed = 0
        guard object(depth: 0, top: true) else { return false }
        skipSpace()
        return position == line.count
    }

    private mutating func object(depth: Int, top: Bool) -> Bool {
        guard depth < Self.maximumDepth, take(UInt8(ascii: "{")) else { return false }
        skipSpace()
        if take(UInt8(ascii: "}")) { return true }
        while true {
            skipSpace()
            guard let key = string() else { return false }
            skipSpace()
            guard take(UInt8(ascii: ":")) else { return false }
            skipSpace()
            let valueStart = position
            guard let text = parseValue(depth: depth) else { return false }
            if top {
                // A null is as good as absent.
                let found = line[valueStart] == UInt8(ascii: "n") ? nil : text
                if key.elementsEqual("device".utf8) {
                    device = found
                } else if key.elementsEqual("time".utf8) {
                    time = found
                } else if key.elementsEqual("metric".utf8) {
                    metric = found
                } else if key.elementsEqual("value".utf8) {
                    value = found
                }
            }
            skipSpace()
            if take(UInt8(ascii: "}")) { return true }
            guard take(UInt8(ascii: ",")) else { return false }
        }
    }

    /// The value's text: a string's contents, or the literal text of anything else.
    private mutating func parseValue(depth: Int) -> UnsafeBufferPointer<UInt8>? {
        guard position < line.count else { return nil }
        let start = position
        switch line[position] {
        case UInt8(ascii: "\""):
            return string()
        case UInt8(ascii: "{"):
            guard object(depth: depth + 1, top: false) else { return nil }
        case UInt8(ascii: "["):
            guard array(depth: depth + 1) else { return nil }
        case UInt8(ascii: "t"):
            guard literal("true") else { return nil }
        case UInt8(ascii: "f"):
            guard literal("false") else { return nil }
        case UInt8(ascii: "n"):
            guard literal("null") else { return nil }
        default:
            guard number() else { return nil }
        }
        return UnsafeBufferPointer(rebasing: line[start..<position])
    }

    private mutating func array(depth: Int) -> Bool {
        guard depth < Self.maximumDepth, take(UInt8(ascii: "[")) else { return false }
        skipSpace()
        if take(UInt8(ascii: "]")) { return true }
        while true {
            skipSpace()
            guard parseValue(depth: depth) != nil else { return false }
            skipSpace()
            if take(UInt8(ascii: "]")) { return true }
            guard take(UInt8(ascii: ",")) else { return false }
        }
    }

    /// JSON's number grammar; the value itself is read later, as text.
    private mutating func number() -> Bool {
        _ = take(UInt8(ascii: "-"))
        if take(UInt8(ascii: "0")) {
            // No leading zeros.
        } else {
            guard digits() else { return false }
        }
        if take(UInt8(ascii: ".")), !digits() { return false }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
            guard digits() else { return false }
        }
        return true
    }

    private mutating func digits() -> Bool {
        let start = position
        while position < line.count, TelemetryParser.isDigit(line[position]) { position += 1 }
        return position > start
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= line.count,
              memcmp(line.baseAddress! + position, word.utf8Start, count) == 0
        else { return false }
        position += count
        return true
    }

    /// A string's contents, unescaped; nil when it is not a valid JSON string.
    private mutating func string() -> UnsafeBufferPointer<UInt8>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while position < line.count, line[position] != UInt8(ascii: "\"") {
            guard line[position] >= 0x20 else { return nil }
            if line[position] == UInt8(ascii: "\\") {
                position = start
                return escapedString()
            }
            position += 1
        }
        guard position < line.count else { return nil }
        position += 1
        return UnsafeBufferPointer(rebasing: line[start..<(position - 1)])
    }

    private mutating func escapedString() -> UnsafeBufferPointer<UInt8>? {
        let begin = scratchUsed
        while position < line.count, line[position] != UInt8(ascii: "\"") {
            let byte = line[position]
            guard byte >= 0x20 else { return nil }
            position += 1
            guard byte == UInt8(ascii: "\\") else {
                put(byte)
                continue
            }
            guard position < line.count else { return nil }
            let escape = line[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): put(escape)
            case UInt8(ascii: "b"): put(0x08)
            case UInt8(ascii: "f"): put(0x0C)
            case UInt8(ascii: "n"): put(0x0A)
            case UInt8(ascii: "r"): put(0x0D)
            case UInt8(ascii: "t"): put(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4() else { return nil }
                if (0xD800..<0xDC00).contains(scalar) {
                    guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4(),
                          (0xDC00..<0xE000).contains(low)
                    else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                for unit in UTF8.encode(unicode)! { put(unit) }
            default:
                return nil
            }
        }
        guard position < line.count else { return nil }
        position += 1
        return UnsafeBufferPointer(rebasing: scratch[begin..<scratchUsed])
    }

    private mutating func hex4() -> UInt32? {
        guard position + 4 <= line.count else { return nil }
        var result: UInt32 = 0
        for _ in 0..<4 {
            let byte = line[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            result = result << 4 | UInt32(digit)
            position += 1
        }
        return result
    }

    private mutating func put(_ byte: UInt8) {
        scratch[scratchUsed] = byte
        scratchUsed += 1
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard position < line.count, line[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func skipSpace() {
        while position < line.count,
              line[position] == 0x20 || line[position] == 0x09 || line[position] == 0x0D || line[position] == 0x0A {
            position += 1
        }
    }
}
