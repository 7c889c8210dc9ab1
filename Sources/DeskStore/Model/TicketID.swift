/// A ticket id: `T-` and 8 Crockford base-32 characters (40 random bits).
///
/// Random rather than sequential so desks allocate without coordinating; the local desk
/// re-draws on a clash, and sync renumbers the rare clash between desks.
public struct TicketID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let prefix = "T-"
    public static let randomLength = 8

    /// Upper-case canonical form, e.g. `T-8KQ2M4XZ`.
    public let rawValue: String

    /// Accepts only a complete, canonical or lower-case id; see `IDPattern` for prefixes.
    public init?(_ text: String) {
        guard let normalized = Crockford.normalizeID(text, prefix: TicketID.prefix),
              normalized.count == TicketID.prefix.count + TicketID.randomLength else { return nil }
        rawValue = normalized
    }

    init(unchecked value: String) {
        rawValue = value
    }

    /// A fresh random id.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> TicketID {
        TicketID(unchecked: prefix + Crockford.random(count: randomLength, using: &generator))
    }

    /// The random part, e.g. `8KQ2M4XZ`.
    public var body: Substring { rawValue.dropFirst(TicketID.prefix.count) }

    /// The shard folder: the first two characters of the random part (1,024 folders).
    public var shard: String { String(body.prefix(2)) }

    /// Path of the ticket file relative to the desk root.
    public var path: String { "tickets/\(shard)/\(rawValue).md" }

    public var description: String { rawValue }

    public static func < (lhs: TicketID, rhs: TicketID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Crockford's base 32: no I, L, O, U, so ids survive being read aloud and retyped.
enum Crockford {
    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    static let allowed: Set<Character> = Set(alphabet)

    static func random<G: RandomNumberGenerator>(count: Int, using generator: inout G) -> String {
        String((0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt32(32)))] })
    }

    /// Upper-cases, maps the look-alikes (`o`→0, `i`/`l`→1) and checks the characters.
    /// Returns nil when the text is not `PREFIX` + base-32 characters (possibly none).
    static func normalizeID(_ text: String, prefix: String) -> String? {
        // Ids as desk writes them (every file read has one) are already canonical: no copy needed.
        if isCanonical(text, prefix: prefix) { return text }
        // ASCII only: Unicode case mapping would turn `ß` into `SS` and `ı` into `I`.
        guard text.allSatisfy(\.isASCII) else { return nil }
        let upper = text.uppercased()
        guard upper.hasPrefix(prefix) else { return nil }
        var out = prefix
        for ch in upper.dropFirst(prefix.count) {
            let mapped: Character
            switch ch {
            case "O": mapped = "0"
            case "I", "L": mapped = "1"
            default: mapped = ch
            }
            guard allowed.contains(mapped) else { return nil }
            out.append(mapped)
        }
        return out
    }

    /// `PREFIX` followed by upper-case base-32 characters only.
    private static func isCanonical(_ text: String, prefix: String) -> Bool {
        guard text.utf8.starts(with: prefix.utf8) else { return false }
        for byte in text.utf8.dropFirst(prefix.utf8.count) {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if byte == UInt8(ascii: "I") || byte == UInt8(ascii: "L") || byte == UInt8(ascii: "O")
                    || byte == UInt8(ascii: "U") { return false }
            default: return false
            }
        }
        return true
    }
}
