import DeskStore

/// How sync, remote and clone results look in a terminal and as JSON.
enum SyncOutput {
    static func remote(_ remote: RemoteInfo) -> OrderedFields {
        var out = OrderedFields()
        out.add("name", remote.name)
        out.add("url", remote.url)
        return out
    }

    static func standing(_ standing: RemoteStanding) -> OrderedFields {
        var out = remote(standing.remote)
        out.add("tracking", standing.tracking)
        out.add("fetched", standing.fetched)
        out.add("ahead", standing.ahead)
        out.add("behind", standing.behind)
        return out
    }

    static func printStanding(branch: String, _ standings: [RemoteStanding], terminal: Terminal) {
        guard !standings.isEmpty else {
            Terminal.note("no remotes; add one with `desk remote add origin URL`")
            return
        }
        for standing in standings {
            let state: String
            if !standing.fetched {
                state = "never synced"
            } else if standing.ahead == 0, standing.behind == 0 {
                state = "in step as of the last sync"
            } else {
                state = "\(standing.ahead) to push, \(standing.behind) to merge (as of the last sync)"
            }
            Terminal.out("\(terminal.bold(standing.remote.name))\t\(standing.remote.url)\t\(branch): \(state)\n")
        }
    }

    static func file(_ file: SyncedFile) -> OrderedFields {
        var out = OrderedFields()
        out.add("path", file.path)
        out.add("id", file.id)
        out.add("change", file.kind.rawValue)
        return out
    }

    static func report(_ report: SyncReport) -> OrderedFields {
        var out = OrderedFields()
        out.add("remote", report.remote)
        out.add("url", report.url)
        out.add("branch", report.branch)
        out.add("up_to_date", report.upToDate)
        out.add("before", report.headBefore?.hex)
        out.add("after", report.headAfter?.hex)
        out.add("merge_commit", report.mergeCommit?.hex)
        out.add("pushed", report.pushed)
        out.add("attempts", report.attempts)
        out.add("committed_first", report.committedFirst)
        out.add("incoming", report.incoming.map(file))
        out.add("outgoing", report.outgoing.map(file))
        out.add("conflicts", report.conflicts.map { note in
            var conflict = OrderedFields()
            conflict.add("path", note.path)
            conflict.add("field", note.field)
            conflict.add("kept", note.kept)
            conflict.add("dropped", note.dropped)
            return conflict
        })
        out.add("renumbered", report.renumbered.map { pair in
            var item = OrderedFields()
            item.add("from", pair.from)
            item.add("to", pair.to)
            return item
        })
        return out
    }

    static func printReport(_ report: SyncReport, terminal: Terminal) {
        let target = "\(report.remote) (\(report.url))"
        if !report.committedFirst.isEmpty {
            Terminal.out("committed \(report.committedFirst.count) hand-edited file(s) first\n")
        }
        if report.upToDate {
            Terminal.out("Already in step with \(target).\n")
            return
        }
        Terminal.out("Synced with \(target)\n")
        summarize("in ", report.incoming)
        summarize("out", report.outgoing)
        for note in report.conflicts {
            Terminal.out("  conflict \(note.path) \(note.field): kept \(quoted(note.kept)), dropped \(quoted(note.dropped)) (kept in the activity)\n")
        }
        for pair in report.renumbered {
            Terminal.out("  renumbered \(pair.from) → \(pair.to) (the same ID was created on two desks)\n")
        }
        if report.attempts > 1 {
            Terminal.out("  \(report.attempts) rounds: others pushed meanwhile\n")
        }
    }

    private static func summarize(_ label: String, _ files: [SyncedFile]) {
        guard !files.isEmpty else {
            Terminal.out("  \(label): nothing\n")
            return
        }
        let tickets = files.filter { $0.id?.hasPrefix("T-") ?? false }
        let articles = files.filter { $0.id?.hasPrefix("KB-") ?? false }
        let other = files.count - tickets.count - articles.count
        var parts: [String] = []
        for kind in [SyncedFile.Kind.created, .changed, .deleted] {
            let count = tickets.filter { $0.kind == kind }.count
            if count > 0 { parts.append("\(count) ticket\(count == 1 ? "" : "s") \(kind.rawValue)") }
        }
        if !articles.isEmpty { parts.append("\(articles.count) article\(articles.count == 1 ? "" : "s")") }
        if other > 0 { parts.append("\(other) other file\(other == 1 ? "" : "s")") }
        let ids = files.compactMap(\.id).prefix(8).joined(separator: " ")
        let more = files.compactMap(\.id).count > 8 ? " …" : ""
        Terminal.out("  \(label): \(parts.joined(separator: ", "))\(ids.isEmpty ? "" : "  \(ids)\(more)")\n")
    }

    private static func quoted(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return "\"" + (line.count > 60 ? String(line.prefix(57)) + "…" : line) + "\""
    }
}
