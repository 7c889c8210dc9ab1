import Foundation

/// A fast reader for ticket files exactly as desk writes them.
///
/// Building the query index parses every ticket; the general YAML parser takes about a
/// millisecond per file, this one a few microseconds. It reads the fixed layout `TicketCodec`
/// writes and then proves itself: the ticket it read must encode back to the very same bytes.
/// Anything else (hand-written YAML, comments, other quoting) returns nil and goes through the
/// full parser, so both paths always agree.
enum CanonicalTicketParser {
    static func parse(_ bytes: [UInt8], path: String) -> Ticket? {
        guard bytes.count <= FrontMatter.maxFileSize, bytes.count > 8, bytes[0] == 0x2D, bytes[1] == 0x2D,
              bytes[2] == 0x2D, bytes[3] == 0x0A, !bytes.contains(13), !bytes.contains(0) else { return nil }
        // Line ranges (without the newline) up to and including the closing `---`.
        var reader = LineReader(bytes: bytes, position: 4)
        var fields: [(String, Value)] = []
        var activity: [[(String, String)]] = []
        var seen = Set<String>()
        var closed = false
        while let line = reader.next() {
            if reader.equals(line, "---") {
                closed = true
                break
            }
            guard let (key, rest) = reader.split(line), seen.insert(key).inserted else { return nil }
            if key == "activity" {
                if reader.equals(rest, "[]") { continue }
                guard rest.isEmpty else { return nil }
                while let next = reader.peek(), reader.startsEntry(next) || reader.isIndented(next, by: 2) {
                    reader.advance()
                    if reader.startsEntry(next) { activity.append([]) }
                    guard !activity.isEmpty, let (k, v) = reader.split(next.dropFirst(2)),
                          let value = reader.scalar(v, indent: 4) else { return nil }
                    activity[activity.count - 1].append((k, value))
                }
                continue
            }
            if !rest.isEmpty, bytes[rest.lowerBound] == 0x5B {
                guard let list = reader.flowList(rest) else { return nil }
                fields.append((key, .list(list)))
            } else if rest.isEmpty {
                fields.append((key, .null))
            } else {
                guard let value = reader.scalar(rest, indent: 2) else { return nil }
                fields.append((key, .text(value)))
            }
        }
        guard closed else { return nil }
        guard let body = String(validating: bytes[reader.position...], as: UTF8.self),
              let ticket = build(fields, activity, body: body) else { return nil }
        // The proof: only a file that is exactly what desk would write is accepted here.
        var encoded = TicketCodec.encode(ticket)
        let same = encoded.withUTF8 { buffer in
            buffer.count == bytes.count && bytes.withUnsafeBufferPointer { original in
                buffer.isEmpty || memcmp(buffer.baseAddress!, original.baseAddress!, buffer.count) == 0
            }
        }
        guard same else { return nil }
        return ticket
    }

    enum Value {
        case null
        case text(String)
        case list([String])
    }

    private static func build(_ fields: [(String, Value)], _ activity: [[(String, String)]], body: String) -> Ticket? {
        var values: [String: Value] = [:]
        for (key, value) in fields { values[key] = value }
        func text(_ key: String) -> String? {
            if case .text(let value)? = values[key] { return value }
            return nil
        }
        func list(_ key: String) -> [String] {
            if case .list(let value)? = values[key] { return value }
            return []
        }
        func time(_ key: String) -> Timestamp? { text(key).flatMap(Timestamp.init(iso:)) }
        guard let id = text("id").flatMap(TicketID.init), let title = text("title"), let status = text("status"),
              let created = time("created"), !title.isEmpty, !status.isEmpty else { return nil }
        var t = Ticket(id: id, title: title, status: status, created: created)
        t.updated = time("updated") ?? created
        t.priority = text("priority").flatMap(Priority.init(text:))
        t.impact = text("impact").flatMap(Impact.init(rawValue:))
        t.urgency = text("urgency").flatMap(Urgency.init(rawValue:))
        t.category = text("category")
        t.requester = text("requester")
        t.department = text("department")
        t.assignee = text("assignee")
        t.group = text("group")
        t.responseDue = time("response_due")
        t.resolveDue = time("resolve_due")
        t.responded = time("responded")
        t.resolved = time("resolved")
        t.tags = list("tags")
        t.links = list("links")
        t.kb = list("kb")
        t.asset = text("asset")
        t.channel = text("channel")
        for (key, value) in fields where !TicketCodec.knownKeys.contains(key) {
            guard case .text(let scalar) = value else { return nil }
            t.extra.append(ExtraField(key: key, value: scalar))
        }
        for entry in activity {
            var e: [String: String] = [:]
            for (k, v) in entry { e[k] = v }
            guard let id = e["id"], let at = e["at"].flatMap(Timestamp.init(iso:)), let author = e["author"],
                  let kind = e["kind"] else { return nil }
            t.activity.append(ActivityEntry(id: id, at: at, author: author, kind: kind, field: e["field"],
                                            from: e["from"], to: e["to"], text: e["text"]))
        }
        t.body = body
        return t
    }
}

/// Walks the lines of a file's bytes without copying them.
private struct LineReader {
    let bytes: [UInt8]
    var position: Int

