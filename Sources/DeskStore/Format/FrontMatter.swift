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
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw translate(error, path: path)
        }
        guard case .mapping(let mapping)? = root else {
            throw fail(2, "front-matter", "front matter must be a mapping of `key: value` lines")
        }
        var fields: [(String, Node, Int)] = []
        for (key, value) in mapping {
            let line = (key.mark?.line ?? 0) + 1
            guard case .scalar(let keyScalar) = key else {
                throw fail(line, "front-matter", "front matter keys must be plain names")
            }
            try rejectAnchors(value, path: path)
            fields.append((keyScalar.string, value, line))
        }
        return FrontMatterDocument(fields: fields, body: String(text[bodyStart...]))
    }

    /// Anchors and aliases let one edit change many values and can blow up in size: refused.
    static func rejectAnchors(_ node: Node, path: String) throws {
        if node.anchor != nil {
            throw FormatError(path: path, line: (node.mark?.line ?? 0) + 1, column: node.mark?.column ?? 0,
                              rule: "yaml-anchor", message: "YAML anchors and aliases are not allowed in desk files")
        }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                try rejectAnchors(key, path: path)
                try rejectAnchors(value, path: path)
            }
        case .sequence(let sequence):
            for item in sequence { try rejectAnchors(item, path: path) }
        case .scalar, .alias:
            break
        }
    }

    static func translate(_ error: YamlError, path: String) -> FormatError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return FormatError(path: path, line: mark.line + 1, column: mark.column, rule: "yaml",
                               message: "invalid YAML in front matter: \(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return FormatError(path: path, line: context.mark.line + 1, column: context.mark.column,
                               rule: "duplicate-key",
                               message: "duplicate key \(duplicates.map { "`\($0)`" }.joined(separator: ", ")) in front matter")
        default:
            return FormatError(path: path, line: 0, rule: "yaml", message: "invalid YAML in front matter: \(error)")
        }
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
