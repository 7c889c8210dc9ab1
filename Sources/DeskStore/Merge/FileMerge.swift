/// One side of a three-way merge of a file: its content and, when the sync engine knows them,
/// the commit it comes from (used only to order the two sides deterministically).
public struct MergeSide: Sendable {
    /// The file's bytes on this side; nil when this side deleted it.
    public var bytes: [UInt8]?
    /// Seconds since 1970 of the side's commit; nil in the merge driver.
    public var commitTime: Int64?
    /// The side's commit; nil in the merge driver.
    public var commit: ObjectID?

    public init(bytes: [UInt8]?, commitTime: Int64? = nil, commit: ObjectID? = nil) {
        self.bytes = bytes
        self.commitTime = commitTime
        self.commit = commit
    }
}

/// A concurrent change that a rule resolved: both sides changed `field` of the file at `path`;
/// `kept` is in the result, `dropped` is not (tickets also record it as a `sync` activity entry).
public struct MergeConflictNote: Sendable, Equatable {
    public var path: String
    public var field: String
    public var kept: String
    public var dropped: String

    public init(path: String, field: String, kept: String, dropped: String) {
        self.path = path
        self.field = field
        self.kept = kept
        self.dropped = dropped
    }
}

/// A file the merge produced besides the merged path itself (a renumbered ticket or article).
public struct MergedFile: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// The result of merging one path.
public struct FileMergeOutcome: Sendable {
    /// The merged content; nil when the result is that the file is deleted.
    public var bytes: [UInt8]?
    /// Conflicts resolved by a rule (in tickets each is also a `sync` activity entry).
    public var notes: [MergeConflictNote]
    /// False only when a file desk cannot merge field by field (desk.yml, any other file, or a
    /// desk file that does not parse) has a real text conflict; `bytes` then hold conflict markers.
    public var clean: Bool
    /// Both sides added this path as two different tickets (or articles): `bytes` is the one kept
    /// here, and this is the other one under its new id, to be added to the merged tree.
    public var renumbered: MergedFile?

    public init(bytes: [UInt8]?, notes: [MergeConflictNote] = [], clean: Bool = true, renumbered: MergedFile? = nil) {
        self.bytes = bytes
        self.notes = notes
        self.clean = clean
        self.renumbered = renumbered
    }
}

/// desk's three-way merge of one file, bytes in and bytes out, with no repository access.
///
/// Tickets and articles merge field by field, so two desks editing one ticket never conflict;
/// everything else merges as text, as git would. Every rule depends only on the inputs and is
/// symmetric in the two sides, so every replica that merges the same pair writes the same bytes.
public enum FileMerge {
    public static func merge(path: String, base: [UInt8]?, ours: MergeSide, theirs: MergeSide) -> FileMergeOutcome {
        merge(path: path, base: base, ours: ours, theirs: theirs, isTaken: { _ in false })
    }

    /// As above; `isTaken` says whether a path exists in the merged tree, for the new id of a
    /// ticket renumbered because both sides added it (see `resolveIDCollision`).
    public static func merge(path: String, base: [UInt8]?, ours: MergeSide, theirs: MergeSide,
                             isTaken: (String) -> Bool) -> FileMergeOutcome {
        // The trivial cases first: most paths changed on both sides are changed identically, or on one side only.
        if ours.bytes == theirs.bytes { return FileMergeOutcome(bytes: ours.bytes) }
        if base == ours.bytes { return FileMergeOutcome(bytes: theirs.bytes) }
        if base == theirs.bytes { return FileMergeOutcome(bytes: ours.bytes) }
        // Changed on one side and deleted on the other: the change is kept (nothing is lost).
        guard let oursBytes = ours.bytes else { return FileMergeOutcome(bytes: theirs.bytes) }
        guard let theirsBytes = theirs.bytes else { return FileMergeOutcome(bytes: oursBytes) }

        let merged: FileMergeOutcome?
        switch DeskFileKind(path: path) {
        case .ticket:
            merged = TicketMerge.merge(path: path, base: base, ours: ours, theirs: theirs, oursBytes: oursBytes,
                                       theirsBytes: theirsBytes, isTaken: isTaken)
        case .article:
            merged = ArticleMerge.merge(path: path, base: base, ours: ours, theirs: theirs, oursBytes: oursBytes,
                                        theirsBytes: theirsBytes, isTaken: isTaken)
        case .config, .asset, .stray, .other:
            merged = nil
        }
        // A desk file that does not parse on some side is merged as text, like any other file.
        return merged ?? textMerge(path: path, base: base ?? [], ours: oursBytes, theirs: theirsBytes)
    }

    /// Both sides added `path` with different content: the same new id was drawn on two desks.
    ///
    /// The ticket created later (ties: the greater bytes) is renumbered to an id derived from a
    /// hash of its content, and both tickets get a `sync` entry saying so; two replicas resolving
    /// the same collision therefore produce the same id and the same bytes. Articles are
    /// renumbered the same way (they have no activity to record it in).
    /// Throws when either side does not parse or both sides are the same.
    public static func resolveIDCollision(path: String, ours: MergeSide,
                                          theirs: MergeSide) throws -> (kept: (path: String, bytes: [UInt8]),
                                                                        renumbered: (path: String, bytes: [UInt8])) {
        try resolveIDCollision(path: path, ours: ours, theirs: theirs, isTaken: { _ in false })
    }

    /// As above; `isTaken` says whether a path already exists in the merged tree, so the new id
    /// is drawn again (deterministically) in the astronomically rare case that it is.
    public static func resolveIDCollision(path: String, ours: MergeSide, theirs: MergeSide,
                                          isTaken: (String) -> Bool) throws -> (kept: (path: String, bytes: [UInt8]),
                                                                                renumbered: (path: String, bytes: [UInt8])) {
        let result = try IDCollision.resolve(path: path, ours: ours.bytes ?? [], theirs: theirs.bytes ?? [],
                                             isTaken: isTaken)
        return ((result.kept.path, result.kept.bytes), (result.renumbered.path, result.renumbered.bytes))
    }

    /// git's line merge; a conflict leaves markers and `clean == false` for the caller to stop on.
    static func textMerge(path: String, base: [UInt8], ours: [UInt8], theirs: [UInt8]) -> FileMergeOutcome {
        guard let result = try? TextMerge.merge(ancestor: base, ours: ours, theirs: theirs, path: path) else {
            // libgit2 could not merge at all (out of memory): nothing sensible to write but our side.
            return FileMergeOutcome(bytes: ours, clean: false)
        }
        return FileMergeOutcome(bytes: result.bytes, clean: result.clean)
    }
}
