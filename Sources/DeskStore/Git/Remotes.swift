internal import CLibGit2

/// A remote as stored in the repository's git config.
public struct RemoteInfo: Sendable, Equatable {
    public var name: String
    public var url: String
}

extension Repository {
    /// The configured remotes, by name.
    public func remotes() throws -> [RemoteInfo] {
        var names = git_strarray()
        try check(git_remote_list(&names, handle), "git_remote_list")
        defer { git_strarray_dispose(&names) }
        var result: [RemoteInfo] = []
        for i in 0..<names.count {
            guard let cName = names.strings[i] else { continue }
            let name = String(cString: cName)
            if let info = try remote(named: name) { result.append(info) }
        }
        return result.sorted { $0.name < $1.name }
    }

    /// The remote called `name`, or nil.
    public func remote(named name: String) throws -> RemoteInfo? {
        var remote: OpaquePointer?
        let rc = git_remote_lookup(&remote, handle, name)
        if rc == GIT_ENOTFOUND.rawValue || rc == GIT_EINVALIDSPEC.rawValue { return nil }
        try check(rc, "git_remote_lookup")
        defer { git_remote_free(remote) }
        return RemoteInfo(name: name, url: git_remote_url(remote).map { String(cString: $0) } ?? "")
    }

    /// Adds a remote with git's default fetch refspec (`+refs/heads/*:refs/remotes/NAME/*`).
    public func addRemote(name: String, url: String) throws {
        var remote: OpaquePointer?
        try check(git_remote_create(&remote, handle, name, url), "git_remote_create")
        git_remote_free(remote)
    }

    /// Removes a remote and its remote-tracking branches.
    public func removeRemote(name: String) throws {
        try check(git_remote_delete(handle, name), "git_remote_delete")
    }

    /// Whether `name` is acceptable as a remote name to git.
    public static func isValidRemoteName(_ name: String) -> Bool {
        GitRuntime.ensure()
        var valid: Int32 = 0
        return git_remote_name_is_valid(&valid, name) == 0 && valid != 0
    }

    /// The id a reference points to (peeled to a commit id for direct references), or nil.
    public func referenceTarget(_ name: String) throws -> ObjectID? {
        var oid = git_oid()
        let rc = git_reference_name_to_id(&oid, handle, name)
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "git_reference_name_to_id")
        return ObjectID(oid)
    }

    /// Removes a reference if it exists.
    public func deleteReference(_ name: String) throws {
        var ref: OpaquePointer?
        let rc = git_reference_lookup(&ref, handle, name)
        if rc == GIT_ENOTFOUND.rawValue { return }
        try check(rc, "git_reference_lookup")
        defer { git_reference_free(ref) }
        try check(git_reference_delete(ref), "git_reference_delete")
    }

    /// Points `name` at `id` whatever it pointed to before (remote-tracking refs).
    public func forceReference(_ name: String, to id: ObjectID, logMessage: String) throws {
        var oid = id.raw
        var ref: OpaquePointer?
        try check(git_reference_create(&ref, handle, name, &oid, 1, logMessage), "git_reference_create")
        git_reference_free(ref)
    }

    /// Points HEAD at the branch `reference` (`refs/heads/main`), which need not exist yet.
    public func setHead(_ reference: String) throws {
        try check(git_repository_set_head(handle, reference), "git_repository_set_head")
    }

    // MARK: Ancestry

    /// The best common ancestor of two commits, or nil when their histories are unrelated.
    public func mergeBase(_ one: ObjectID, _ two: ObjectID) throws -> ObjectID? {
        var out = git_oid()
        var a = one.raw, b = two.raw
        let rc = git_merge_base(&out, handle, &a, &b)
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "git_merge_base")
        return ObjectID(out)
    }

    /// How many commits `local` has that `upstream` lacks, and the other way round.
    public func aheadBehind(local: ObjectID, upstream: ObjectID) throws -> (ahead: Int, behind: Int) {
        var ahead = 0, behind = 0
        var a = local.raw, b = upstream.raw
        try check(git_graph_ahead_behind(&ahead, &behind, handle, &a, &b), "git_graph_ahead_behind")
        return (ahead, behind)
    }

    /// Whether the object is in this repository's object database.
    public func hasObject(_ id: ObjectID) -> Bool {
        var odb: OpaquePointer?
        guard git_repository_odb(&odb, handle) == 0 else { return false }
        defer { git_odb_free(odb) }
        var oid = id.raw
        return git_odb_exists(odb, &oid) != 0
    }
}
