internal import CLibGit2
import Foundation

/// A git repository opened through libgit2; owns the `git_repository` handle.
public final class Repository: @unchecked Sendable {
    let handle: OpaquePointer

    /// The working tree folder, with a trailing slash; nil for a bare repository.
    public let workdir: String?
    /// The `.git` folder, with a trailing slash.
    public let gitdir: String

    init(handle: OpaquePointer) {
        self.handle = handle
        gitdir = String(cString: git_repository_path(handle))
        workdir = git_repository_workdir(handle).map { String(cString: $0) }
    }

    deinit {
        git_repository_free(handle)
    }

    /// Opens the repository at exactly `path` (no upward search).
    public static func open(at path: String) throws -> Repository {
        GitRuntime.ensure()
        var repo: OpaquePointer?
        try check(git_repository_open_ext(&repo, path, UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue), nil),
                  "git_repository_open_ext")
        return Repository(handle: repo!)
    }

    /// Finds the repository containing `path`, searching upward like git.
    public static func discover(from path: String) throws -> Repository {
        GitRuntime.ensure()
        var repo: OpaquePointer?
        try check(git_repository_open_ext(&repo, path, 0, nil), "git_repository_open_ext")
        return Repository(handle: repo!)
    }

    /// Creates a repository with a working tree at `path`, HEAD on `main`.
    public static func initialize(at path: String, bare: Bool = false) throws -> Repository {
        GitRuntime.ensure()
        var options = git_repository_init_options()
        try check(git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)),
                  "git_repository_init_options_init")
        options.flags = UInt32(GIT_REPOSITORY_INIT_MKPATH.rawValue)
        if bare { options.flags |= UInt32(GIT_REPOSITORY_INIT_BARE.rawValue) }
        var repo: OpaquePointer?
        try "main".withCString { head in
            options.initial_head = head
            try check(git_repository_init_ext(&repo, path, &options), "git_repository_init_ext")
        }
        return Repository(handle: repo!)
    }

    // MARK: HEAD and references

    /// The branch HEAD points to (`refs/heads/main`), also when it has no commit yet.
    public func headReferenceName() throws -> String {
        var ref: OpaquePointer?
        try check(git_reference_lookup(&ref, handle, "HEAD"), "git_reference_lookup")
        defer { git_reference_free(ref) }
        if let target = git_reference_symbolic_target(ref) {
            return String(cString: target)
        }
        return "HEAD"
    }

    /// The commit HEAD points to, or nil on an unborn branch.
    public func headCommitID() throws -> ObjectID? {
        var oid = git_oid()
        let rc = git_reference_name_to_id(&oid, handle, "HEAD")
        if rc == GIT_ENOTFOUND.rawValue || rc == GIT_EUNBORNBRANCH.rawValue { return nil }
        try check(rc, "git_reference_name_to_id")
        return ObjectID(oid)
    }

    /// Moves `name` to `new` only if it still points at `expected` (nil: must not exist yet).
    /// Throws `GitError.modified`/`.exists` when someone else moved it first.
    public func updateReference(_ name: String, to new: ObjectID, expecting expected: ObjectID?, logMessage: String) throws {
        var newOid = new.raw
        var ref: OpaquePointer?
        if var current = expected?.raw {
            try check(git_reference_create_matching(&ref, handle, name, &newOid, 1, &current, logMessage),
                      "git_reference_create_matching")
        } else {
            try check(git_reference_create(&ref, handle, name, &newOid, 0, logMessage), "git_reference_create")
        }
        git_reference_free(ref)
    }

    // MARK: Objects

    /// Writes `bytes` as a blob and returns its id.
    public func writeBlob(_ bytes: [UInt8]) throws -> ObjectID {
        var oid = git_oid()
        try bytes.withUnsafeBytes { buffer in
            try check(git_blob_create_from_buffer(&oid, handle, buffer.baseAddress, buffer.count),
                      "git_blob_create_from_buffer")
        }
        return ObjectID(oid)
    }

    /// The id `bytes` would have as a blob, without writing anything.
    public static func hashBlob(_ bytes: [UInt8]) throws -> ObjectID {
        GitRuntime.ensure()
        var oid = git_oid()
        try bytes.withUnsafeBytes { buffer in
            try check(git_odb_hash(&oid, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB), "git_odb_hash")
        }
        return ObjectID(oid)
    }

    /// The content of a blob.
    public func readBlob(_ id: ObjectID) throws -> [UInt8] {
        var oid = id.raw
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, handle, &oid), "git_blob_lookup")
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: raw, count: size))
    }

    /// The commit's metadata, copied out.
    public func commit(_ id: ObjectID) throws -> CommitInfo {
        var oid = id.raw
        var commit: OpaquePointer?
        try check(git_commit_lookup(&commit, handle, &oid), "git_commit_lookup")
        defer { git_commit_free(commit) }
        var parents: [ObjectID] = []
        for i in 0..<git_commit_parentcount(commit) {
            parents.append(ObjectID(git_commit_parent_id(commit, i)))
        }
        return CommitInfo(
            id: id,
            tree: ObjectID(git_commit_tree_id(commit)),
            parents: parents,
            author: Signature(git_commit_author(commit)),
            committer: Signature(git_commit_committer(commit)),
            message: git_commit_message(commit).map { String(cString: $0) } ?? ""
        )
    }

    /// Creates a commit object without moving any reference.
    public func createCommit(tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature,
                             message: String) throws -> ObjectID {
        var treeOid = tree.raw
        var treeObj: OpaquePointer?
        try check(git_tree_lookup(&treeObj, handle, &treeOid), "git_tree_lookup")
        defer { git_tree_free(treeObj) }
        var parentObjs: [OpaquePointer?] = []
        defer { parentObjs.forEach { git_commit_free($0) } }
        for parent in parents {
            var poid = parent.raw
            var pc: OpaquePointer?
            try check(git_commit_lookup(&pc, handle, &poid), "git_commit_lookup")
            parentObjs.append(pc)
        }
        var oid = git_oid()
        try author.withGitSignature { authorSig in
            try committer.withGitSignature { committerSig in
                try parentObjs.withUnsafeMutableBufferPointer { buffer in
                    try check(git_commit_create(&oid, handle, nil, authorSig, committerSig, "UTF-8", message,
                                                treeObj, buffer.count, buffer.baseAddress),
                              "git_commit_create")
                }
            }
        }
        return ObjectID(oid)
    }

    // MARK: Config

    /// A string from the repository's configuration (with global and system levels), or nil.
    public func configString(_ key: String) -> String? {
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, handle) == 0 else { return nil }
        defer { git_config_free(config) }
        var value: UnsafePointer<CChar>?
        guard git_config_get_string(&value, config, key) == 0, let value else { return nil }
        return String(cString: value)
    }

    /// A boolean from the configuration, or nil when unset or not a boolean.
    public func configBool(_ key: String) -> Bool? {
        var config: OpaquePointer?
        guard git_repository_config_snapshot(&config, handle) == 0 else { return nil }
        defer { git_config_free(config) }
        var value: Int32 = 0
        guard git_config_get_bool(&value, config, key) == 0 else { return nil }
        return value != 0
    }
}

/// A commit's metadata as Swift values.
public struct CommitInfo: Sendable {
    public let id: ObjectID
    public let tree: ObjectID
    public let parents: [ObjectID]
    public let author: Signature
    public let committer: Signature
    public let message: String
}
