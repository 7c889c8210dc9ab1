import DeskStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// desk-bench: builds and checks the generated desks `make bench` measures.
///
///     desk-bench generate DIR --tickets N [--seed S] [--now ISO] [--manifest FILE]
///     desk-bench verify DIR [--no-round-trip] [--jobs N]

let usage = """
    usage: desk-bench generate DIR --tickets N [--seed S] [--now TIME] [--manifest FILE]
           desk-bench verify DIR [--no-round-trip] [--jobs N]
           desk-bench history DIR --commits N --manifest FILE [--seed S]
           desk-bench articles DIR --count N [--seed S]
           desk-bench kb-eval FIXTURES
           desk-bench telemetry DIR --devices N --csv FILE [--days 90] [--seed S]
           desk-bench detector-eval [--devices 300] [--seed 20261204]

    generate  writes N realistic ticket files into the working tree of the existing desk at DIR
              (create it first with `desk init DIR`); nothing is committed. The same seed
              (default 1) and --now (default \(GenerateCommand.defaultNow)) give identical files.
              --manifest FILE writes one line per ticket: id, status, assignee (- if none),
              category, priority, separated by tabs.
    verify    decodes every tickets/*/*.md file in DIR with desk's codec, checks that the id matches
              the path and that encoding it again gives the same bytes; exit 1 on any failure.
              --jobs N decodes on N threads (default: one per core); with --jobs 1 the time per
              file is the codec's decode cost.
    history   makes N commits (comments, assignments, open ⇄ pending) on open tickets of the
              manifest through DeskStore, as a history for `desk lint --range` to check.
    articles  writes N knowledge articles into DIR/kb (85 % published, 10 % drafts, 5 % retired).
    kb-eval   runs the labelled set in FIXTURES (articles/, queries.tsv) through `desk suggest`
              and prints hit@1 and hit@3 as JSON.
    telemetry writes a synthetic fleet of N laptops into DIR/assets (not committed) and one sample
              a day of every metric for --days days to FILE as CSV, for `desk monitor ingest`.
    detector-eval scores the degradation detector on a synthetic fleet (replaying a daily scan)
              and prints precision, recall on changes of 25 % or more and the median delay as JSON.

    """

struct Arguments {
    var positional: [String] = []
    var options: [String: String] = [:]
    var flags: Set<String> = []

    init(_ args: ArraySlice<String>, valued: Set<String>, flags allowed: Set<String>) throws {
        var i = args.startIndex
        while i < args.endIndex {
            let arg = args[i]
            if arg.hasPrefix("--") {
                var name = arg
                var value: String?
                if let eq = arg.firstIndex(of: "=") {
                    name = String(arg[..<eq])
                    value = String(arg[arg.index(after: eq)...])
                }
                if valued.contains(name) {
                    if value == nil {
                        i += 1
                        guard i < args.endIndex else { throw BenchError("\(name) needs a value") }
                        value = args[i]
                    }
                    options[name] = value
                } else if allowed.contains(name), value == nil {
                    flags.insert(name)
                } else {
                    throw BenchError("unknown option \(arg)")
                }
            } else {
                positional.append(arg)
            }
            i += 1
        }
    }
}

enum GenerateCommand {
    static let defaultNow = "2026-11-23T12:00:00Z"

