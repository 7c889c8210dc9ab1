/// Where the keys of a desk file's front matter are, so a finding can point at its line.
///
/// Built only when a rule has something to report: clean files never pay for it.
struct FieldLines {
    private var keys: [String: Int] = [:]
    private var activityEntries: [String: Int] = [:]

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
            } else if let first = text.first, first != " ", first != "-", first != "#", let colon = text.firstIndex(of: ":") {
                let key = String(text[..<colon]).trimmingWhitespace()
                if keys[key] == nil { keys[key] = line }
            } else if text.hasPrefix("- id:") {
                let id = String(text.dropFirst(5)).trimmingWhitespace()
                if activityEntries[id] == nil { activityEntries[id] = line }
            }
            line += 1
            start = end + 1
        }
    }

    /// The line of top-level `key`, or 2 (the first line of the front matter) when absent.
    func line(of key: String) -> Int { keys[key] ?? 2 }

    /// The line where activity entry `id` starts, or the `activity:` line.
    func line(ofActivity id: String) -> Int { activityEntries[id] ?? line(of: "activity") }
}
