import Foundation

/// How well `desk suggest` finds the article that solves a ticket, on a labelled set: ticket
/// texts, each with the id of the article that solves it.
public struct RankingEvaluation: Sendable {
    public struct Case: Sendable {
        public var language: String
        public var expected: String
        public var title: String
        public var body: String
    }

    public struct Outcome: Sendable {
        public var cases: Int
        public var hitAt1: Int
        public var hitAt3: Int
        /// Language → (cases, hit@1, hit@3).
        public var byLanguage: [String: (cases: Int, hit1: Int, hit3: Int)]
        /// The cases whose expected article was not in the top 3, with what came first instead.
        public var misses: [(case: Case, got: [String])]
        /// Drafts or retired articles that were suggested (must stay empty).
        public var unpublishedSuggested: [String]

        public var hitAt1Rate: Double { cases == 0 ? 0 : Double(hitAt1) / Double(cases) }
        public var hitAt3Rate: Double { cases == 0 ? 0 : Double(hitAt3) / Double(cases) }
    }

    /// Reads `lang<TAB>expected<TAB>title<TAB>body` lines after a header line.
    public static func readCases(_ text: String) -> [Case] {
        text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { return nil }
            return Case(language: fields[0], expected: fields[1], title: fields[2], body: fields[3])
        }
    }

    /// Runs every case through `desk.suggest(text:)` as `desk new` would (title, then description).
    public static func run(_ cases: [Case], on desk: Desk) throws -> Outcome {
        let unpublished = Set(try desk.listArticles(ArticleQuery()).filter { $0.status != ArticleStatus.published.rawValue }.map(\.id))
        var outcome = Outcome(cases: 0, hitAt1: 0, hitAt3: 0, byLanguage: [:], misses: [], unpublishedSuggested: [])
        for item in cases {
            let suggestions = try desk.suggest(text: item.title + "\n" + item.title + "\n" + item.body, limit: 3)
            let ids = suggestions.articles.map(\.article.id)
            outcome.unpublishedSuggested += ids.filter { unpublished.contains($0) }
            let hit1 = ids.first == item.expected
            let hit3 = ids.prefix(3).contains(item.expected)
            outcome.cases += 1
            outcome.hitAt1 += hit1 ? 1 : 0
            outcome.hitAt3 += hit3 ? 1 : 0
            var language = outcome.byLanguage[item.language] ?? (0, 0, 0)
            language.cases += 1
            language.hit1 += hit1 ? 1 : 0
            language.hit3 += hit3 ? 1 : 0
            outcome.byLanguage[item.language] = language
            if !hit3 { outcome.misses.append((item, ids)) }
        }
        return outcome
    }
}
