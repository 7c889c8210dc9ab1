/// Where the keys of a desk file's front matter are, so a finding can point at its line.
///
/// Built only when a rule has something to report: clean files never pay for it.
struct FieldLines {
    private var keys: [String: Int] = [:]
    /// Every line where an activity entry with this id starts (an id may be repeated by mistake).
    private var activityEntries: [String: [Int]] = [:]

    init(_ bytes: [UInt8]) {
        var line = 1
        var start = 0
        var inFrontMatter = false
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 10) ?? bytes.count
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            if line == 1 {
                inFrontMatter = text == "---"
            } else if text == "---" || text == "..." || !inFrontMatter {
                break
            } else if let first = text.first, first != " ", first != "-", first != "#", let colon = keyEnd(text) {
                var key = String(text[..<colon]).trimmingWhitespace()
                if key.count >= 2, let quote = key.first, quote == "\"" || quote == "'", key.last == quote {
                    key = String(key.dropFirst().dropLast())
                }
                if keys[key] == nil { keys[key] = line }
            } else if case let trimmed = text.drop(while: { $0 == " " }), trimmed.hasPrefix("- id:") {
                let id = String(trimmed.dropFirst(5)).trimmingWhitespace()
                activityEntries[id, default: []].append(line)
            }
            line += 1
            start = end + 1
        }
    }

    /// The line of top-level `key`, or 2 (the first line of the front matter) when absent.
    func line(of key: String) -> Int { keys[key] ?? 2 }

    /// The line where activity entry `id` starts (its `occurrence`-th use, from 0), or the `activity:` line.
    func line(ofActivity id: String, occurrence: Int = 0) -> Int {
        guard let lines = activityEntries[id], !lines.isEmpty else { return line(of: "activity") }
        return lines[min(occurrence, lines.count - 1)]
    }

    /// Where a key ends: the first `:` outside quotes.
    private func keyEnd(_ text: String) -> String.Index? {
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
