import Yams

/// A desk file split into its YAML front matter (parsed) and Markdown body.
struct FrontMatterDocument {
    /// Keys in file order with their value nodes and 1-based file lines.
    var fields: [(key: String, value: Node, line: Int)]
    var body: String
}

/// Splits and parses front matter, turning every failure into a located `FormatError`.
enum FrontMatter {
    /// Files above this size are refused: no ticket needs a megabyte of text.
    static let maxFileSize = 1 << 20

    static func parse(_ bytes: [UInt8], path: String) throws -> FrontMatterDocument {
        func fail(_ line: Int, _ rule: String, _ message: String, column: Int = 0) -> FormatError {
            FormatError(path: path, line: line, column: column, rule: rule, message: message)
        }
        guard bytes.count <= maxFileSize else {
            throw fail(0, "size", "file is \(bytes.count) bytes; desk files are limited to \(maxFileSize) bytes")
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw fail(1, "encoding", "file starts with a byte-order mark; save it as UTF-8 without BOM")
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw fail(lineNumber(of: nul, in: bytes), "encoding", "file is binary (contains a NUL byte)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = firstInvalidUTF8(bytes)
            throw fail(lineNumber(of: bad, in: bytes), "encoding", "file is not valid UTF-8")
        }
        if let cr = bytes.firstIndex(of: 13) {
            throw fail(lineNumber(of: cr, in: bytes), "line-endings",
                       "file has CRLF (Windows) line endings; desk files use LF (convert with dos2unix)")
        }
        guard text.hasPrefix("---\n") else {
            throw fail(1, "front-matter", "file must start with a `---` line opening the front matter")
        }
        // The closing delimiter is the first line that is exactly `---`: desk never writes one inside
        // a value (multi-line text is indented or quoted).
        var lines = 1
        var closing: String.Index?
        var bodyStart = text.endIndex
        var cursor = text.index(text.startIndex, offsetBy: 4)
        while cursor < text.endIndex {
            let lineEnd = text[cursor...].firstIndex(of: "\n") ?? text.endIndex
            lines += 1
            let line = text[cursor..<lineEnd]
            if line == "---" || line == "..." {
                closing = cursor
                bodyStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
                break
            }
            cursor = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
        }
        guard let closing else {
            throw fail(1, "front-matter", "front matter opened on line 1 is never closed with a `---` line")
        }
        let yaml = String(text[text.index(text.startIndex, offsetBy: 4)..<closing])
        let root = try compose(yaml, path: path, lineOffset: 1, subject: "front matter", plainStrings: true)
        guard case .mapping(let mapping)? = root else {
            throw fail(2, "front-matter", "front matter must be a mapping of `key: value` lines")
        }
        var fields: [(String, Node, Int)] = []
        for (key, value) in mapping {
            let line = (key.mark?.line ?? 0) + 1
            guard case .scalar(let keyScalar) = key else {
                throw fail(line, "front-matter", "front matter keys must be plain names")
            }
            fields.append((keyScalar.string, value, line))
        }
        return FrontMatterDocument(fields: fields, body: String(text[bodyStart...]))
    }

    /// Parses one YAML document, refusing anchors and aliases.
    ///
    /// `lineOffset` is the file line just before the YAML starts (1 after a `---` line, 0 for a
    /// whole file): Yams counts lines from 1, so a node's file line is `mark.line + lineOffset`.
    /// `plainStrings`: resolve no scalar types (ticket fields are read as strings anyway), which
    /// skips the YAML library's regular expressions and halves the parse.
    static func compose(_ yaml: String, path: String, lineOffset: Int, subject: String,
                        plainStrings: Bool = false) throws -> Node? {
        do {
            let parser = try Parser(yaml: yaml, resolver: plainStrings ? .basic : .default, encoding: .utf8)
            let root = try parser.singleRoot()
            // Yams holds a node's anchor weakly and the parser owns it: check while the parser lives,
            // or every anchor reads as nil and aliases slip through.
            try withExtendedLifetime(parser) {
                if let root { try rejectAnchors(root, path: path, lineOffset: lineOffset) }
            }
            return root
        } catch let error as YamlError {
            throw translate(error, path: path, lineOffset: lineOffset, subject: subject)
        }
    }

    /// Anchors and aliases let one edit change many values and can blow up in size: refused.
    /// An alias resolves to its anchored node, so finding the anchor catches both.
    static func rejectAnchors(_ node: Node, path: String, lineOffset: Int) throws {
        if node.anchor != nil {
            throw FormatError(path: path, line: (node.mark?.line ?? 0) + lineOffset, column: node.mark?.column ?? 0,
                              rule: "yaml-anchor", message: "YAML anchors and aliases are not allowed in desk files")
        }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                try rejectAnchors(key, path: path, lineOffset: lineOffset)
                try rejectAnchors(value, path: path, lineOffset: lineOffset)
            }
        case .sequence(let sequence):
            for item in sequence { try rejectAnchors(item, path: path, lineOffset: lineOffset) }
        case .scalar, .alias:
            break
        }
    }

    static func translate(_ error: YamlError, path: String, lineOffset: Int, subject: String) -> FormatError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var detail = problem
            if let context, !context.text.isEmpty {
                // "while parsing a flow sequence (line 3)": where an unclosed bracket or quote began.
                let started = context.mark.line + lineOffset
                detail = context.text + (started != mark.line + lineOffset ? " (line \(started))" : "") + " " + problem
            }
            return FormatError(path: path, line: mark.line + lineOffset, column: mark.column, rule: "yaml",
                               message: "invalid YAML in \(subject): \(detail)")
        case .reader(let problem, let offset, _, let yaml):
            // Characters YAML refuses outright (e.g. U+FFFE); `offset` counts Characters into `yaml`.
            var line = 0
            if let offset, let index = yaml.index(yaml.startIndex, offsetBy: offset, limitedBy: yaml.endIndex) {
                line = yaml[..<index].reduce(1) { $1 == "\n" ? $0 + 1 : $0 } + lineOffset
            }
            return FormatError(path: path, line: line, rule: "yaml", message: "invalid YAML in \(subject): \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let first = context.mark.line + lineOffset
            let again = duplicates.count == 1
                ? repeatedKeyLine(duplicates[0], firstLine: context.mark.line, column: context.mark.column, in: context.text)
                : nil
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            guard let again else {
                return FormatError(path: path, line: first, column: context.mark.column, rule: "duplicate-key",
                                   message: "duplicate key \(keys) in \(subject)")
            }
            return FormatError(path: path, line: again + lineOffset, column: context.mark.column, rule: "duplicate-key",
                               message: "duplicate key \(keys) in \(subject) (first on line \(first)); each key may appear once")
        default:
            return FormatError(path: path, line: 0, rule: "yaml", message: "invalid YAML in \(subject): \(error)")
        }
    }

    /// The 1-based YAML line where block key `key`, first seen at `firstLine`:`column`, is repeated;
    /// nil when it cannot be found (flow or quoted keys), and the first line is reported instead.
    static func repeatedKeyLine(_ key: String, firstLine: Int, column: Int, in yaml: String) -> Int? {
        let indent = String(repeating: " ", count: max(0, column - 1))
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where index + 1 > firstLine {
            guard line.hasPrefix(indent + key) else { continue }
            let rest = line.dropFirst(indent.count + key.count).drop { $0 == " " }
            if rest.first == ":" { return index + 1 }
        }
        return nil
    }

    static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        for byte in bytes[..<min(offset, bytes.count)] where byte == 10 { line += 1 }
        return line
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var low = 0
        var high = bytes.count
        // Binary search for the shortest invalid prefix; a cut inside a valid sequence also fails,
        // so settle on the line, which is what the message reports.
        while low < high {
            let mid = (low + high) / 2
            var prefix = Array(bytes[..<mid])
            while let last = prefix.last, last & 0xC0 == 0x80 { prefix.removeLast() }
            if let last = prefix.last, last >= 0xC0 { prefix.removeLast() }
            if String(validating: prefix, as: UTF8.self) != nil { low = mid + 1 } else { high = mid }
        }
        return max(0, low - 1)
    }
}
