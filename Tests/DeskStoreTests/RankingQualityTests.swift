@testable import DeskStore
import DeskTestSupport
import Foundation
import XCTest

/// The labelled set in Tests/Fixtures/kb-eval: realistic tickets in English, Dutch and Norwegian,
/// each with the article that solves it. `make bench` reports the same figures.
final class RankingQualityTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/kb-eval")

    func testSuggestionsFindTheArticleThatSolvesTheTicket() throws {
        let temporary = try TemporaryDesk()
        defer { temporary.remove() }
        let articles = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path + "/articles").sorted()
        XCTAssertGreaterThanOrEqual(articles.count, 40)
        for name in articles {
            try temporary.write("kb/" + name, try Data(contentsOf: Self.fixtures.appendingPathComponent("articles/" + name)))
        }
        XCTAssertTrue(try temporary.git("add", "-A").succeeded)
        XCTAssertTrue(try temporary.git("commit", "-q", "-m", "articles").succeeded)
        let cases = RankingEvaluation.readCases(try String(contentsOf: Self.fixtures.appendingPathComponent("queries.tsv"), encoding: .utf8))
        XCTAssertGreaterThanOrEqual(cases.count, 60)

        let outcome = try RankingEvaluation.run(cases, on: try Desk.open(at: temporary.root.path))
        print(String(format: "ranking: hit@1 %.3f, hit@3 %.3f over %d cases", outcome.hitAt1Rate, outcome.hitAt3Rate, outcome.cases))
        for (item, got) in outcome.misses {
            print("  miss [\(item.language)] \(item.title) — expected \(item.expected), got \(got.joined(separator: ", "))")
        }
        XCTAssertEqual(outcome.unpublishedSuggested, [], "drafts and retired articles are never suggested")
        // A floor below the measured figure (README, bench): a ranking change that loses it fails here.
        XCTAssertGreaterThanOrEqual(outcome.hitAt3Rate, 0.85)
    }
}
