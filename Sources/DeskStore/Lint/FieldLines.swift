/// Where the keys of a desk file's front matter are, so a finding can point at its line.
///
/// Made only when a rule has something to report, and lazy even then: each question reads the
/// front matter from the top until it has the answer, as bytes, without building a table. So a
/// desk where many files have one finding (tickets naming assets that have no file) stays fast.
/// Lines of plain ASCII (nearly all) are read as bytes; a line with other characters as text.
struct FieldLines {
    private let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The line of top-level `key`, or 2 (the first line of the front matter) when absent.
    func line(of key: String) -> Int {
        var found: Int?
        forEachLine { line, field in
            guard case .key(let name) = field, name.elementsEqual(key.utf8) else { return true }
            found = line
            return false
        }
        return found ?? 2
    }

    /// The line where activity entry `id` starts (its `occurrence`-th use, from 0), or the `activity:` line.
    func line(ofActivity id: String, occurrence: Int = 0) -> Int {
        var lines: [Int] = []
        forEachLine { line, field in
            guard case .activityEntry(let entry) = field, entry.elementsEqual(id.utf8) else { return true }
            lines.append(line)
            return lines.count <= occurrence
        }
        return lines.last ?? line(of: "activity")
    }

    private enum Field {
        /// A top-level key, unquoted.
        case key(ArraySlice<UInt8>)
        /// The id of an activity entry starting on this line (`- id: …`).
        case activityEntry(ArraySlice<UInt8>)
        case none
    }

    /// Calls `body` with each line of the front matter and what starts there, until `body` returns false.
    private func forEachLine(_ body: (Int, Field) -> Bool) {
        var line = 1
        var start = 0
        var inFrontMatter = false
        while start < bytes.count {
            var end = start
            var ascii = true
            while end < bytes.count, bytes[end] != 10 {
                if bytes[end] >= 0x80 { ascii = false }
                end += 1
            }
            let text = bytes[start..<end]
            let fence = text.elementsEqual("---".utf8)
            if line == 1 {
                inFrontMatter = fence
            } else if fence || text.elementsEqual("...".utf8) || !inFrontMatter {
                return
            } else if !body(line, ascii ? Self.readASCII(text) : Self.read(String(decoding: text, as: UTF8.self))) {
                return
            }
            line += 1
            start = end + 1
        }
    }

    // MARK: ASCII lines, as bytes

    /// A line of ASCII only: every character is one byte, so this reads it exactly as `read(_:)` would.
    private static func readASCII(_ text: ArraySlice<UInt8>) -> Field {
        guard let first = text.first else { return .none }
        if first != UInt8(ascii: " "), first != UInt8(ascii: "-"), first != UInt8(ascii: "#"), let colon = keyEnd(text) {
            var key = trimmed(text[text.startIndex..<colon])
            if key.count >= 2, let quote = key.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"), key.last == quote {
                key = key.dropFirst().dropLast()
            }
            return .key(key)
        }
        let rest = text.drop(while: { $0 == UInt8(ascii: " ") })
        return rest.starts(with: "- id:".utf8) ? .activityEntry(trimmed(rest.dropFirst(5))) : .none
    }

    /// Without leading and trailing ASCII whitespace (tab, line feed, vertical tab, form feed, carriage return, space).
    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        func blank(_ byte: UInt8) -> Bool { byte == 32 || (9...13).contains(byte) }
        guard let start = bytes.firstIndex(where: { !blank($0) }), let end = bytes.lastIndex(where: { !blank($0) }) else {
            return bytes[bytes.startIndex..<bytes.startIndex]
        }
        return bytes[start...end]
    }

    /// Where a key ends: the first `:` outside quotes.
    private static func keyEnd(_ text: ArraySlice<UInt8>) -> Int? {
        var quote: UInt8?
        for index in text.indices {
            let c = text[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ":") {
                return index
            }
        }
        return nil
    }

    // MARK: Other lines, as text

    private static func read(_ text: String) -> Field {
        if let first = text.first, first != " ", first != "-", first != "#", let colon = keyEnd(text) {
            var key = String(text[..<colon]).trimmingWhitespace()
            if key.count >= 2, let quote = key.first, quote == "\"" || quote == "'", key.last == quote {
                key = String(key.dropFirst().dropLast())
            }
            return .key(ArraySlice(key.utf8))
        }
        let trimmed = text.drop(while: { $0 == " " })
        return trimmed.hasPrefix("- id:") ? .activityEntry(ArraySlice(String(trimmed.dropFirst(5)).trimmingWhitespace().utf8)) : .none
    }

    /// Where a key ends: the first `:` outside quotes.
    private static func keyEnd(_ text: String) -> String.Index? {
        var quote: Character?
        for index in text.indices {
            let c = text[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == ":" {
                return index
            }
        }
        return nil
    }
}
