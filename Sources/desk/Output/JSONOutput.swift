import DeskStore

/// Encodes the documented JSON shapes (DESIGN.md "JSON shapes"); absent fields are `null`.
enum JSONOutput {
    static func print(_ value: OrderedFields) {
        Terminal.out(value.json(indent: 0) + "\n")
    }

    static func print(_ values: [OrderedFields]) {
        Terminal.out(OrderedFields.json(values, indent: 0) + "\n")
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Keys in a fixed order with explicit nulls, so the shape never depends on which fields are set.
struct OrderedFields {
    private(set) var items: [(String, Value)] = []

    enum Value {
        case string(String?)
        case strings([String])
        case int(Int)
        case number(Double?)
        case ints([Int])
        case bool(Bool)
        case object(OrderedFields)
        case objects([OrderedFields])
    }

    mutating func add(_ key: String, _ value: String?) { items.append((key, .string(value))) }
    mutating func add(_ key: String, _ value: [String]) { items.append((key, .strings(value))) }
    mutating func add(_ key: String, _ value: Timestamp?) { items.append((key, .string(value?.description))) }
    mutating func add(_ key: String, _ value: Int) { items.append((key, .int(value))) }
    mutating func add(_ key: String, _ value: [Int]) { items.append((key, .ints(value))) }
    /// A measurement, rounded to 4 decimals; null when there is none.
    mutating func add(_ key: String, _ value: Double?) { items.append((key, .number(value))) }
    mutating func add(_ key: String, _ value: Bool) { items.append((key, .bool(value))) }
    mutating func add(_ key: String, _ value: OrderedFields) { items.append((key, .object(value))) }
    mutating func add(_ key: String, _ value: [OrderedFields]) { items.append((key, .objects(value))) }

    /// Pretty-printed JSON with two-space indentation, keys in insertion order.
    func json(indent: Int) -> String {
        guard !items.isEmpty else { return "{}" }
        let pad = String(repeating: " ", count: indent + 2)
        let lines = items.map { key, value in pad + JSONOutput.quote(key) + ": " + render(value, indent: indent + 2) }
        return "{\n" + lines.joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent) + "}"
    }

    static func json(_ objects: [OrderedFields], indent: Int) -> String {
        guard !objects.isEmpty else { return "[]" }
        let pad = String(repeating: " ", count: indent + 2)
        let lines = objects.map { pad + $0.json(indent: indent + 2) }
        return "[\n" + lines.joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent) + "]"
    }

    private func render(_ value: Value, indent: Int) -> String {
        switch value {
        case .string(let text?): return JSONOutput.quote(text)
        case .string(nil): return "null"
        case .strings(let list): return "[" + list.map(JSONOutput.quote).joined(separator: ", ") + "]"
        case .int(let number): return String(number)
        case .ints(let list): return "[" + list.map(String.init).joined(separator: ", ") + "]"
        case .number(let number?) where number.isFinite: return String((number * 10_000).rounded() / 10_000)
        case .number: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .object(let object): return object.json(indent: indent)
        case .objects(let objects): return OrderedFields.json(objects, indent: indent)
        }
    }
}
