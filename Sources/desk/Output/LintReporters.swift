import DeskStore

/// Renders lint findings for one audience: people, scripts, or CI annotations.
protocol LintReporter {
    func render(_ report: LintReport) -> String
}

/// `path:line:column: error: message [rule]`, one per line — the form editors and grep understand.
struct TextLintReporter: LintReporter {
    func render(_ report: LintReport) -> String {
        report.findings.map { "\($0)\n" }.joined()
    }
}

/// The documented array of `{path, line, column, severity, rule, message}` (DESIGN.md).
struct JSONLintReporter: LintReporter {
    func render(_ report: LintReport) -> String {
        let objects = report.findings.map { finding in
            var object = OrderedFields()
            object.add("path", finding.path)
            object.add("line", finding.line)
            object.add("column", finding.column)
            object.add("severity", finding.severity.rawValue)
            object.add("rule", finding.rule)
            object.add("message", finding.message)
            return object
        }
        return OrderedFields.json(objects, indent: 0) + "\n"
    }
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
struct GitHubLintReporter: LintReporter {
    func render(_ report: LintReport) -> String {
        report.findings.map { finding in
            let properties = "file=\(escapeProperty(finding.path)),line=\(finding.line),col=\(finding.column),title=\(escapeProperty("desk lint " + finding.rule))"
            return "::\(finding.severity.rawValue) \(properties)::\(escapeData(finding.message))\n"
        }.joined()
    }

    // The escaping GitHub's runner undoes (actions/toolkit, command.ts).
    private func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
