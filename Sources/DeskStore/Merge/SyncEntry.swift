/// The `sync` activity entries desk writes while merging, built only from the merge's inputs so
/// that two replicas merging the same pair write identical entries (and a later union keeps one).
enum SyncEntry {
    /// The author of every entry a merge writes: the same on every replica (no operator acted).
    static let author = "desk"

    /// A field both sides changed: the kept and the dropped value, and a sentence for people.
    /// `at` is the winning side's time.
    static func conflict(path: String, _ conflict: FieldConflict, at: Timestamp) -> ActivityEntry {
        let kept = conflict.kept ?? "", dropped = conflict.dropped ?? ""
        let id = entryID("conflict", path, conflict.field, kept, dropped)
        if conflict.field == "body" {
            return ActivityEntry(id: id, at: at, author: author, kind: ActivityEntry.Kind.sync, field: conflict.field,
                                 text: "both desks edited the same lines of the description, kept the later version. "
                                     + "The other version was:\n\n" + dropped)
        }
        // Single quotes and commas keep the sentence a plain YAML scalar (no escaped double quotes).
        func shown(_ value: String?) -> String { value.map { "'\($0)'" } ?? "(none)" }
        return ActivityEntry(id: id, at: at, author: author, kind: ActivityEntry.Kind.sync, field: conflict.field,
                             from: conflict.dropped, to: conflict.kept,
                             text: "both desks changed \(conflict.field), kept the later value \(shown(conflict.kept)), "
                                 + "dropped \(shown(conflict.dropped))")
    }

    /// An activity entry id (`A-` and 8 Crockford base-32 characters, the shape `newID` draws)
    /// taken from a SHA-1 of `parts` instead of from a random generator.
    static func entryID(_ parts: String...) -> String {
        "A-" + Crockford.hashed(parts, count: 8)
    }
}

extension Crockford {
    /// `count` (at most 12) base-32 characters from the SHA-1 of `parts` separated by NUL bytes.
    static func hashed(_ parts: [String], count: Int) -> String {
        var input: [UInt8] = []
        for part in parts {
            input.append(contentsOf: part.utf8)
            input.append(0)
        }
        return hashed(bytes: input, count: count)
    }

    /// `count` (at most 12) base-32 characters from the SHA-1 of `bytes`: the first 60 bits.
    static func hashed(bytes: [UInt8], count: Int) -> String {
        let digest = bytes.withUnsafeBytes { SHA1.digest($0) }
        var bits: UInt64 = 0
        for byte in digest.prefix(8) { bits = bits << 8 | UInt64(byte) }
        var out = ""
        out.reserveCapacity(count)
        for i in 0..<min(count, 12) { out.append(alphabet[Int((bits >> UInt64(59 - 5 * i)) & 31)]) }
        return out
    }
}
