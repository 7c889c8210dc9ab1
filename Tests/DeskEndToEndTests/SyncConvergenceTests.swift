import DeskTestSupport
import Foundation
import XCTest

/// Randomized convergence of `desk sync`: three replicas of one desk and a bare remote, hundreds
/// of random commands spread over them (new tickets, assignments, comments, status moves, field
/// and tag edits, knowledge articles), syncs at random moments and some at the same moment, then
/// syncs until nothing changes. Afterwards every replica and the remote hold the same tree, no
/// ticket, article or comment is lost or doubled, no activity entry any command printed is lost,
/// doubled or rewritten, every conflict a sync reported is recorded in its ticket, every command
/// either worked or was refused cleanly (exit 4, status moves only), and every repository is
/// sound (`git fsck`, `git status`, `desk lint`, and `desk lint --strict`: a merge must not
/// leave a ticket no command could have written).
///
/// The seed is 20261204 unless `DESK_E2E_SEED` gives one or `DESK_E2E_RANDOM=1` asks for a
/// random one; it is printed either way. A seed replays the same choices of command, replica,
/// target and text; ids, clock times and the interleaving of concurrent syncs still differ
/// from run to run. `DESK_E2E_CONVERGENCE_OPS` changes the number of operations (default 500).
/// On failure the log of every command is in `ops.log` in the team's folder (keep it with
/// `DESK_E2E_KEEP=1`).
final class SyncConvergenceTests: XCTestCase {
    private var team: DeskTeam?

    override func tearDownWithError() throws {
        team?.remove()
        team = nil
        try super.tearDownWithError()
    }

    func testRandomOperationsOnThreeReplicasConverge() throws {
        let seed = ConvergenceRun.seed()
        print("SyncConvergence: seed \(seed) (replay with DESK_E2E_SEED=\(seed))")
        let started = Date()
        let team = try DeskTeam(users: ["alice", "bob", "carol"])
        self.team = team
        let operations = ProcessInfo.processInfo.environment["DESK_E2E_CONVERGENCE_OPS"].flatMap { Int($0) } ?? 500
        let run = ConvergenceRun(team: team, seed: seed)
        defer {
            let log = run.writeLog()
            if (testRun?.failureCount ?? 0) > 0 {
                print("SyncConvergence: every command is logged in \(log.path) (kept with DESK_E2E_KEEP=1); replay with DESK_E2E_SEED=\(seed)")
            }
        }
        try run.randomOperations(operations)
        let opsDone = Date()
        try run.syncUntilQuiet()
        try run.verify()
        let seconds = Date().timeIntervalSince(started)
        print(run.summary(operationSeconds: opsDone.timeIntervalSince(started), totalSeconds: seconds))
    }
}

/// The state of one run: the replicas as the test last saw them, and everything ever made.
private final class ConvergenceRun {
    static let defaultSeed: UInt64 = 20_261_204

    /// `DESK_E2E_SEED`, else a random seed when `DESK_E2E_RANDOM=1`, else the fixed one.
    static func seed() -> UInt64 {
        let env = ProcessInfo.processInfo.environment
        if let given = env["DESK_E2E_SEED"].flatMap({ UInt64($0) }) { return given }
        if env["DESK_E2E_RANDOM"] == "1" { return UInt64.random(in: 1...UInt64.max) }
        return defaultSeed
    }

    /// One replica as the test last saw it. The view goes stale on purpose (it is refreshed
    /// only now and then after a sync), so some status moves are refused, as for a person
    /// working from a list they read a while ago.
    struct Replica {
        let desk: TemporaryDesk
        var name: String { desk.user }
        var status: [String: String] = [:]
        var articles: Set<String> = []
        var ticketIDs: [String] { status.keys.sorted() }
        var articleIDs: [String] { articles.sorted() }
    }

    /// A text the test wrote into a ticket's activity (comment, reopen reason, resolution).
    struct Written {
        var ticket: String
        var kind: String
        var text: String
    }

    struct SeenEntry {
        var ticket: String
        var content: String
    }

    /// A conflict a sync reported.
    struct Conflict {
        var replica: String
        var path: String
        var field: String
        var kept: String
        var dropped: String
    }

    let team: DeskTeam
    var rng: SplitMix64
    let seed: UInt64
    var replicas: [Replica]

