/// A problem in a desk file, located by path, line and column (1-based; 0 when unknown).
public struct FormatError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    /// A stable rule id, e.g. `front-matter`, `encoding`, `type`, `required`.
    public var rule: String
    public var message: String

    public init(path: String, line: Int, column: Int = 0, rule: String, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.rule = rule
        self.message = message
    }

    public var description: String {
        var location = path
        if line > 0 { location += ":\(line)" }
        if column > 0 { location += ":\(column)" }
        return "\(location): \(message)"
    }
}
