/// The rules for one asset file beyond reading it (the codec already requires `id`, `kind` and
/// `created`, and a `purchased` date that exists): the id against the file's name, the owner and
/// department against desk.yml, and a purchase date that has happened.
enum AssetRules {
    static func check(_ asset: Asset, path: String, bytes: [UInt8], context: LintContext) -> [LintFinding] {
        var findings: [(key: String, severity: Severity, rule: LintRule, message: String)] = []
        let config = context.config
        if asset.id.path != path {
            findings.append(("id", .error, .idMismatch, "`id: \(asset.id)` does not match the file's name (\(path))"))
            if context.contents.contains(asset.id.path) {
                findings.append(("id", .error, .duplicateID, "`\(asset.id)` is also the id of \(asset.id.path)"))
            }
        }
        // `kind: " "` reads as a value; desk never writes a blank one.
        if asset.kind.trimmingWhitespace().isEmpty {
            findings.append(("kind", .error, .required, "required field `kind` is empty"))
        }
        if asset.updated < asset.created {
            findings.append(("updated", .error, .timeOrder, "`updated` (\(asset.updated)) is before `created` (\(asset.created))"))
        }
        if let purchased = asset.purchased, let date = LocalDate(iso: purchased), date > context.today {
            findings.append(("purchased", .error, .value,
                             "`purchased: \(purchased)` is in the future (today is \(context.today)); it is the date the device was bought"))
        }
        // The owner is the person who uses the device, a requester: checked like a ticket's requester.
        if let owner = asset.owner, !config.people.isEmpty, config.person(owner) == nil, !owner.contains("@") {
            findings.append(("owner", .warning, .reference, "`owner: \(owner)` is not listed under `people` in desk.yml"))
        }
        let departments = config.departmentNames
        if let department = asset.department, !departments.isEmpty, !departments.contains(department) {
            findings.append(("department", .error, .reference,
                             "`department: \(department)` is not a department in desk.yml (\(departments.sorted().joined(separator: ", ")))"))
        }
        for field in asset.extra {
            findings.append((field.key, .warning, .unknownField,
                             "unknown field `\(field.key)` (known: \(AssetCodec.keys.joined(separator: ", ")))"))
        }
        guard !findings.isEmpty else { return [] }
        let lines = FieldLines(bytes)
        return findings.map {
            LintFinding(path: path, line: lines.line(of: $0.key), severity: $0.severity, rule: $0.rule, message: $0.message)
        }
    }
}
