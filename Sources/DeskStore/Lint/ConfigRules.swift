import Yams

/// The rules for `desk.yml`: it must be read by desk without error; keys desk does not use are warned about.
enum ConfigRules {
    static let knownSections: Set<String> = ["name", "workflow", "priorities", "storage", "people", "departments", "categories", "calendars", "sla", "monitor"]

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
        var findings: [LintFinding] = []
        for (key, line) in topLevelKeys(bytes, path: path) where !knownSections.contains(key) {
            findings.append(LintFinding(path: path, line: line, severity: .warning, rule: .unknownField,
                                        message: "desk.yml section `\(key)` is not used by this version of desk (known: \(knownSections.sorted().joined(separator: ", ")))"))
        }
        return (findings, config)
    }

    /// The top-level keys of desk.yml with their lines, from the YAML parser (quoted keys,
    /// flow mappings and CRLF files included). The file has already been read once without error.
    private static func topLevelKeys(_ bytes: [UInt8], path: String) -> [(String, Int)] {
        guard let text = String(validating: bytes, as: UTF8.self),
              case .mapping(let mapping)? = try? FrontMatter.compose(text, path: path, lineOffset: 0, subject: "desk.yml")
        else { return [] }
        return mapping.compactMap { key, _ in key.string.map { ($0, key.mark?.line ?? 1) } }
    }
}
