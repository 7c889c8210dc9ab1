/// How bad a finding is: errors fail `desk lint`, warnings only with `--strict`.
public enum Severity: String, Sendable, Codable, Comparable {
    case error, warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
}

/// One problem `desk lint` found, located by path (relative to the desk root), line and column.
public struct LintFinding: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var path: String
    /// 1-based; 1 when the problem concerns the whole file.
    public var line: Int
    /// 1-based; 1 when only the line is known.
    public var column: Int
    public var severity: Severity
    /// A stable rule id from `LintRule`.
    public var rule: String
    public var message: String

    public init(path: String, line: Int, column: Int = 1, severity: Severity, rule: LintRule, message: String) {
        self.init(path: path, line: line, column: column, severity: severity, rule: rule.rawValue, message: message)
    }

    init(path: String, line: Int, column: Int, severity: Severity, rule: String, message: String) {
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
        self.severity = severity
        self.rule = rule
        self.message = message
    }

    /// A file that could not be read as a desk file: always an error, at the parser's location.
    init(_ error: FormatError) {
        self.init(path: error.path, line: error.line, column: error.column, severity: .error,
                  rule: error.rule, message: error.message)
    }

    public var description: String {
        "\(path):\(line):\(column): \(severity.rawValue): \(message) [\(rule)]"
    }

    public static func < (a: LintFinding, b: LintFinding) -> Bool {
        (a.path, a.line, a.column, a.severity, a.rule, a.message) < (b.path, b.line, b.column, b.severity, b.rule, b.message)
    }
}

/// Every rule `desk lint` applies, by its stable id. The README lists them with an example message.
public enum LintRule: String, CaseIterable, Sendable {
    // Reading a file (raised by the file format readers).
    case frontMatter = "front-matter"
    case yaml
    case duplicateKey = "duplicate-key"
    case yamlAnchor = "yaml-anchor"
    case encoding
    case lineEndings = "line-endings"
    case size
    case required
    case type
    case value
    case time
    case id
    case idMismatch = "id-mismatch"
    case activity
    case unknownField = "unknown-field"
    case config
    // One file's content.
    case timeOrder = "time-order"
    case activityOrder = "activity-order"
    case resolution
    case sla
    // Across files.
    case duplicateID = "duplicate-id"
    case reference
    case strayFile = "stray-file"
    // A change between two revisions (`--range`, `--staged`).
    case transition
    case immutable
    case activityAppend = "activity-append"
    case statusAuthor = "status-author"
    case delete
    case configChange = "config-change"
}
