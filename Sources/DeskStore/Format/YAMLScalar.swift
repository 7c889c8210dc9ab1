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

    /// `key: value` lines for a text value at `indent` spaces, choosing the safest readable style.
    static func field(_ key: String, text: String, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        guard isLiteralBlockSafe(text) else { return pad + key + ": " + inline(text) + "\n" }
        let chomp = text.hasSuffix("\n") ? "" : "-"
        let content = text.hasSuffix("\n") ? String(text.dropLast()) : text
        var out = pad + key + ": |" + chomp + "\n"
        for line in content.split(separator: "\n", omittingEmptySubsequences: false) {
            out += line.isEmpty ? "\n" : pad + "  " + line + "\n"
        }
        return out
    }

    /// A flow list: `[a, "b c:", d]`.
    static func flowList(_ items: [String]) -> String {
        "[" + items.map { inline($0, flow: true) }.joined(separator: ", ") + "]"
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = Array("0123456789ABCDEF")
        return String((0..<4).reversed().map { digits[Int((value >> (UInt32($0) * 4)) & 0xF)] })
    }
}