    /// The next line, or nil at the end of the file (a last line without newline is not a line here).
    mutating func next() -> Range<Int>? {
        guard let line = peek() else { return nil }
        advance()
        return line
    }

    func peek() -> Range<Int>? {
        guard position < bytes.count, let newline = bytes[position...].firstIndex(of: 0x0A) else { return nil }
        return position..<newline
    }

    mutating func advance() {
        if let line = peek() { position = line.upperBound + 1 }
    }

    func equals(_ range: Range<Int>, _ text: StaticString) -> Bool {
        guard range.count == text.utf8CodeUnitCount else { return false }
        return text.withUTF8Buffer { buffer in bytes[range].elementsEqual(buffer) }
    }

    func startsEntry(_ line: Range<Int>) -> Bool {
        line.count >= 2 && bytes[line.lowerBound] == 0x2D && bytes[line.lowerBound + 1] == 0x20
    }

    func isIndented(_ line: Range<Int>, by count: Int) -> Bool {
        line.count >= count && bytes[line.lowerBound..<(line.lowerBound + count)].allSatisfy { $0 == 0x20 }
    }

    func string(_ range: Range<Int>) -> String? {
        String(validating: bytes[range], as: UTF8.self)
    }

    /// `key: rest` or `key:`; the key has no spaces.
    func split(_ line: Range<Int>) -> (String, Range<Int>)? {
        guard let colon = bytes[line].firstIndex(of: 0x3A), colon > line.lowerBound,
              !bytes[line.lowerBound..<colon].contains(0x20), let key = string(line.lowerBound..<colon) else { return nil }
        var rest = (colon + 1)..<line.upperBound
        if rest.first.map({ bytes[$0] == 0x20 }) == true {
            rest = (colon + 2)..<line.upperBound
        } else if !rest.isEmpty {
            return nil
        }
        return (key, rest)
    }

    /// A plain, double-quoted or literal-block value; a block's lines are consumed.
    mutating func scalar(_ rest: Range<Int>, indent: Int) -> String? {
        if bytes[rest.lowerBound] == 0x22 { return unquote(rest) }
        let chompStrip = equals(rest, "|-")
        guard chompStrip || equals(rest, "|") else { return string(rest) }
        var content: [UInt8] = []
        var first = true
        while let line = peek(), line.isEmpty || isIndented(line, by: indent) {
            if line.isEmpty {
                // An empty line belongs to the block only when more of the block follows.
                var probe = self
                probe.advance()
                guard let after = probe.peek(), after.isEmpty || probe.isIndented(after, by: indent) else { break }
            }
            if !first { content.append(0x0A) }
            first = false
            if !line.isEmpty { content.append(contentsOf: bytes[(line.lowerBound + indent)..<line.upperBound]) }
            advance()
        }
        if !chompStrip { content.append(0x0A) }
        return String(validating: content, as: UTF8.self)
    }

    func unquote(_ range: Range<Int>) -> String? {
        guard range.count >= 2, bytes[range.upperBound - 1] == 0x22,
              let inner = string((range.lowerBound + 1)..<(range.upperBound - 1)) else { return nil }
        guard inner.utf8.contains(0x5C) || inner.utf8.contains(0x22) else { return inner }
        var out = String.UnicodeScalarView()
        var scalars = inner.unicodeScalars[...]
        while let c = scalars.first {
            scalars = scalars.dropFirst()
            if c == "\"" { return nil }
            guard c == "\\" else {
                out.append(c)
                continue
            }
            guard let e = scalars.first else { return nil }
            scalars = scalars.dropFirst()
            switch e {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "\"": out.append("\"")
            case "\\": out.append("\\")
            case "u":
                let hex = String(String.UnicodeScalarView(scalars.prefix(4)))
                guard hex.utf8.count == 4, let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) else { return nil }
                out.append(s)
                scalars = scalars.dropFirst(4)
            default: return nil
            }
        }
        return String(out)
    }

    /// `[a, "b c", d]`.
    func flowList(_ range: Range<Int>) -> [String]? {
        guard range.count >= 2, bytes[range.upperBound - 1] == 0x5D else { return nil }
        let inner = (range.lowerBound + 1)..<(range.upperBound - 1)
        if inner.isEmpty { return [] }
        var items: [String] = []
        var start = inner.lowerBound
        var inQuotes = false
        var escaped = false
        var index = inner.lowerBound
        func take(_ end: Int) -> Bool {
            var item = start..<end
            if item.first.map({ bytes[$0] == 0x20 }) == true { item = (item.lowerBound + 1)..<item.upperBound }
            guard !item.isEmpty else { return false }
            guard let value = bytes[item.lowerBound] == 0x22 ? unquote(item) : string(item) else { return false }
            items.append(value)
            return true
        }
        while index < inner.upperBound {
            let c = bytes[index]
            if inQuotes {
                if escaped { escaped = false } else if c == 0x5C { escaped = true } else if c == 0x22 { inQuotes = false }
            } else if c == 0x22 {
                inQuotes = true
            } else if c == 0x2C {
                guard take(index) else { return nil }
                start = index + 1
            }
            index += 1
        }
        guard take(inner.upperBound) else { return nil }
        return items
    }
}
