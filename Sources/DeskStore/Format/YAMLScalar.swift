/// Writes strings as YAML scalars that read back as exactly the same string.
///
/// Plain when the text is unambiguous, a literal block (`|-`) for tidy multi-line text, and
/// double quotes with escapes for everything else — so user text never becomes YAML structure.
enum YAMLScalar {
    private static let reserved: Set<String> = [
        "", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n",
    ]

    /// The text as a single-line scalar (plain or double-quoted).
    static func inline(_ text: String, flow: Bool = false) -> String {
        isPlainSafe(text, flow: flow) ? text : quoted(text)
    }

    /// Whether `text` can be written without quotes and read back as the same string.
    static func isPlainSafe(_ text: String, flow: Bool) -> Bool {
        // Most values (names, categories, statuses) are short ASCII: decide those byte by byte.
        if let ascii = asciiPlainSafe(text, flow: flow) { return ascii }
        guard let first = text.unicodeScalars.first else { return false }
        if text.utf8.count <= 5, reserved.contains(text.lowercased()) { return false }
        // A leading digit, sign or dot could read as a number or date in other YAML readers.
        guard isLetter(first) else { return false }
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "/", "@", "+", "(", ")", "'", "!", "?", "=", "&", "%", "*":
                break
            case " ":
                guard previous != " " else { return false }
            case ":":
                // In a flow list libyaml refuses `:` before `,?[]{}` (`[a:?]`); quote every `:` there.
                guard !flow else { return false }
            case ",", "[", "]", "{", "}":
                guard !flow else { return false }
            default:
                guard scalar.value >= 0xA0, scalar.properties.isAlphabetic || scalar.properties.isMath
                        || scalar.properties.generalCategory == .otherSymbol else { return false }
            }
            if previous == ":", scalar == " " { return false }
            previous = scalar
        }
        // Trailing space or colon would be lost or change meaning.
        return previous != " " && previous != ":"
    }

    /// `isPlainSafe` for pure ASCII text; nil when the text has other characters.
    private static func asciiPlainSafe(_ text: String, flow: Bool) -> Bool? {
        var text = text
        return text.withUTF8 { bytes -> Bool? in
            guard let first = bytes.first else { return false }
            var previous: UInt8 = 0x20
            var safe = (first >= 0x61 && first <= 0x7A) || (first >= 0x41 && first <= 0x5A)
            for byte in bytes {
                if byte >= 0x80 { return nil }
                guard safe else { continue }
                switch byte {
                case 0x61...0x7A, 0x41...0x5A, 0x30...0x39, UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                     UInt8(ascii: "/"), UInt8(ascii: "@"), UInt8(ascii: "+"), UInt8(ascii: "("), UInt8(ascii: ")"),
                     UInt8(ascii: "'"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "="), UInt8(ascii: "&"),
                     UInt8(ascii: "%"), UInt8(ascii: "*"):
                    break
                case 0x20:
                    if previous == 0x20 || previous == UInt8(ascii: ":") { safe = false }
                case UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                     UInt8(ascii: "}"):
                    if flow { safe = false }
                default:
                    safe = false
                }
                previous = byte
            }
            guard safe, previous != 0x20, previous != UInt8(ascii: ":") else { return false }
            if bytes.count <= 5, reserved.contains(String(decoding: bytes, as: UTF8.self).lowercased()) { return false }
            return true
        }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z": return true
        default: return scalar.value >= 0xA0 && scalar.properties.isAlphabetic
        }
    }

    /// The text double-quoted, with every character YAML could alter escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF
                    || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    // U+FFFE and U+FFFF are refused by the YAML reader even inside quotes.
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Whether multi-line `text` survives a literal block scalar unchanged.
    static func isLiteralBlockSafe(_ text: String) -> Bool {
        guard text.utf8.contains(0x0A) else { return false }
        if let ascii = asciiLiteralBlockSafe(text) { return ascii }
        var atLineStart = true
        var lineIsFirst = true
        var trailingNewlines = 0
        var previous: Unicode.Scalar = "\n"
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                // Trailing blanks before a line break are kept by YAML, but editors strip them; quote instead.
                if previous == " " || previous == "\t" { return false }
                trailingNewlines += 1
                atLineStart = true
                lineIsFirst = false
            } else {
                if atLineStart, lineIsFirst, scalar == " " || scalar == "\t" { return false }
                if scalar.value < 0x20 && scalar != "\t" { return false }
                if scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar.value == 0x2028
                    || scalar.value == 0x2029 || scalar.value == 0xFEFF || scalar.value == 0xFFFE
                    || scalar.value == 0xFFFF { return false }
                trailingNewlines = 0
                atLineStart = false
            }
            previous = scalar
        }
        if previous == " " || previous == "\t" { return false }
        // Only "no final newline" (|-) and "one final newline" (|) are written as blocks.
        return trailingNewlines <= 1 && !text.hasPrefix("\n")
    }

    /// `isLiteralBlockSafe` for ASCII text (the common case), byte by byte; nil for other text.
    private static func asciiLiteralBlockSafe(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { bytes -> Bool? in
            var atLineStart = true
            var lineIsFirst = true
            var trailingNewlines = 0
            var previous: UInt8 = 0x0A
            var safe = true
            for byte in bytes {
                if byte >= 0x80 { return nil }
                guard safe else { continue }
                if byte == 0x0A {
                    if previous == 0x20 || previous == 0x09 { safe = false }
                    trailingNewlines += 1
                    atLineStart = true
                    lineIsFirst = false
                } else {
                    if atLineStart, lineIsFirst, byte == 0x20 || byte == 0x09 { safe = false }
                    if (byte < 0x20 && byte != 0x09) || byte == 0x7F { safe = false }
                    trailingNewlines = 0
                    atLineStart = false
                }
                previous = byte
            }
            guard safe, previous != 0x20, previous != 0x09 else { return false }
            return trailingNewlines <= 1 && bytes.first != 0x0A
        }
    }

    /// `key: value` lines for a text value at `indent` spaces, choosing the safest readable style.
    static func field(_ key: String, text: String, indent: Int) -> String {
        var sink = StringSink(capacity: text.utf8.count + 16)
        writeField(key, text: text, indent: indent, into: &sink)
        return sink.text
    }

    static func writeField<Sink: TextSink>(_ key: String, text: String, indent: Int, into out: inout Sink) {
        let pad = indent == 2 ? "  " : String(repeating: " ", count: indent)
        out.write(pad)
        out.write(key)
        guard isLiteralBlockSafe(text) else {
            out.write(": ")
            out.write(inline(text))
            out.write("\n")
            return
        }
        let keepsNewline = text.hasSuffix("\n")
        out.write(keepsNewline ? ": |\n" : ": |-\n")
        let content = keepsNewline ? text.dropLast() : text[...]
        for line in content.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.isEmpty {
                out.write(pad)
                out.write("  ")
                out.write(line)
            }
            out.write("\n")
        }
    }

    /// A flow list: `[a, "b c:", d]`.
    static func flowList(_ items: [String]) -> String {
        var sink = StringSink(capacity: 64)
        writeFlowList(items, into: &sink)
        return sink.text
    }

    static func writeFlowList<Sink: TextSink>(_ items: [String], into out: inout Sink) {
        out.write("[")
        for (index, item) in items.enumerated() {
            if index > 0 { out.write(", ") }
            out.write(inline(item, flow: true))
        }
        out.write("]")
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = Array("0123456789ABCDEF")
        return String((0..<4).reversed().map { digits[Int((value >> (UInt32($0) * 4)) & 0xF)] })
    }
}
