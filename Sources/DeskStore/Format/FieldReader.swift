import Yams

/// Typed access to front matter fields, each failure a `FormatError` naming the key's line.
struct FieldReader {
    let path: String
    private var byKey: [String: (value: Node, line: Int)] = [:]
    private let order: [(key: String, value: Node, line: Int)]

    init(path: String, fields: [(key: String, value: Node, line: Int)]) {
        self.path = path
        order = fields
        for field in fields { byKey[field.key] = (field.value, field.line) }
    }

    func error(_ line: Int, _ rule: String, _ message: String) -> FormatError {
        FormatError(path: path, line: line, rule: rule, message: message)
    }

    func line(of key: String) -> Int { byKey[key]?.line ?? 0 }

    /// A share written as a percentage (`80%`) or a fraction (`0.8`); nil when it is neither.
    static func share(_ node: Node) -> Double? {
        let text = node.string ?? ""
        return text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private func scalarString(_ key: String, _ node: Node, line: Int) throws -> String? {
        if FieldReader.isNull(node) { return nil }
        guard case .scalar(let scalar) = node else {
            throw error(line, "type", "`\(key)` must be a single value, not a list or mapping")
        }
        return scalar.string
    }

    func optionalString(_ key: String) throws -> String? {
        guard let (node, line) = byKey[key] else { return nil }
        return try scalarString(key, node, line: line)
    }

    func requiredString(_ key: String) throws -> (value: String, line: Int) {
        guard let (node, line) = byKey[key] else {
            throw error(2, "required", "required field `\(key)` is missing")
        }
        guard let value = try scalarString(key, node, line: line), !value.isEmpty else {
            throw error(line, "required", "required field `\(key)` is empty")
        }
        return (value, line)
    }

    func optionalTime(_ key: String) throws -> Timestamp? {
        guard let text = try optionalString(key) else { return nil }
        guard let time = Timestamp(iso: text) else {
            throw error(line(of: key), "time", "`\(key): \(text)` is not an ISO 8601 time such as 2026-11-23T14:05:00Z")
        }
        return time
    }

    func requiredTime(_ key: String) throws -> Timestamp {
        let (text, line) = try requiredString(key)
        guard let time = Timestamp(iso: text) else {
            throw error(line, "time", "`\(key): \(text)` is not an ISO 8601 time such as 2026-11-23T14:05:00Z")
        }
        return time
    }

    func optionalEnum<T: CaseIterable & RawRepresentable>(_ key: String, _ make: (String) -> T?) throws -> T?
    where T.RawValue == String {
        guard let text = try optionalString(key) else { return nil }
        guard let value = make(text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(line(of: key), "value", "`\(key): \(text)` is not one of \(allowed)")
        }
        return value
    }

    func stringList(_ key: String) throws -> [String] {
        guard let (node, line) = byKey[key], !FieldReader.isNull(node) else { return [] }
        guard case .sequence(let sequence) = node else {
            throw error(line, "type", "`\(key)` must be a list, like `\(key): [a, b]`")
        }
        return try sequence.map { item in
            guard case .scalar(let scalar) = item, !FieldReader.isNull(item) else {
                throw error((item.mark?.line ?? line - 1) + 1, "type", "`\(key)` items must be single values")
            }
            return scalar.string
        }
    }

    func unknownFields(known: Set<String>) throws -> [ExtraField] {
        try order.filter { !known.contains($0.key) }.map { field in
            guard case .scalar(let scalar) = field.value else {
                throw error(field.line, "unknown-field",
                            "unknown field `\(field.key)` holds a list or mapping; desk keeps unknown fields only as single values")
            }
            return ExtraField(key: field.key, value: scalar.string)
        }
    }

    func activity() throws -> [ActivityEntry] {
        guard let (node, line) = byKey["activity"], !FieldReader.isNull(node) else { return [] }
        guard case .sequence(let sequence) = node else {
            throw error(line, "activity", "`activity` must be a list of entries")
        }
        return try sequence.map { item in
            let itemLine = (item.mark?.line ?? line - 1) + 1
            guard case .mapping(let mapping) = item else {
                throw error(itemLine, "activity", "each activity entry must be a mapping with id, at, author and kind")
            }
            var values: [String: String] = [:]
            for (key, value) in mapping {
                let keyLine = (key.mark?.line ?? 0) + 1
                guard case .scalar(let k) = key else { throw error(keyLine, "activity", "activity keys must be names") }
                guard TicketCodec.activityKeys.contains(k.string) else {
                    throw error(keyLine, "activity", "unknown key `\(k.string)` in activity entry")
                }
                if FieldReader.isNull(value) { continue }
                guard case .scalar(let v) = value else {
                    throw error(keyLine, "activity", "activity `\(k.string)` must be a single value")
                }
                values[k.string] = v.string
            }
            for required in ["id", "at", "author", "kind"] where (values[required] ?? "").isEmpty {
                throw error(itemLine, "activity", "activity entry is missing `\(required)`")
            }
            guard let at = Timestamp(iso: values["at"]!) else {
                throw error(itemLine, "time", "activity `at: \(values["at"]!)` is not an ISO 8601 time")
            }
            return ActivityEntry(id: values["id"]!, at: at, author: values["author"]!, kind: values["kind"]!,
                                 field: values["field"], from: values["from"], to: values["to"], text: values["text"])
        }
    }
}
