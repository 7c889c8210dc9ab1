internal import CLibGit2

extension Repository {
    /// The paths whose working-tree or staged content differs from HEAD, plus untracked files
    /// (ignored ones excluded): what `git status --porcelain` would list.
    public func uncommittedPaths() throws -> [String] {
        var options = git_status_options()
        try check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), "git_status_options_init")
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
            | GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
        var list: OpaquePointer?
        try check(git_status_list_new(&list, handle, &options), "git_status_list_new")
        defer { git_status_list_free(list) }
        var paths: [String] = []
        for i in 0..<git_status_list_entrycount(list) {
            guard let entry = git_status_byindex(list, i)?.pointee, entry.status != GIT_STATUS_CURRENT,
                  entry.status.rawValue & GIT_STATUS_IGNORED.rawValue == 0 else { continue }
            let delta = entry.index_to_workdir ?? entry.head_to_index
            guard let file = delta?.pointee.new_file.path ?? delta?.pointee.old_file.path else { continue }
            paths.append(String(cString: file))
        }
        return paths.sorted()
    }
}
