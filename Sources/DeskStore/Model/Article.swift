/// A knowledge article id: `KB-` and up to 7 Crockford base-32 characters (`KB-4F7Q2M`).
public struct ArticleID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let prefix = "KB-"
    public static let maxLength = 10

    /// Upper-case canonical form.
    public let rawValue: String

    public init?(_ text: String) {
        guard let normalized = Crockford.normalizeID(text, prefix: ArticleID.prefix),
              normalized.count > ArticleID.prefix.count, normalized.count <= ArticleID.maxLength else { return nil }
        rawValue = normalized
    }

    /// Characters after `KB-` in a new id: 30 random bits, short enough to read out on the phone.
    public static let randomLength = 6

    init(unchecked value: String) {
        rawValue = value
    }

    /// A fresh random id.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> ArticleID {
        ArticleID(unchecked: prefix + Crockford.random(count: randomLength, using: &generator))
    }

    /// Path of the article file relative to the desk root.
    public var path: String { "kb/\(rawValue).md" }

    public var description: String { rawValue }

    public static func < (lhs: ArticleID, rhs: ArticleID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where an article is in its life: only published ones are suggested.
public enum ArticleStatus: String, CaseIterable, Sendable, Codable {
    case draft, published, retired
}

/// Who may read an article: `public` ones are shown to requesters.
public enum Audience: String, CaseIterable, Sendable, Codable {
    case `internal`, `public`
}

/// One knowledge article: front matter and the solution as Markdown.
public struct Article: Sendable, Equatable {
    public var id: ArticleID
    public var title: String
    public var status: ArticleStatus
    public var audience: Audience
    public var tags: [String]
    public var category: String?
    public var created: Timestamp
    public var updated: Timestamp
    public var owner: String?
    /// The tickets the article was written from (provenance).
    public var source: [String]
    public var extra: [ExtraField]
    public var body: String

    public init(id: ArticleID, title: String, status: ArticleStatus = .draft, audience: Audience = .internal,
                created: Timestamp) {
        self.id = id
        self.title = title
        self.status = status
        self.audience = audience
        self.created = created
        updated = created
        tags = []
        source = []
        extra = []
        body = ""
    }
}
