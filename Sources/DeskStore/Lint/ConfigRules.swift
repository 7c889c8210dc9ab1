/// The rules for `desk.yml`: it must be read by desk without error; keys desk does not use are warned about.
enum ConfigRules {
    static let knownSections: Set<String> = ["name", "workflow", "priorities", "storage", "people", "departments"]

    /// The findings and the configuration to check the other files against (the default one when
    /// `desk.yml` itself is broken, so the rest of the desk is still checked).
    static func check(_ bytes: [UInt8]?, path: String = DeskConfigCodec.fileName) -> (findings: [LintFinding], config: DeskConfig) {
        guard let bytes else {
            return ([LintFinding(path: path, line: 1, severity: .error, rule: .config,
                                 message: "desk.yml is missing; every desk has one at its root (`desk init` writes it)")], .standard)
        }
        let config: DeskConfig
        do {
            config = try DeskConfigCodec.decode(bytes, path: path)
        } catch let error as FormatError {
            return ([LintFinding(error)], .standard)
        } catch {
            return ([LintFinding(path: path, line: 1, severity: .error, rule: .config, message: "\(error)")], .standard)
        }
        let lines = FieldLines(["---", "\n"].flatMap { Array($0.utf8) } + bytes)
        var findings: [LintFinding] = []
        for key in topLevelKeys(bytes) where !knownSections.contains(key) {
            findings.append(LintFinding(path: path, line: lines.line(of: key) - 1, severity: .warning, rule: .unknownField,
                                        message: "desk.yml section `\(key)` is not used by this version of desk (known: \(knownSections.sorted().joined(separator: ", ")))"))
        }
        return (findings, config)
    }

    private static func topLevelKeys(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard let first = line.first, first != " ", first != "#", first != "-", first != "\t",
                  let colon = line.firstIndex(of: ":") else { return nil }
            return String(line[..<colon]).trimmingWhitespace()
        }
    }
}