    static func run(_ args: Arguments) throws {
        guard args.positional.count == 1 else { throw BenchError("generate needs exactly one DIR") }
        let dir = args.positional[0].hasSuffix("/") ? String(args.positional[0].dropLast()) : args.positional[0]
        guard let countText = args.options["--tickets"], let count = Int(countText), count >= 0 else {
            throw BenchError("generate needs --tickets N (a whole number)")
        }
        let seedText = args.options["--seed"] ?? "1"
        guard let seed = UInt64(seedText) else { throw BenchError("--seed must be a whole number ≥ 0") }
        let nowText = args.options["--now"] ?? defaultNow
        guard let now = nowText == "now" ? Timestamp.now() : Timestamp(iso: nowText) else {
            throw BenchError("--now must be an ISO 8601 time such as \(defaultNow), or `now`")
        }
        guard Files.exists(dir + "/" + DeskConfigCodec.fileName) else {
            throw BenchError("\(dir) is not a desk (no \(DeskConfigCodec.fileName)); create it first with `desk init \(dir)`")
        }
        try Files.makeDirectory(dir + "/tickets")

        let start = monotonicSeconds()
        var generator = Generator(seed: seed, now: now)
        var seen = Set<TicketID>()
        seen.reserveCapacity(count)
        // Ids already in the desk are redrawn, as desk does when it allocates one.
        var shardsMade = Set<String>()
        for shard in try Files.list(dir + "/tickets") where Files.isDirectory(dir + "/tickets/" + shard) {
            shardsMade.insert(shard)
            for name in try Files.list(dir + "/tickets/" + shard) where name.hasSuffix(".md") {
                if let id = TicketID(String(name.dropLast(3))) { seen.insert(id) }
            }
        }
        var ids: [TicketID] = []
        ids.reserveCapacity(count)
        var statusCounts: [String: Int] = [:]
        var manifest = ""
        let wantManifest = args.options["--manifest"] != nil
        var bytes = 0
        var skipped = 0

        // Generating and encoding (this thread) overlaps with creating files (the writer queue): on
        // two cores that roughly halves the time, since file creation costs as much as the rest.
        let writer = DispatchQueue(label: "desk-bench.writer")
        let inFlight = DispatchSemaphore(value: 8)
        let writeError = ErrorBox()
        var batch: [(path: String, text: String)] = []
        batch.reserveCapacity(500)
        func flush() {
            guard !batch.isEmpty else { return }
            let work = batch
            batch.removeAll(keepingCapacity: true)
            inFlight.wait()
            writer.async {
                defer { inFlight.signal() }
                guard writeError.error == nil else { return }
                do {
                    for file in work where !(try Files.createNew(file.path, file.text)) {
                        throw BenchError("\(file.path) appeared while generating; is another process writing this desk?")
                    }
                } catch {
                    writeError.error = error
                }
            }
        }

        while ids.count < count {
            let id = TicketID.random(using: &generator.rng)
            guard seen.insert(id).inserted else {
                skipped += 1
                continue
            }
            let ticket = generator.ticket(id: id, earlier: ids)
            let text = TicketCodec.encode(ticket)
            if shardsMade.insert(id.shard).inserted {
                try Files.makeDirectory(dir + "/tickets/" + id.shard)
            }
            batch.append((dir + "/" + id.path, text))
            if batch.count == 500 { flush() }
            ids.append(id)
            bytes += text.utf8.count
            statusCounts[ticket.status, default: 0] += 1
            if wantManifest {
                manifest += "\(id.rawValue)\t\(ticket.status)\t\(ticket.assignee ?? "-")\t\(ticket.category ?? "-")\t"
                manifest += (ticket.priority?.rawValue ?? "-") + "\n"
            }
        }
        flush()
        writer.sync {}
        if let error = writeError.error { throw error }
        if let path = args.options["--manifest"] {
            try Files.writeWhole(path, manifest)
        }
        let elapsed = monotonicSeconds() - start
        let mix = Vocabulary.statuses.map { "\($0) \(statusCounts[$0] ?? 0)" }.joined(separator: ", ")
        print("generated \(ids.count) tickets in \(dir) in \(String(format: "%.2f", elapsed)) s "
              + "(\(bytes / max(ids.count, 1)) bytes each on average, \(shardsMade.count) shard folders; \(mix)"
              + (skipped > 0 ? "; \(skipped) ids redrawn (duplicates or already in the desk)" : "") + ")")
    }
}

/// The first error of the writer queue.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?

    var error: Error? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); defer { lock.unlock() }; if stored == nil { stored = newValue } }
    }
}

enum VerifyCommand {
    final class Results: @unchecked Sendable {
        let lock = NSLock()
        var files = 0
        var failures: [String] = []
        var statuses: [String: Int] = [:]
        var activity = 0
    }

