/// The rules for one knowledge article beyond reading it.
enum ArticleRules {
    static func check(_ article: Article, path: String, bytes: [UInt8], context: LintContext) -> [LintFinding] {
        var findings: [(key: String, severity: Severity, rule: LintRule, message: String)] = []
        if article.id.path != path {
            findings.append(("id", .error, .idMismatch, "`id: \(article.id)` does not match the file's name (\(path))"))
            if context.contents.contains(article.id.path) {
                findings.append(("id", .error, .duplicateID, "`\(article.id)` is also the id of \(article.id.path)"))
            }
        }
        if article.updated < article.created {
            findings.append(("updated", .error, .timeOrder, "`updated` (\(article.updated)) is before `created` (\(article.created))"))
        }
        for source in article.source {
            if let ticket = TicketID(source) {
                if !context.contents.contains(ticket.path) {
                    findings.append(("source", .error, .reference, "`source` names \(ticket), which does not exist"))
                }
            } else {
                findings.append(("source", .error, .reference, "`source` item `\(source)` is not a ticket id"))
            }
        }
        if let owner = article.owner, !context.config.people.isEmpty, context.config.person(owner) == nil {
            findings.append(("owner", .error, .reference, "`owner: \(owner)` is not listed under `people` in desk.yml"))
        }
        for field in article.extra {
            findings.append((field.key, .warning, .unknownField,
                             "unknown field `\(field.key)` (known: \(ArticleCodec.keys.joined(separator: ", ")))"))
        }
        guard !findings.isEmpty else { return [] }
        let lines = FieldLines(bytes)
        return findings.map {
            LintFinding(path: path, line: lines.line(of: $0.key), severity: $0.severity, rule: $0.rule, message: $0.message)
        }
    }
}
