internal import CLibGit2

extension Repository {
    /// Brings git's index in line with the working tree for `paths` (added or removed), so that
    /// `git status` stays clean after desk commits. Goes through libgit2's index: it reads and
    /// rewrites the whole index file, which is the cost that grows with the desk.
    public func stageWorkingTreeFiles(_ paths: [(path: String, exists: Bool)]) throws {
        var index: OpaquePointer?
        do {
            try check(git_repository_index(&index, handle), "git_repository_index")
            defer { git_index_free(index) }
            try check(git_index_read(index, 0), "git_index_read")
            for (path, exists) in paths {
                if exists {
                    try check(git_index_add_bypath(index, path), "git_index_add_bypath")
                } else {
                    let rc = git_index_remove_bypath(index, path)
                    if rc != GIT_ENOTFOUND.rawValue { try check(rc, "git_index_remove_bypath") }
                }
            }
            try check(git_index_write(index), "git_index_write")
        }
    }

    /// Replaces git's index with the entries of `tree` (used right after `desk init` and in recovery).
    public func resetIndex(to tree: ObjectID) throws {
        var index: OpaquePointer?
        try check(git_repository_index(&index, handle), "git_repository_index")
        defer { git_index_free(index) }
        var oid = tree.raw
        var treeObj: OpaquePointer?
        try check(git_tree_lookup(&treeObj, handle, &oid), "git_tree_lookup")
        defer { git_tree_free(treeObj) }
        try check(git_index_read_tree(index, treeObj), "git_index_read_tree")
        try check(git_index_write(index), "git_index_write")
    }
}