    static func run(_ args: Arguments) throws {
        guard args.positional.count == 1 else { throw BenchError("verify needs exactly one DIR") }
        let dir = args.positional[0].hasSuffix("/") ? String(args.positional[0].dropLast()) : args.positional[0]
        let roundTrip = !args.flags.contains("--no-round-trip")
        let ticketsDir = dir + "/tickets"
        guard Files.isDirectory(ticketsDir) else { throw BenchError("\(ticketsDir) is not a folder") }
        let start = monotonicSeconds()
        let shards = try Files.list(ticketsDir).filter { Files.isDirectory(ticketsDir + "/" + $0) }.sorted()
        let results = Results()
        let jobs = max(1, min(Int(args.options["--jobs"] ?? "") ?? ProcessInfo.processInfo.activeProcessorCount, 64))
        DispatchQueue.concurrentPerform(iterations: jobs) { job in
            var files = 0
            var activity = 0
            var failures: [String] = []
            var statuses: [String: Int] = [:]
            for shard in stride(from: job, to: shards.count, by: jobs).map({ shards[$0] }) {
                do {
                    for name in try Files.list(ticketsDir + "/" + shard).sorted() where name.hasSuffix(".md") {
                        files += 1
                        let relative = "tickets/\(shard)/\(name)"
                        do {
                            let bytes = try Files.read(dir + "/" + relative)
                            let ticket = try TicketCodec.decode(bytes, path: relative)
                            if ticket.id.path != relative {
                                failures.append("\(relative): id \(ticket.id) belongs in \(ticket.id.path)")
                                continue
                            }
                            if roundTrip, Array(TicketCodec.encode(ticket).utf8) != bytes {
                                failures.append("\(relative): encoding the decoded ticket gives different bytes")
                                continue
                            }
                            statuses[ticket.status, default: 0] += 1
                            activity += ticket.activity.count
                        } catch {
                            failures.append("\(error)")
                        }
                    }
                } catch {
                    failures.append("\(error)")
                }
            }
            results.lock.lock()
            results.files += files
            results.activity += activity
            results.failures += failures
            for (status, n) in statuses { results.statuses[status, default: 0] += n }
            results.lock.unlock()
        }
        let elapsed = monotonicSeconds() - start
        for failure in results.failures.sorted().prefix(50) {
            FileHandle.standardError.write(Data((failure + "\n").utf8))
        }
        let mix = results.statuses.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("verified \(results.files) ticket files in \(String(format: "%.2f", elapsed)) s with \(jobs) thread\(jobs == 1 ? "" : "s") "
              + "(\(String(format: "%.0f", elapsed * 1e6 / Double(max(results.files, 1)))) µs per file): "
              + "\(results.failures.count) failures\(roundTrip ? " (decode, id, round trip)" : " (decode, id)"); "
              + "\(results.activity) activity entries; \(mix)")
        if !results.failures.isEmpty { exit(1) }
    }
}

let argv = CommandLine.arguments
do {
    guard argv.count >= 2 else {
        FileHandle.standardError.write(Data(usage.utf8))
        exit(2)
    }
    let rest = argv.dropFirst(2)
    switch argv[1] {
    case "generate":
        try GenerateCommand.run(Arguments(rest, valued: ["--tickets", "--seed", "--now", "--manifest"], flags: []))
    case "verify":
        try VerifyCommand.run(Arguments(rest, valued: ["--jobs"], flags: ["--no-round-trip"]))
    case "articles":
        try ArticleCommand.run(Arguments(rest, valued: ["--count", "--seed"], flags: []))
    case "kb-eval":
        try RankingCommand.run(Arguments(rest, valued: [], flags: []))
    case "history":
        try HistoryCommand.run(Arguments(rest, valued: ["--commits", "--manifest", "--seed"], flags: []))
    case "telemetry":
        try TelemetryCommand.run(Arguments(rest, valued: ["--devices", "--days", "--seed", "--csv"], flags: []))
    case "detector-eval":
        try DetectorEvalCommand.run(Arguments(rest, valued: ["--devices", "--seed"], flags: []))
    case "-h", "--help", "help":
        print(usage, terminator: "")
    default:
        throw BenchError("unknown command \(argv[1])")
    }
} catch {
    FileHandle.standardError.write(Data("desk-bench: \(error)\n".utf8))
    exit(2)
}
