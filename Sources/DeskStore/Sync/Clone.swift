internal import CLibGit2
import Foundation

extension Desk {
    /// Copies the desk at `url` into `path` (a new or empty folder) with a working tree, and sets
    /// up desk's merge driver there. Nothing is left behind when it fails.
    /// Relative paths (`path`, a local `url`) are taken from `folder`.
    public static func clone(url: String, into path: String, relativeTo folder: String, environment: [String: String],
                             mergeDriverExecutable: String) throws -> Desk {
        let absolute = URL(fileURLWithPath: path.hasPrefix("/") ? path : folder + "/" + path).standardizedFileURL.path
        let existed = FileManager.default.fileExists(atPath: absolute)
        if existed, !((try? FileManager.default.contentsOfDirectory(atPath: absolute))?.isEmpty ?? false) {
            throw DeskError.invalidInput("\(absolute) exists and is not empty; clone into a new folder")
        }
        let cloneURL = LocalRemote(url: url, root: folder).map { local in
            URL(fileURLWithPath: local.path).standardizedFileURL.path
        } ?? url
        do {
            let repository = try Repository.clone(url: cloneURL, into: absolute,
                                                  credentials: CredentialSource(environment: environment))
            try repository.checkOutRemoteDefaultIfUnborn()
            guard try repository.headCommitID() != nil else {
                throw DeskError.invalidInput("\(url) is empty: there is no desk to clone yet. Create one with `desk init`, then `desk remote add origin \(url)` and `desk sync`")
            }
            guard FileManager.default.fileExists(atPath: absolute + "/" + DeskConfigCodec.fileName) else {
                throw DeskError.invalidInput("\(url) is a git repository but not a desk (no desk.yml at its root)")
            }
            _ = try GitHooks.installMergeDriver(repository, executable: mergeDriverExecutable)
            return try Desk.open(at: absolute)
        } catch {
            removeFailedClone(absolute, keepFolder: existed)
            if let failure = error as? TransferFailure {
                throw DeskError.remote(name: url, detail: failure.explanation(url: url, action: "clone"))
            }
            if let error = error as? GitError {
                throw DeskError.remote(name: url, detail: "clone failed: \(error.message)")
            }
            throw error
        }
    }

    private static func removeFailedClone(_ path: String, keepFolder: Bool) {
        if keepFolder {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                try? FileManager.default.removeItem(atPath: path + "/" + name)
            }
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}

extension Repository {
    /// `git clone URL PATH` through libgit2, with desk's credentials and host checks.
    static func clone(url: String, into path: String, credentials: CredentialSource) throws -> Repository {
        GitRuntime.ensure()
        let session = TransferSession(credentials: credentials)
        var options = git_clone_options()
        try check(git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION)), "git_clone_options_init")
        options.fetch_opts.callbacks = session.callbacks()
        options.checkout_opts.checkout_strategy = GIT_CHECKOUT_SAFE.rawValue
        var repo: OpaquePointer?
        let rc = withExtendedLifetime(session) { git_clone(&repo, url, path, &options) }
        if rc < 0 { throw session.failure(lastError(rc, "git_clone"), url: url) }
        return Repository(handle: repo!)
    }

    /// A remote whose HEAD names a branch nobody pushed leaves the clone on an unborn branch:
    /// then take `origin/main`, or the remote's only branch, and check it out.
    func checkOutRemoteDefaultIfUnborn() throws {
        guard try headCommitID() == nil else { return }
        let head = try headReferenceName()
        let branch = head.hasPrefix("refs/heads/") ? String(head.dropFirst("refs/heads/".count)) : "main"
        var candidates = ["refs/remotes/origin/\(branch)", "refs/remotes/origin/main"]
        candidates += try remoteBranches("origin")
        guard let (name, tip) = try candidates.lazy.compactMap({ name in try self.referenceTarget(name).map { (name, $0) } }).first else {
            return
        }
        let local = "refs/heads/" + name.split(separator: "/").dropFirst(3).joined(separator: "/")
        try updateReference(local, to: tip, expecting: nil, logMessage: "desk clone")
        try setHead(local)
        var options = git_checkout_options()
        try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "git_checkout_options_init")
        options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue
        try check(git_checkout_head(handle, &options), "git_checkout_head")
    }

    /// The remote-tracking branches of `remote` (`refs/remotes/origin/…`).
    func remoteBranches(_ remote: String) throws -> [String] {
        var iterator: OpaquePointer?
        try check(git_reference_iterator_glob_new(&iterator, handle, "refs/remotes/\(remote)/*"), "git_reference_iterator_glob_new")
        defer { git_reference_iterator_free(iterator) }
        var names: [String] = []
        var name: UnsafePointer<CChar>?
        while git_reference_next_name(&name, iterator) == 0, let name {
            let text = String(cString: name)
            if !text.hasSuffix("/HEAD") { names.append(text) }
        }
        return names.sorted()
    }
}