    var createdTickets: [String] = []
    var createdArticles: [String] = []
    var written: [Written] = []
    /// Every activity entry any command printed, by id: the ticket and the content first seen.
    var entries: [String: SeenEntry] = [:]
    var conflicts: [Conflict] = []
    var renumbered: [(from: String, to: String)] = []

    var counts: [String: Int] = [:]
    var refused: [String: Int] = [:]
    var syncs = 0
    var concurrentBatches = 0
    var mergeCommits = 0
    var pushRetries = 0
    var quietAfterRounds = 0
    var unexpected = 0
    var counter = 0
    var operation = 0
    var log: [String] = []

    static let operators = ["alice", "bob", "carol", "dave"]
    static let tags = ["printer", "vpn", "laptop", "mail", "wifi", "floor3", "urgent", "vip"]
    static let categories = ["network", "network/vpn", "hardware", "hardware/printer", "accounts", "software/office"]
    static let urgencies = ["low", "medium", "high"]
    static let transitions: [String: [String]] = [
        "new": ["open", "pending", "resolved"], "open": ["pending", "resolved"],
        "pending": ["open", "resolved"], "resolved": ["open", "closed"], "closed": [],
    ]
    static let statuses = ["new", "open", "pending", "resolved", "closed"]

    init(team: DeskTeam, seed: UInt64) {
        self.team = team
        self.seed = seed
        rng = SplitMix64(seed: seed)
        replicas = team.desks.map { Replica(desk: $0) }
    }

    // MARK: Randomness

    func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
    func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

    /// A unique text with, now and then, the characters that are hardest to round-trip.
    func text(_ kind: String, by user: String) -> String {
        counter += 1
        let core = "\(kind)\(counter)@\(user)"
        switch int(0...9) {
        case 0: return core + ": printer says \"paper jam\" again"
        case 1: return core + "\nsecond line\n---\nthird line"
        case 2: return core + " — ünïcødé ✓ 日本語"
        case 3: return core + ": ../../etc/passwd # not a path"
        case 4: return core + " yes: no"
        case 5: return core + "\n\n- a list item\n- another"
        default: return core + " tried the usual steps"
        }
    }

    // MARK: Running commands

    @discardableResult
    func desk(_ r: Int, _ args: [String], stdin: String? = nil) throws -> CommandResult {
        let result = try replicas[r].desk.run(arguments: args, stdin: stdin)
        record(r, args, result)
        return result
    }

