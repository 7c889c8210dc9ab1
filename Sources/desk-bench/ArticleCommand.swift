import DeskStore
import Foundation

/// `desk-bench articles DIR --count N [--seed S]`: N knowledge articles in `kb/` (85 % published,
/// 10 % drafts, 5 % retired), written from the generator's categories in the three languages,
/// so suggestion and search are measured against a knowledge base of realistic size.
enum ArticleCommand {
    static func run(_ args: Arguments) throws {
        guard args.positional.count == 1 else { throw BenchError("articles needs exactly one DIR") }
        guard let count = Int(args.options["--count"] ?? ""), count >= 0 else {
            throw BenchError("articles needs --count N (a whole number)")
        }
        var rng = SplitMix64(seed: UInt64(args.options["--seed"] ?? "7") ?? 7)
        let dir = args.positional[0]
        try Files.makeDirectory(dir + "/kb")
        let created = Timestamp(iso: GenerateCommand.defaultNow)!.seconds
        var seen = Set<String>()
        let apps = Vocabulary.apps
        for n in 0..<count {
            var id = ArticleID.random(using: &rng)
            while !seen.insert(id.rawValue).inserted { id = ArticleID.random(using: &rng) }
            let category = rng.pick(Vocabulary.categories)
            let language = Language(rawValue: Int(rng.next() % 3))!
            func text(_ options: [String]) -> String {
                rng.pick(options).replacingOccurrences(of: "{app}", with: rng.pick(apps))
                    .replacingOccurrences(of: "{site}", with: "the office").replacingOccurrences(of: "{weekday}", with: "Monday")
                    .replacingOccurrences(of: "{floor}", with: "2").replacingOccurrences(of: "{asset}", with: "LPT-0042")
            }
            let roll = rng.next() % 100
            var article = Article(id: id, title: text(category.titles[language]) + " (\(n))",
                                  status: roll < 85 ? .published : roll < 95 ? .draft : .retired,
                                  audience: rng.next() % 3 == 0 ? .internal : .public,
                                  created: Timestamp(seconds: created - Int64(rng.next() % (400 * 86_400))))
            article.updated = Timestamp(seconds: article.created.seconds + Int64(rng.next() % (30 * 86_400)))
            article.tags = Array(category.tags.prefix(2))
            article.category = category.name
            article.owner = rng.pick(Vocabulary.operators)
            article.body = "Symptom: " + text(category.problems[language]) + "\n\n"
                + (1...3).map { "\($0). " + text(category.resolutions[language]) }.joined(separator: "\n") + "\n"
            try Files.writeWhole(dir + "/" + article.id.path, ArticleCodec.encode(article))
        }
        print("wrote \(count) articles in \(dir)/kb")
    }
}

/// `desk-bench kb-eval FIXTURES`: the labelled set's hit@1 and hit@3, as JSON on stdout.
enum RankingCommand {
    static func run(_ args: Arguments) throws {
        guard args.positional.count == 1 else { throw BenchError("kb-eval needs the fixtures folder (Tests/Fixtures/kb-eval)") }
        let fixtures = args.positional[0]
        let scratch = NSTemporaryDirectory() + "desk-kb-eval-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let desk = try Desk.initialize(at: scratch, environment: ["DESK_USER": "bench", "DESK_EMAIL": "bench@example.org"])
        var files: [FileChange] = []
        for name in try Files.list(fixtures + "/articles").sorted() where name.hasSuffix(".md") {
            files.append(FileChange(path: "kb/" + name, content: try Files.read(fixtures + "/articles/" + name)))
        }
        try desk.commit(Change(files: files, subject: "labelled articles", ticket: nil, action: "bench",
                               actor: Actor(handle: "bench", email: "bench@example.org")))
        let text = try String(contentsOfFile: fixtures + "/queries.tsv", encoding: .utf8)
        let outcome = try RankingEvaluation.run(RankingEvaluation.readCases(text), on: try Desk.open(at: scratch))
        var languages: [String] = []
        for (language, counts) in outcome.byLanguage.sorted(by: { $0.key < $1.key }) {
            languages.append("\"\(language)\": {\"cases\": \(counts.cases), \"hit_at_1\": \(String(format: "%.3f", Double(counts.hit1) / Double(max(counts.cases, 1)))), \"hit_at_3\": \(String(format: "%.3f", Double(counts.hit3) / Double(max(counts.cases, 1))))}")
        }
        print("{\"articles\": \(files.count), \"cases\": \(outcome.cases), \"hit_at_1\": \(String(format: "%.3f", outcome.hitAt1Rate)), \"hit_at_3\": \(String(format: "%.3f", outcome.hitAt3Rate)), \"unpublished_suggested\": \(outcome.unpublishedSuggested.count), \"by_language\": {\(languages.joined(separator: ", "))}}")
    }
}
