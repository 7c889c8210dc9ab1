/// A desk file that one side of a sync created, changed or deleted.
public struct SyncedFile: Sendable, Equatable {
    public enum Kind: String, Sendable { case created, changed, deleted }
    public var path: String
    public var kind: Kind
    /// The ticket or article ID the file holds, or nil for other files (desk.yml, …).
    public var id: String?
}

/// What one `desk sync` did: what came in, what went out, what was settled on the way.
public struct SyncReport: Sendable {
    public var remote: String
    public var url: String
    public var branch: String
    /// Files that changed in this desk (the others' work, and merges of both).
    public var incoming: [SyncedFile] = []
    /// Files that changed on the remote because of this sync (this desk's work).
    public var outgoing: [SyncedFile] = []
    /// Fields both sides changed, settled by the later change.
    public var conflicts: [MergeConflictNote] = []
    /// Tickets created on two desks under one ID: old path → new path of the renumbered one.
    public var renumbered: [(from: String, to: String)] = []
    /// The merge commit, when both sides had new commits.
    public var mergeCommit: ObjectID?
    public var headBefore: ObjectID?
    public var headAfter: ObjectID?
    /// Whether commits were pushed.
    public var pushed = false
    /// Fetch–merge–push rounds it took (more than one when others pushed meanwhile).
    public var attempts = 0
    /// Hand edits committed first (`--commit`).
    public var committedFirst: [String] = []

    public var upToDate: Bool { incoming.isEmpty && outgoing.isEmpty && !pushed && mergeCommit == nil }
}

extension SyncedFile {
    /// The desk files among `changes`, described.
    static func describe(_ changes: [TreeChange]) -> [SyncedFile] {
        changes.map { change in
            let kind: Kind = change.old == nil ? .created : change.new == nil ? .deleted : .changed
            let name = change.path.split(separator: "/").last.map { String($0) } ?? change.path
            let id: String?
            switch DeskFileKind(path: change.path) {
            case .ticket, .article: id = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
            default: id = nil
            }
            return SyncedFile(path: change.path, kind: kind, id: id)
        }
    }
}
