internal import CLibGit2

extension Repository {
    /// Calls `body` with each commit reachable from `start`, newest first; stop by returning false.
    public func walkHistory(from start: ObjectID, _ body: (ObjectID) throws -> Bool) throws {
        var walk: OpaquePointer?
        try check(git_revwalk_new(&walk, handle), "git_revwalk_new")
        defer { git_revwalk_free(walk) }
        try check(git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue), "git_revwalk_sorting")
        var oid = start.raw
        try check(git_revwalk_push(walk, &oid), "git_revwalk_push")
        var next = git_oid()
        while true {
            let rc = git_revwalk_next(&next, walk)
            if rc == GIT_ITEROVER.rawValue { return }
            try check(rc, "git_revwalk_next")
            guard try body(ObjectID(next)) else { return }
        }
    }
}
