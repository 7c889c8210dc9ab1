/// An asset id: a kind prefix, a dash and a number or code, as written on the device's label
/// (`LPT-0042`, `MON-17`, `PRN-FL2A`). Case-insensitive, stored upper-case.
public struct AssetID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ text: String) {
        let upper = text.trimmingWhitespace().uppercased()
        let parts = upper.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        func isLetterOrDigit(_ c: Unicode.Scalar) -> Bool { ("A"..."Z").contains(c) || ("0"..."9").contains(c) }
        guard parts.count == 2, (1...10).contains(parts[0].count), (1...16).contains(parts[1].count),
              let first = parts[0].unicodeScalars.first, ("A"..."Z").contains(first),
              parts[0].unicodeScalars.allSatisfy(isLetterOrDigit), parts[1].unicodeScalars.allSatisfy(isLetterOrDigit) else {
            return nil
        }
        rawValue = upper
    }

    /// Path of the asset file relative to the desk root.
    public var path: String { "assets/\(rawValue).md" }

    public var description: String { rawValue }

    public static func < (lhs: AssetID, rhs: AssetID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A device known to the desk: what it is, whose it is, and notes in Markdown.
public struct Asset: Sendable, Equatable {
    public var id: AssetID
    /// laptop, desktop, monitor, printer, phone, …
    public var kind: String
    public var model: String?
    /// The requester who uses it.
    public var owner: String?
    public var department: String?
    /// The purchase date, `YYYY-MM-DD`.
    public var purchased: String?
    public var os: String?
    public var created: Timestamp
    public var updated: Timestamp
    public var extra: [ExtraField]
    public var body: String

    public init(id: AssetID, kind: String, created: Timestamp) {
        self.id = id
        self.kind = kind
        self.created = created
        updated = created
        extra = []
        body = ""
    }
}