    func record(_ r: Int, _ args: [String], _ result: CommandResult) {
        let how = result.signaled ? "signal \(result.exitCode)" : "exit \(result.exitCode)"
        let shown = args.map { $0.contains(" ") || $0.contains("\n") ? $0.debugDescription : $0 }.joined(separator: " ")
        log.append("[\(operation)] \(replicas[r].name): desk \(shown) → \(how)")
        if !result.succeeded {
            log.append("    " + result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// Whether the command did its work; a refusal (exit 4) is counted when `refusable`,
    /// anything else that is not success fails the test.
    @discardableResult
    func outcome(_ result: CommandResult, kind: String, refusable: Bool = false) -> Bool {
        if result.succeeded { return true }
        if refusable, !result.signaled, result.exitCode == 4 {
            refused[kind, default: 0] += 1
            return false
        }
        unexpected += 1
        XCTFail("operation \(operation) (\(kind)) ended badly (seed \(seed)):\n\(result)")
        return false
    }

    func note(_ message: String) { log.append("[\(operation)] " + message) }

    @discardableResult
    func writeLog() -> URL {
        let url = team.base.appendingPathComponent("ops.log")
        try? (log.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    // MARK: Operations

    func randomOperations(_ total: Int) throws {
        for r in replicas.indices { try refresh(r) }
        for index in 1...total {
            operation = index
            try randomOperation(on: int(0...(replicas.count - 1)))
            if unexpected > 20 {
                XCTFail("stopping after \(unexpected) unexpected results")
                return
            }
            if chance(0.03) {
                try concurrentSyncs()
            } else if chance(0.15) {
                try sync(int(0...(replicas.count - 1)))
            }
        }
    }

    func randomOperation(on r: Int) throws {
        let tickets = replicas[r].ticketIDs
        if tickets.count < 3 {
            try newTicket(r)
            return
        }
        let roll = int(0...99)
        switch roll {
        case 0..<12: try newTicket(r)
        case 12..<34: try comment(r, pick(tickets))
        case 34..<42: try assign(r, pick(tickets))
        case 42..<62: try move(r, pick(tickets))
        case 62..<77: try editFields(r, pick(tickets))
        case 77..<88: try editTags(r, pick(tickets))
        case 88..<92: try newArticle(r)
        default:
            let articles = replicas[r].articleIDs
            if articles.isEmpty { try newArticle(r) } else { try editArticle(r, pick(articles)) }
        }
    }

    func newTicket(_ r: Int) throws {
        counts["new", default: 0] += 1
        counter += 1
        let user = replicas[r].name
        var args = ["new", "Ticket n\(counter) from \(user)", "--no-suggest", "--json"]
        for _ in 0..<int(0...2) { args += ["--tag", pick(Self.tags)] }
        if chance(0.6) { args += ["--category", pick(Self.categories)] }
        if chance(0.4) { args += ["--urgency", pick(Self.urgencies)] }
        if chance(0.3) { args += ["--body", "Body of n\(counter).\nSecond line."] }
        let result = try desk(r, args)
        guard outcome(result, kind: "new"), let id = noteTicket(r, result) else { return }
        createdTickets.append(id)
    }

    func comment(_ r: Int, _ id: String) throws {
        counts["comment", default: 0] += 1
        let isInternal = chance(0.2)
        let message = text(isInternal ? "internal" : "comment", by: replicas[r].name)
        let viaStdin = chance(0.2)
        var args = ["comment", id, viaStdin ? "-" : message, "--json"]
        if isInternal { args.append("--internal") }
        let result = try desk(r, args, stdin: viaStdin ? message : nil)
        if outcome(result, kind: "comment") {
            noteTicket(r, result)
            written.append(Written(ticket: id, kind: isInternal ? "internal" : "comment", text: message))
        }
    }

    func assign(_ r: Int, _ id: String) throws {
        counts["assign", default: 0] += 1
        let result = try desk(r, ["assign", id, pick(Self.operators), "--json"])
        if outcome(result, kind: "assign") { noteTicket(r, result) }
    }

    /// A status move the replica's (possibly stale) view allows, or now and then any move.
    func move(_ r: Int, _ id: String) throws {
        counts["status", default: 0] += 1
        let current = replicas[r].status[id] ?? "new"
        let allowed = Self.transitions[current] ?? []
        let target = allowed.isEmpty || chance(0.1) ? pick(Self.statuses) : pick(allowed)
        let user = replicas[r].name
        var made: Written?
        let args: [String]
        switch target {
        case "resolved":
            let message = text("resolution", by: user)
            made = Written(ticket: id, kind: "resolution", text: message)
            args = ["resolve", id, "--resolution", message]
        case "closed":
            args = ["close", id]
        case "open" where current == "resolved":
            let message = text("reopen", by: user)
            made = Written(ticket: id, kind: "comment", text: message)
            args = ["reopen", id, "--reason", message]
        default:
            args = ["status", id, target]
        }
        let result = try desk(r, args + ["--json"])
        if outcome(result, kind: "status", refusable: true) {
            noteTicket(r, result)
            if let made { written.append(made) }
        } else if let from = Self.refusedFrom(result.stdout + result.stderr) {
            // The refusal names where the ticket really is.
            replicas[r].status[id] = from
        }
    }

    /// `cannot move from X to Y` → X.
    static func refusedFrom(_ message: String) -> String? {
        guard let range = message.range(of: "cannot move from ") else { return nil }
        let word = message[range.upperBound...].prefix { $0 != " " }
        return word.isEmpty ? nil : String(word)
    }

    func editFields(_ r: Int, _ id: String) throws {
        counts["edit", default: 0] += 1
        var args = ["edit", id, "--json"]
        var fields = Set<String>()
        for _ in 0..<int(1...2) {
            switch int(0...2) {
            case 0 where !fields.contains("title"):
                fields.insert("title")
                counter += 1
                let title = chance(0.3) ? "Title t\(counter): \"quoted\" --- by \(replicas[r].name)"
                    : "Title t\(counter) by \(replicas[r].name)"
                args += ["--set", "title=" + title]
            case 1 where !fields.contains("category"):
                fields.insert("category")
                args += ["--set", "category=" + (chance(0.1) ? "" : pick(Self.categories))]
            case 2 where !fields.contains("urgency"):
                fields.insert("urgency")
                args += ["--set", "urgency=" + pick(Self.urgencies)]
            default:
                break
            }
        }
        if fields.isEmpty { args += ["--set", "urgency=" + pick(Self.urgencies)] }
        let result = try desk(r, args)
        if outcome(result, kind: "edit") { noteTicket(r, result) }
    }

    /// `tags` with one removed (sometimes) or one added: the commands replace the whole list.
    func toggledTag(_ tags: [String]) -> [String] {
        var tags = tags
        if !tags.isEmpty, chance(0.4) {
            tags.remove(at: int(0...(tags.count - 1)))
        } else {
            let tag = pick(Self.tags)
            if !tags.contains(tag) { tags.append(tag) }
        }
        return tags
    }

    /// Adds or removes a tag: the command replaces the whole list, so it is read first.
    func editTags(_ r: Int, _ id: String) throws {
        counts["tags", default: 0] += 1
        let shown = try desk(r, ["show", id, "--json"])
        guard outcome(shown, kind: "show") else { return }
        let tags = toggledTag(try JSON.object(shown.stdout)["tags"] as? [String] ?? [])
        let result = try desk(r, ["edit", id, "--set", "tags=" + tags.joined(separator: ","), "--json"])
        if outcome(result, kind: "tags") { noteTicket(r, result) }
    }

    /// Reads the ticket a command printed (`--json`): its status for the replica's view, and
    /// every activity entry in it, so the end can check that none was lost or rewritten.
    @discardableResult
    func noteTicket(_ r: Int, _ result: CommandResult) -> String? {
        guard let ticket = try? JSON.object(result.stdout), let id = ticket["id"] as? String else {
            unexpected += 1
            XCTFail("operation \(operation): expected the ticket as JSON:\n\(result)")
            return nil
        }
        replicas[r].status[id] = ticket["status"] as? String ?? "new"
        for entry in ticket["activity"] as? [[String: Any]] ?? [] {
            guard let entryID = entry["id"] as? String, entries[entryID] == nil else { continue }
            entries[entryID] = SeenEntry(ticket: id, content: Self.content(entry))
        }
        return id
    }

    /// An activity entry as one comparable string.
    static func content(_ entry: [String: Any]) -> String {
        ["at", "author", "kind", "field", "from", "to", "text"].map { key in
            (entry[key] as? String).map { "\(key)=\($0.debugDescription)" } ?? "\(key)=nil"
        }.joined(separator: " ")
    }

    func newArticle(_ r: Int) throws {
        counts["kb new", default: 0] += 1
        counter += 1
        var args = ["kb", "new", "Article a\(counter) from \(replicas[r].name)", "--body",
                    "Step 1 of a\(counter).\nStep 2.\n"]
        for _ in 0..<int(0...2) { args += ["--tag", pick(Self.tags)] }
        if chance(0.5) { args += ["--category", pick(Self.categories)] }
        let result = try desk(r, args)
        guard outcome(result, kind: "kb new") else { return }
        let id = result.trimmedStdout
        guard id.hasPrefix("KB-"), !id.contains("\n") else {
            unexpected += 1
            XCTFail("desk kb new did not print one id:\n\(result)")
            return
        }
        createdArticles.append(id)
        replicas[r].articles.insert(id)
    }

    func editArticle(_ r: Int, _ id: String) throws {
        counts["kb edit", default: 0] += 1
        counter += 1
        let user = replicas[r].name
        switch int(0...3) {
        case 0:
            outcome(try desk(r, ["kb", "edit", id, "--set", "title=Article title k\(counter) by \(user)"]), kind: "kb edit")
        case 1:
            outcome(try desk(r, ["kb", "edit", id, "--set", "category=" + pick(Self.categories)]), kind: "kb edit")
        case 2:
            let shown = try desk(r, ["kb", "show", id, "--json"])
            guard outcome(shown, kind: "kb show") else { return }
            let tags = toggledTag(try JSON.object(shown.stdout)["tags"] as? [String] ?? [])
            outcome(try desk(r, ["kb", "edit", id, "--set", "tags=" + tags.joined(separator: ",")]), kind: "kb edit")
        default:
            // Appends a step to the solution: concurrent appends meet in the description's text merge.
            let shown = try desk(r, ["kb", "show", id, "--json"])
            guard outcome(shown, kind: "kb show") else { return }
            let body = try JSON.object(shown.stdout)["body"] as? String ?? ""
            let added = body + "Step k\(counter) by \(user).\n"
            outcome(try desk(r, ["kb", "edit", id, "--set", "body=-"], stdin: added), kind: "kb edit")
        }
    }

    // MARK: Syncs

    /// Reads what the replica holds now: every ticket with its status, every article.
    func refresh(_ r: Int) throws {
        let list = try desk(r, ["list", "--all", "--json"])
        guard outcome(list, kind: "list") else { return }
        var status: [String: String] = [:]
        for ticket in try JSON.array(list.stdout) {
            if let id = ticket["id"] as? String { status[id] = ticket["status"] as? String ?? "new" }
        }
        replicas[r].status = status
        let articles = try desk(r, ["kb", "list", "--json"])
        guard outcome(articles, kind: "kb list") else { return }
        replicas[r].articles = Set(try JSON.array(articles.stdout).compactMap { $0["id"] as? String })
    }

    /// Records what a sync reported; false when it did not succeed.
    @discardableResult
    func recordSync(_ r: Int, _ result: CommandResult) throws -> [String: Any]? {
        syncs += 1
        guard outcome(result, kind: "sync") else { return nil }
        let report = try JSON.object(result.stdout)
        for conflict in report["conflicts"] as? [[String: Any]] ?? [] {
            let found = Conflict(replica: replicas[r].name, path: conflict["path"] as? String ?? "?",
                                 field: conflict["field"] as? String ?? "?", kept: conflict["kept"] as? String ?? "",
                                 dropped: conflict["dropped"] as? String ?? "")
            conflicts.append(found)
            note("conflict \(found.path) \(found.field): kept \(found.kept.debugDescription), dropped \(found.dropped.debugDescription)")
        }
        for pair in report["renumbered"] as? [[String: Any]] ?? [] {
            renumbered.append((pair["from"] as? String ?? "?", pair["to"] as? String ?? "?"))
        }
        if report["merge_commit"] as? String != nil { mergeCommits += 1 }
        pushRetries += max(0, (report["attempts"] as? Int ?? 1) - 1)
        return report
    }

    func sync(_ r: Int) throws {
        try recordSync(r, try desk(r, ["sync", "--json"]))
        if chance(0.35) { try refresh(r) }
    }

    /// Two or three replicas sync at the same moment; now and then one of them syncs twice at
    /// once, or a comment is written on a replica while it syncs.
    func concurrentSyncs() throws {
        concurrentBatches += 1
        var chosen = Array(replicas.indices).shuffled(using: &rng).prefix(int(2...3)).map { $0 }
        if chance(0.15) { chosen.append(chosen[0]) }
        var commentOn: (replica: Int, ticket: String, text: String)?
        if chance(0.4), let r = chosen.first, !replicas[r].ticketIDs.isEmpty {
            commentOn = (r, pick(replicas[r].ticketIDs), text("comment", by: replicas[r].name))
        }
        note("concurrent syncs of \(chosen.map { replicas[$0].name })"
            + (commentOn.map { ", and a comment on \($0.ticket) in \(replicas[$0.replica].name)" } ?? ""))
        let running = try chosen.map { try replicas[$0].desk.start(arguments: ["sync", "--json"]) }
        let commenting = try commentOn.map { try replicas[$0.replica].desk.start(arguments: ["comment", $0.ticket, $0.text, "--json"]) }
        for (r, process) in zip(chosen, running) {
            let result = process.wait()
            record(r, ["sync", "--json"], result)
            try recordSync(r, result)
        }
        if let commentOn, let commenting {
            counts["comment", default: 0] += 1
            let result = commenting.wait()
            record(commentOn.replica, ["comment", commentOn.ticket, commentOn.text, "--json"], result)
            if outcome(result, kind: "comment during sync") {
                noteTicket(commentOn.replica, result)
                written.append(Written(ticket: commentOn.ticket, kind: "comment", text: commentOn.text))
            }
        }
        for r in Set(chosen).sorted() { try refresh(r) }
    }

    /// Rounds of one sync per replica until a whole round changes nothing.
    func syncUntilQuiet() throws {
        operation = 0
        note("syncing until quiet")
        for round in 1...8 {
            var changed = false
            for r in replicas.indices {
                let result = try desk(r, ["sync", "--json"])
                guard let report = try recordSync(r, result) else { return }
                if report["up_to_date"] as? Bool != true { changed = true }
            }
            if !changed {
                quietAfterRounds = round
                return
            }
        }
        XCTFail("the replicas were still changing after 8 rounds of syncs (seed \(seed))")
    }

    // MARK: Checks

    func verify() throws {
        // One tree everywhere, the remote's too.
        let remoteTree = try git(["rev-parse", "main^{tree}"], in: team.bare).trimmedStdout
        for replica in replicas {
            XCTAssertEqual(try replica.desk.gitOutput("rev-parse", "HEAD^{tree}"), remoteTree,
                           "\(replica.name)'s tree differs from the remote's (seed \(seed))")
            XCTAssertEqual(try replica.desk.head(), try team.remoteHead(), "\(replica.name)'s HEAD is the remote's")
        }

        // Every ticket and article ever created, and the index of every replica agrees.
        let first = replicas[0].desk
        var listed: [String: [String]] = [:]
        for replica in replicas {
            let tickets = try replica.desk.list("--all")
            listed[replica.name] = tickets.map { "\($0["id"] ?? "?") \($0["status"] ?? "?") \($0["updated"] ?? "?") \($0["title"] ?? "?")" }.sorted()
        }
        let ids = Set(try first.listIDs("--all"))
        let expected = Set(createdTickets).union(renumbered.compactMap { Self.id(fromPath: $0.to) })
        XCTAssertEqual(ids.subtracting(expected), [], "tickets nobody created (seed \(seed))")
        XCTAssertEqual(expected.subtracting(ids), [], "tickets lost (seed \(seed))")
        for replica in replicas.dropFirst() {
            XCTAssertEqual(listed[replica.name], listed[replicas[0].name],
                           "desk list --all differs between \(replicas[0].name) and \(replica.name)")
        }
        let articles = try first.run("kb", "list", "--json")
        XCTAssertTrue(articles.succeeded, "\(articles)")
        let articleIDs = Set(try JSON.array(articles.stdout).compactMap { $0["id"] as? String })
        XCTAssertEqual(Set(createdArticles).subtracting(articleIDs), [], "articles lost (seed \(seed))")

        // Every text written is in its ticket's activity exactly once, and nowhere else.
        var activity: [String: [[String: Any]]] = [:]
        for id in ids.sorted() {
            activity[id] = try first.show(id)["activity"] as? [[String: Any]] ?? []
        }
        var places: [String: [String]] = [:]
        for (id, entries) in activity {
            for entry in entries {
                if let text = entry["text"] as? String { places[text, default: []].append("\(id) \(entry["kind"] ?? "?")") }
            }
        }
        var lostOrDoubled = 0
        for item in written {
            let found = places[item.text] ?? []
            if found != ["\(item.ticket) \(item.kind)"] {
                lostOrDoubled += 1
                if lostOrDoubled <= 10 {
                    XCTFail("\(item.kind) \(item.text.debugDescription) on \(item.ticket) is found as \(found) (seed \(seed))")
                }
            }
        }
        XCTAssertEqual(lostOrDoubled, 0, "\(lostOrDoubled) of \(written.count) texts lost or doubled")

        // Every activity entry any command printed is still in its ticket, once, as it was written.
        var final: [String: [(ticket: String, content: String)]] = [:]
        for (id, list) in activity {
            for entry in list { final[entry["id"] as? String ?? "?", default: []].append((id, Self.content(entry))) }
        }
        var entryProblems = 0
        for (entryID, seen) in entries.sorted(by: { $0.key < $1.key }) {
            let found = final[entryID] ?? []
            let problem: String?
            if found.count != 1 {
                problem = "is found \(found.count) times (\(found.map(\.ticket)))"
            } else if found[0].ticket != seen.ticket {
                problem = "moved to \(found[0].ticket)"
            } else if found[0].content != seen.content, !seen.content.contains("kind=\"sync\"") {
                problem = "was rewritten:\n  \(seen.content)\n→ \(found[0].content)"
            } else {
                problem = nil
            }
            if let problem {
                entryProblems += 1
                if entryProblems <= 10 { XCTFail("activity entry \(entryID) of \(seen.ticket) \(problem) (seed \(seed))") }
            }
        }
        XCTAssertEqual(entryProblems, 0, "\(entryProblems) of \(entries.count) activity entries lost, doubled or rewritten")

        // Every conflict a sync reported in a ticket is recorded there as a `sync` entry.
        var unrecorded = 0
        for conflict in conflicts where conflict.path.hasPrefix("tickets/") {
            guard let id = Self.id(fromPath: conflict.path), let entries = activity[id] else {
                XCTFail("conflict in \(conflict.path), which is not a ticket any more")
                continue
            }
            let recorded = entries.contains { entry in
                guard entry["kind"] as? String == "sync", entry["field"] as? String == conflict.field else { return false }
                let from = entry["from"] as? String ?? "", to = entry["to"] as? String ?? ""
                let text = entry["text"] as? String ?? ""
                switch conflict.field {
                case "id": return from == conflict.kept && to == conflict.dropped
                case "body": return text.hasSuffix(conflict.dropped)
                default: return from == conflict.dropped && to == conflict.kept
                }
            }
            if !recorded {
                unrecorded += 1
                if unrecorded <= 10 {
                    XCTFail("\(conflict.replica) reported a conflict in \(conflict.path) field \(conflict.field) "
                        + "(kept \(conflict.kept.debugDescription), dropped \(conflict.dropped.debugDescription)) "
                        + "with no matching sync entry (seed \(seed))")
                }
            }
        }
        XCTAssertEqual(unrecorded, 0, "\(unrecorded) reported conflicts are not in their ticket's activity")

        // Sound repositories, clean working trees, a desk that lints.
        for replica in replicas {
            let desk = replica.desk
            let fsck = try desk.git("fsck", "--strict", "--no-dangling", "--no-progress")
            XCTAssertTrue(fsck.succeeded && (fsck.stdout + fsck.stderr).isEmpty, "git fsck in \(replica.name):\n\(fsck)")
            let status = try desk.git("status", "--porcelain", "--untracked-files=all")
            XCTAssertEqual(status.stdout, "", "git status in \(replica.name) is not clean")
            let cached = try desk.git("diff-index", "--cached", "--quiet", "HEAD")
            XCTAssertEqual(cached.exitCode, 0, "git's index differs from HEAD in \(replica.name)\n\(cached)")
            let lint = try desk.run("lint")
            XCTAssertEqual(lint.exitCode, 0, "desk lint in \(replica.name) (seed \(seed)):\n\(lint)")
            // Warnings too: a merge must not leave a ticket the commands could not have made.
            let strict = try desk.run("lint", "--strict")
            XCTAssertEqual(strict.exitCode, 0, "desk lint --strict in \(replica.name) (seed \(seed)):\n\(strict)")
        }
        let fsck = try git(["fsck", "--strict", "--no-dangling", "--no-progress"], in: team.bare)
        XCTAssertTrue(fsck.succeeded && (fsck.stdout + fsck.stderr).isEmpty, "git fsck in the bare repository:\n\(fsck)")
    }

    /// `tickets/AB/T-AB….md` → `T-AB…`.
    static func id(fromPath path: String) -> String? {
        guard let name = path.split(separator: "/").last, name.hasSuffix(".md") else { return nil }
        return String(name.dropLast(3))
    }

    func summary(operationSeconds: Double, totalSeconds: Double) -> String {
        let ops = counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let refusals = refused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let fields = Dictionary(grouping: conflicts, by: \.field).map { "\($0.key) \($0.value.count)" }.sorted()
        return """
        SyncConvergence (seed \(seed)): \(ops); refused: \(refusals.isEmpty ? "none" : refusals)
          \(createdTickets.count) tickets, \(createdArticles.count) articles, \(written.count) texts; \
        \(syncs) syncs (\(concurrentBatches) concurrent batches, \(mergeCommits) merges, \(pushRetries) push retries), \
        quiet after \(quietAfterRounds) rounds
          conflicts reported: \(conflicts.count) (\(fields.joined(separator: ", "))); renumbered: \(renumbered.count)
          time: \(String(format: "%.1f", operationSeconds)) s of operations, \(String(format: "%.1f", totalSeconds)) s in all
        """
    }
}
