import Foundation

/// The result of merging two commits' trees in memory.
struct TreeMergeResult {
    var tree: ObjectID
    /// Field conflicts settled by a rule (each also written as a `sync` entry in the ticket).
    var notes: [MergeConflictNote]
    /// Tickets created on both sides under the same ID: the one renumbered, old and new ID paths.
    var renumbered: [(from: String, to: String)]
    /// Files with a real conflict no rule settles (desk.yml, other text): the merge must stop.
    var unresolved: [String]
}

/// One side of a merge: its commit and tree.
struct MergeTip {
    var commit: ObjectID
    var tree: ObjectID
    var time: Int64
}

/// Three-way merge of two trees without an index or a checkout: the files only one side
/// changed are taken from that side as blob ids; only the files both sides changed are read
/// and merged by `FileMerge`. The result is written as a tree built from ours with the others'
/// changes applied (`git_tree_create_updated`).
enum TreeMerge {
    static func merge(_ repository: Repository, base: ObjectID?, ours: MergeTip, theirs: MergeTip) throws -> TreeMergeResult {
        let ourChanges = Dictionary(try repository.changedFiles(from: base, to: ours.tree).map { ($0.path, $0) },
                                    uniquingKeysWith: { first, _ in first })
        let theirChanges = try repository.changedFiles(from: base, to: theirs.tree)
        var updates: [TreeUpdate] = []
        var notes: [MergeConflictNote] = []
        var renumbered: [(String, String)] = []
        var unresolved: [String] = []
        func read(_ id: ObjectID?) throws -> [UInt8]? { try id.map { try repository.readBlob($0) } }
        for change in theirChanges {
            guard let mine = ourChanges[change.path] else {
                updates.append(TreeUpdate(path: change.path, blob: change.new))
                continue
            }
            if mine.new == change.new { continue }
            let ourSide = MergeSide(bytes: try read(mine.new), commitTime: ours.time, commit: ours.commit)
            let theirSide = MergeSide(bytes: try read(change.new), commitTime: theirs.time, commit: theirs.commit)
            // A path both sides added is the same ticket arriving twice (merged), or two tickets
            // drawn with the same ID on two desks (one renumbered to a path not taken on either side).
            let outcome = FileMerge.merge(path: change.path, base: try read(change.old), ours: ourSide, theirs: theirSide,
                                          isTaken: { path in
                                              (try? repository.treeEntry(ours.tree, path: path)) != nil
                                                  || (try? repository.treeEntry(theirs.tree, path: path)) != nil
                                          })
            if !outcome.clean { unresolved.append(change.path) }
            notes += outcome.notes
            let blob = try outcome.bytes.map { try repository.writeBlob($0) }
            if blob != mine.new { updates.append(TreeUpdate(path: change.path, blob: blob)) }
            if let other = outcome.renumbered {
                updates.append(TreeUpdate(path: other.path, blob: try repository.writeBlob(other.bytes)))
                renumbered.append((change.path, other.path))
            }
        }
        let tree = updates.isEmpty ? ours.tree : try repository.updatedTree(ours.tree, updates)
        return TreeMergeResult(tree: tree, notes: notes, renumbered: renumbered, unresolved: unresolved)
    }
}
