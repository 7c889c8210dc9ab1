internal import CLibGit2

/// A file that differs between two trees: added (`old` nil), deleted (`new` nil) or modified.
public struct TreeChange: Sendable, Equatable {
    public var path: String
    public var old: ObjectID?
    public var new: ObjectID?
}

extension Repository {
    /// The files that differ between two trees (nil: the empty tree), in path order, by libgit2's
    /// tree diff: subtrees with equal ids are stepped over whole, so a commit that touches one
    /// ticket costs a handful of tree reads however large the desk. `include(path)` filters.
    public func changedFiles(from old: ObjectID?, to new: ObjectID?,
                             include: (String) -> Bool = { _ in true }) throws -> [TreeChange] {
        guard old != new else { return [] }
        func lookup(_ id: ObjectID?) throws -> OpaquePointer? {
            guard var oid = id?.raw else { return nil }
            var tree: OpaquePointer?
            try check(git_tree_lookup(&tree, handle, &oid), "git_tree_lookup")
            return tree
        }
        let oldTree = try lookup(old)
        defer { git_tree_free(oldTree) }
        let newTree = try lookup(new)
        defer { git_tree_free(newTree) }
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        var diff: OpaquePointer?
        try check(git_diff_tree_to_tree(&diff, handle, oldTree, newTree, &options), "git_diff_tree_to_tree")
        defer { git_diff_free(diff) }
        var changes: [TreeChange] = []
        for i in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, i)?.pointee else { continue }
            let path = String(cString: (delta.new_file.path ?? delta.old_file.path)!)
            guard include(path) else { continue }
            let added = delta.status == GIT_DELTA_ADDED
            let deleted = delta.status == GIT_DELTA_DELETED
            changes.append(TreeChange(path: path,
                                      old: added ? nil : ObjectID(delta.old_file.id),
                                      new: deleted ? nil : ObjectID(delta.new_file.id)))
        }
        return changes
    }
}
