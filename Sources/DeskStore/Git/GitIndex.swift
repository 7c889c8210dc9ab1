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
}
