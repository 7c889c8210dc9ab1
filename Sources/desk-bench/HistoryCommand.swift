import DeskStore
import Foundation

/// `desk-bench history DIR --commits N --manifest FILE`: makes N desk commits (comments,
/// assignments, status moves open ⇄ pending) on open tickets of the manifest, in-process
/// through DeskStore, so `desk lint --range` has a realistic history to check.
enum HistoryCommand {
    static func run(_ args: Arguments) throws {
        guard args.positional.count == 1 else { throw BenchError("history needs exactly one DIR") }
        guard let count = Int(args.options["--commits"] ?? ""), count > 0 else {
            throw BenchError("history needs --commits N (a whole number > 0)")
        }
        guard let manifest = args.options["--manifest"],
              let text = try? String(contentsOfFile: manifest, encoding: .utf8) else {
            throw BenchError("history needs --manifest FILE (written by generate)")
        }
        var open: [String] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            if fields.count > 1, fields[1] == "open" { open.append(String(fields[0])) }
        }
        guard !open.isEmpty else { throw BenchError("the manifest lists no open tickets") }
        var rng = SplitMix64(seed: UInt64(args.options["--seed"] ?? "1") ?? 1)
        let desk = try Desk.open(at: args.positional[0])
        let operators = ["alice", "bob", "carol", "dave"]
        var pending = Set<String>()
        let start = monotonicSeconds()
        var made = 0
        var n = 0
        // An assignment to the current assignee commits nothing: count only real commits.
        while made < count {
            defer { n += 1 }
            let id = open[Int(rng.next() % UInt64(open.count))]
            let actor = Actor(handle: operators[n % operators.count], email: "\(operators[n % operators.count])@example.org")
            switch n % 3 {
            case 0:
                made += 1
                _ = try desk.comment(id, text: "Bench history comment \(n): checked the logs with the requester.",
                                     internal: false, actor: actor)
            case 1:
                if try desk.assign(id, to: operators[(n / 3) % operators.count], actor: actor).changed { made += 1 }
            default:
                let to = pending.contains(id) ? "open" : "pending"
                do {
                    if try desk.setStatus(id, to: to, actor: actor).changed { made += 1 }
                    if to == "pending" { pending.insert(id) } else { pending.remove(id) }
                } catch DeskError.illegalTransition {
                    // Resolved meanwhile (by the benchmark's own mutations): comment instead.
                    _ = try desk.comment(id, text: "Bench history comment \(n).", internal: false, actor: actor)
                    made += 1
                }
            }
        }
        print("made \(count) commits in \(String(format: "%.1f", monotonicSeconds() - start)) s")
    }
}
