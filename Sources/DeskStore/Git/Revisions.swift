internal import CLibGit2

extension Repository {
    /// Opens the repository the way git's own tools find it from their environment (`GIT_DIR`,
    /// `GIT_INDEX_FILE`, `GIT_OBJECT_DIRECTORY`, `GIT_ALTERNATE_OBJECT_DIRECTORIES`, …), as hooks
    /// must: a pre-receive hook sees the pushed objects only through the quarantine directory.
    public static func openFromEnvironment() throws -> Repository {
        GitRuntime.ensure()
        var repo: OpaquePointer?
        try check(git_repository_open_ext(&repo, nil, UInt32(GIT_REPOSITORY_OPEN_FROM_ENV.rawValue), nil),
                  "git_repository_open_ext")
        return Repository(handle: repo!)
    }

    /// The commit a revision names (`HEAD`, `main~3`, a branch, an abbreviated id).
    public func resolveCommit(_ revision: String) throws -> ObjectID {
        var object: OpaquePointer?
        try check(git_revparse_single(&object, handle, revision), "git_revparse_single")
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "git_object_peel")
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit))
    }

    /// The commits reachable from `tip` but not from `hidden` (nor, with `hideBranchesAndTags`,
    /// from any branch or tag), oldest first.
    public func commits(to tip: ObjectID, hiding hidden: [ObjectID], hideBranchesAndTags: Bool = false) throws -> [ObjectID] {
        var walk: OpaquePointer?
        try check(git_revwalk_new(&walk, handle), "git_revwalk_new")
        defer { git_revwalk_free(walk) }
        try check(git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_REVERSE.rawValue), "git_revwalk_sorting")
        var oid = tip.raw
        try check(git_revwalk_push(walk, &oid), "git_revwalk_push")
        for id in hidden {
            var hide = id.raw
            try check(git_revwalk_hide(walk, &hide), "git_revwalk_hide")
        }
        if hideBranchesAndTags {
            for glob in ["heads", "tags"] {
                let rc = git_revwalk_hide_glob(walk, glob)
                if rc != GIT_ENOTFOUND.rawValue { try check(rc, "git_revwalk_hide_glob") }
            }
        }
        var ids: [ObjectID] = []
        var next = git_oid()
        while true {
            let rc = git_revwalk_next(&next, walk)
            if rc == GIT_ITEROVER.rawValue { return ids }
            try check(rc, "git_revwalk_next")
            ids.append(ObjectID(next))
        }
    }

    /// Sets a value in the repository's own configuration (`.git/config`).
    public func setConfig(_ key: String, _ value: String) throws {
        var config: OpaquePointer?
        try check(git_repository_config(&config, handle), "git_repository_config")
        defer { git_config_free(config) }
        var local: OpaquePointer?
        try check(git_config_open_level(&local, config, GIT_CONFIG_LEVEL_LOCAL), "git_config_open_level")
        defer { git_config_free(local) }
        try check(git_config_set_string(local, key, value), "git_config_set_string")
    }
}
