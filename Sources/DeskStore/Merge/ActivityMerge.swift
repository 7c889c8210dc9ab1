/// Three-way merge of a ticket's activity: a union of entries by id, oldest first.
enum ActivityMerge {
    /// Entries added on either side are all kept; an entry removed on one side (only an admin
    /// may) stays removed unless the other side edited it. An entry both sides changed
    /// differently (only `sync` entries can, in practice) takes the winning side's version.
    ///
    /// Order: by `at`; at equal times base entries first in base order, each side's new entries
    /// in that side's order, and between the two sides the smaller id first. That order depends
    /// only on the entries, not on which side is which.
    static func merge(base: [ActivityEntry]?, ours: [ActivityEntry], theirs: [ActivityEntry],
                      order: MergeOrder) -> (entries: [ActivityEntry], conflicts: [FieldConflict]) {
        if ours == theirs { return (ours, []) }
        if let base, ours == base { return (theirs, []) }
        if let base, theirs == base { return (ours, []) }
        let baseEntries = base ?? []
        let b = index(baseEntries), o = index(ours), t = index(theirs)

        // The content each surviving id ends up with.
        var conflicts: [FieldConflict] = []
        var resolved: [String: ActivityEntry] = [:]
        for id in Set(b.keys).union(o.keys).union(t.keys) {
            let bv = b[id], ov = o[id], tv = t[id]
            let kept: ActivityEntry?
            if ov == tv {
                kept = ov
            } else if let bv, ov == bv {
                kept = tv
            } else if let bv, tv == bv {
                kept = ov
            } else if let ov, let tv, ov.kind == ActivityEntry.Kind.sync, tv.kind == ActivityEntry.Kind.sync {
                // One conflict settled by two merges (a push retried, two replicas): the same id,
                // written at different times. Not a conflict of its own: the earlier one stays,
                // whichever merge runs, so every order of merging ends with the same entry.
                kept = earlier(ov, tv)
            } else if let ov, let tv {
                let (win, lose) = order.oursWins ? (ov, tv) : (tv, ov)
                conflicts.append(FieldConflict(field: "activity \(id)", kept: describe(win), dropped: describe(lose)))
                kept = win
            } else {
                // Deleted on one side, edited on the other (or added on one side only): keep it.
                kept = ov ?? tv
            }
            if let kept { resolved[id] = kept }
        }
        conflicts.sort { $0.field.utf8.lexicographicallyPrecedes($1.field.utf8) }

        let baseIDs = Set(b.keys)
        // Queued as they will be written, so the order is decided on the times that end up in the file.
        var queues = [baseEntries, ours.filter { !baseIDs.contains($0.id) }, theirs.filter { !baseIDs.contains($0.id) }]
            .map { $0.compactMap { resolved[$0.id] }[...] }
        var emitted = Set<String>()
        var merged: [ActivityEntry] = []
        merged.reserveCapacity(resolved.count)
        while true {
            var pick: Int?
            for q in queues.indices {
                guard let head = queues[q].first else { continue }
                guard let best = pick, let current = queues[best].first else {
                    pick = q
                    continue
                }
                if head.at < current.at || (head.at == current.at && best != 0
                    && head.id.utf8.lexicographicallyPrecedes(current.id.utf8)) {
                    pick = q
                }
            }
            guard let q = pick, let head = queues[q].popFirst() else { break }
            guard emitted.insert(head.id).inserted, let entry = resolved[head.id] else { continue }
            merged.append(entry)
        }
        // A version taken from the other side can carry another time than the queue it sat in:
        // a stable sort by time keeps the file in time order (lint's activity-order) and leaves
        // everything else where the merge put it.
        let ordered = merged.enumerated().sorted { a, b in
            a.element.at != b.element.at ? a.element.at < b.element.at : a.offset < b.offset
        }.map(\.element)
        return (ordered, conflicts)
    }

    /// The earlier of two versions of one entry; equal times: the smaller description.
    private static func earlier(_ a: ActivityEntry, _ b: ActivityEntry) -> ActivityEntry {
        if a.at != b.at { return a.at < b.at ? a : b }
        return describe(a).utf8.lexicographicallyPrecedes(describe(b).utf8) ? a : b
    }

    /// Entries by id; a repeated id (a lint error) keeps its first entry.
    private static func index(_ entries: [ActivityEntry]) -> [String: ActivityEntry] {
        var byID: [String: ActivityEntry] = [:]
        byID.reserveCapacity(entries.count)
        for entry in entries where byID[entry.id] == nil { byID[entry.id] = entry }
        return byID
    }

    private static func describe(_ entry: ActivityEntry) -> String {
        var parts = ["\(entry.at) \(entry.author) \(entry.kind)"]
        if let field = entry.field { parts.append("field: \(field)") }
        if let from = entry.from { parts.append("from: \(from)") }
        if let to = entry.to { parts.append("to: \(to)") }
        if let text = entry.text { parts.append("text: \(text)") }
        return parts.joined(separator: "; ")
    }

    /// Adds entries desk writes during a merge (`sync`), each after the last entry at or before
    /// its time, in the given order at equal times (the callers give field order, which does not
    /// depend on the sides); an id already present (the same conflict resolved earlier by
    /// another replica) is not added twice.
    static func insert(_ entries: [ActivityEntry], into activity: inout [ActivityEntry]) {
        for entry in entries where !activity.contains(where: { $0.id == entry.id }) {
            let position = activity.lastIndex { $0.at <= entry.at }.map { $0 + 1 } ?? 0
            activity.insert(entry, at: position)
        }
    }
}
