import Foundation

/// How `desk sync` should run.
public struct SyncOptions: Sendable {
    /// The remote's name; nil picks `origin`, or the only remote.
    public var remote: String?
    /// Commit hand edits in the working tree first (after they pass `desk lint`).
    public var commitFirst = false
    /// Fetch–merge–push rounds before giving up while others keep pushing.
    public var maxAttempts = 8
    public var environment: [String: String]

    public init(remote: String?, commitFirst: Bool = false, environment: [String: String]) {
        self.remote = remote
        self.commitFirst = commitFirst
        self.environment = environment
    }
}

extension Desk {
    /// The remote to sync with: the one named, else `origin`, else the only one.
    public func syncRemote(_ name: String?) throws -> RemoteInfo {
        let all = try gitCall("reading the remotes") { try repository.remotes() }
        if let name {
            guard let remote = all.first(where: { $0.name == name }) else {
                let known = all.isEmpty ? "none is set up" : "known: " + all.map(\.name).joined(separator: ", ")
                throw DeskError.invalidInput("no remote named \(name) (\(known)); add one with `desk remote add \(name) URL`")
            }
            return remote
        }
        if let origin = all.first(where: { $0.name == "origin" }) { return origin }
        if all.count == 1 { return all[0] }
        if all.isEmpty {
            throw DeskError.invalidInput("this desk has no remote to sync with; add one with `desk remote add origin URL`")
        }
        throw DeskError.invalidInput("several remotes (\(all.map(\.name).joined(separator: ", "))) and none is origin; name one: `desk sync NAME`")
    }

    /// Fetches, merges ticket by ticket and field by field, and pushes; when the push is refused
    /// because someone pushed meanwhile, does it again (bounded, with back-off).
    ///
    /// Under the desk's write lock. The local branch only ever moves by compare-and-swap
    /// through the same journal as every desk command, so a kill at any instant leaves the desk
    /// before or after a step, and a later sync completes what an interrupted one began.
    public func sync(_ options: SyncOptions, actor: Actor) throws -> SyncReport {
        let remote = try syncRemote(options.remote)
        let lock = try WriteLock(path: stateDirectory + "/write.lock")
        defer { withExtendedLifetime(lock) {} }
        try recover()
        try IndexFormat.ensureSupported(repository)
        let refName = try gitCall("reading HEAD") { try repository.headReferenceName() }
        guard refName.hasPrefix("refs/heads/") else {
            throw DeskError.invalidInput("HEAD is not on a branch (detached); check out a branch (`git switch main`) before syncing")
        }
        let branch = String(refName.dropFirst("refs/heads/".count))
        var report = SyncReport(remote: remote.name, url: remote.url, branch: branch)
        // Checking the whole working tree costs a scan of every file (0.4 s at 100,000 tickets):
        // done first only to commit hand edits; otherwise only before the working tree changes.
        if options.commitFirst { report.committedFirst = try commitHandEdits(actor: actor) }
        report.headBefore = try gitCall("reading HEAD") { try repository.headCommitID() }

        let tracking = "refs/remotes/\(remote.name)/\(branch)"
        let credentials = CredentialSource(environment: options.environment)
        let local = LocalRemote(url: remote.url, root: root, name: remote.name)
        if let local, !FileManager.default.fileExists(atPath: local.path) {
            throw DeskError.remote(name: remote.name, detail: "there is no repository at \(local.path); create one with `git init --bare \(local.path)` or fix the URL (`desk remote remove \(remote.name)`, then add it again)")
        }
        var remoteBefore: ObjectID?
        var generator = SystemRandomNumberGenerator()
        for attempt in 1...max(1, options.maxAttempts) {
            report.attempts = attempt
            let theirs = try fetch(remote, local: local, branch: branch, tracking: tracking, credentials: credentials)
            if attempt == 1 { remoteBefore = theirs }
            if let theirs { try integrate(theirs, remote: remote, branch: branch, actor: actor, report: &report) }
            guard let head = try gitCall("reading HEAD", { try repository.headCommitID() }), head != theirs else { break }
            do {
                if let local {
                    try local.push(from: repository, branch: branch, tip: head, expecting: theirs)
                } else {
                    try pushOverNetwork(remote, branch: branch, credentials: credentials)
                }
                try gitCall("updating \(tracking)") {
                    try repository.forceReference(tracking, to: head, logMessage: "desk sync: pushed")
                }
                report.pushed = true
                break
            } catch RemoteMoved.meanwhile {
                guard attempt < options.maxAttempts else {
                    throw DeskError.remote(name: remote.name, detail: "others kept pushing; \(attempt) rounds of fetch, merge and push were not enough. Your changes are merged and committed here; run desk sync again")
                }
                // Back off with jitter, so desks racing for the same remote stop colliding.
                let ceiling = min(2_000, 40 << min(attempt, 6))
                usleep(useconds_t(Int.random(in: ceiling / 2...ceiling, using: &generator) * 1_000))
            }
        }
        report.headAfter = try gitCall("reading HEAD") { try repository.headCommitID() }
        report.incoming = SyncedFile.describe(try changedTrees(report.headBefore, report.headAfter))
        if report.pushed {
            report.outgoing = SyncedFile.describe(try changedTrees(remoteBefore, report.headAfter))
        }
        return report
    }

    /// The files that differ between two commits' trees.
    private func changedTrees(_ old: ObjectID?, _ new: ObjectID?) throws -> [TreeChange] {
        guard old != new else { return [] }
        return try gitCall("comparing commits") {
            try repository.changedFiles(from: old.map { try repository.commit($0).tree },
                                        to: new.map { try repository.commit($0).tree })
        }
    }

    /// Refuses to change a working tree that holds uncommitted work.
    private func refuseUncommittedWork() throws {
        let paths = try gitCall("reading the working tree's status") { try repository.uncommittedPaths() }
        if !paths.isEmpty { throw DeskError.uncommittedWork(paths: paths) }
    }

    /// Commits the hand edits in the working tree, when `desk lint` finds no errors in them.
    private func commitHandEdits(actor: Actor) throws -> [String] {
        let paths = try gitCall("reading the working tree's status") { try repository.uncommittedPaths() }
        guard !paths.isEmpty else { return [] }
        let lint = try DeskLinter(repository: repository).lint(paths: paths.filter {
            FileManager.default.fileExists(atPath: absolutePath($0))
        })
        if lint.errors > 0 {
            let shown = lint.findings.filter { $0.severity == .error }.prefix(10).map { "  \($0)" }.joined(separator: "\n")
            throw DeskError.invalidInput("desk lint finds errors in the uncommitted files, so they are not committed:\n\(shown)")
        }
        let files = paths.map { path in FileChange(path: path, content: AtomicFile.read(absolutePath(path))) }
        try commitLocked(Change(files: files, subject: "desk sync: commit \(paths.count) hand-edited file\(paths.count == 1 ? "" : "s")",
                                ticket: nil, action: "edit", actor: actor))
        return paths
    }

    /// Fetches the branch into its remote-tracking reference; the remote's tip, or nil when
    /// the remote has no such branch (an empty remote).
    private func fetch(_ remote: RemoteInfo, local: LocalRemote?, branch: String, tracking: String,
                       credentials: CredentialSource) throws -> ObjectID? {
        do {
            if let local { return try local.fetch(into: repository, branch: branch, tracking: tracking) }
            try repository.fetch(remote: remote.name, refspecs: ["+refs/heads/\(branch):\(tracking)"], credentials: credentials)
        } catch let failure as TransferFailure {
            throw DeskError.remote(name: remote.name, detail: failure.explanation(url: remote.url, action: "fetch"))
        } catch let error as GitError {
            throw DeskError.remote(name: remote.name, detail: TransferFailure.other(error.message).explanation(url: remote.url, action: "fetch"))
        }
        return try gitCall("reading \(tracking)") { try repository.referenceTarget(tracking) }
    }

    private func pushOverNetwork(_ remote: RemoteInfo, branch: String, credentials: CredentialSource) throws {
        do {
            try repository.pushOverNetwork(remote: remote.name, refspec: "refs/heads/\(branch):refs/heads/\(branch)",
                                           credentials: credentials)
        } catch let failure as TransferFailure {
            if case .rejected(_, let reason, _) = failure, TransferFailure.meansRemoteMoved(reason) {
                throw RemoteMoved.meanwhile
            }
            throw DeskError.remote(name: remote.name, detail: failure.explanation(url: remote.url, action: "push"))
        } catch let error as GitError {
            throw DeskError.remote(name: remote.name, detail: TransferFailure.other(error.message).explanation(url: remote.url, action: "push"))
        }
    }

    /// Brings `theirs` into HEAD: nothing when HEAD has it already, a fast-forward when HEAD is
    /// behind, else a merge commit of both made in memory.
    private func integrate(_ theirs: ObjectID, remote: RemoteInfo, branch: String, actor: Actor,
                           report: inout SyncReport) throws {
        let ours = try gitCall("reading HEAD") { try repository.headCommitID() }
        guard let ours, ours != theirs else {
            if ours == nil { try advanceHead(from: nil, to: theirs, message: "desk sync: fast-forward") }
            return
        }
        let base = try gitCall("finding the common ancestor") { try repository.mergeBase(ours, theirs) }
        if base == theirs { return }
        try refuseUncommittedWork()
        if base == ours {
            try advanceHead(from: ours, to: theirs, message: "desk sync: fast-forward to \(remote.name)/\(branch)")
            return
        }
        let (ourCommit, theirCommit) = try gitCall("reading commits") { (try repository.commit(ours), try repository.commit(theirs)) }
        let baseTree = try base.map { id in try gitCall("reading the common ancestor") { try repository.commit(id).tree } }
        let merged = try gitCall("merging \(remote.name)/\(branch)") {
            try TreeMerge.merge(repository, base: baseTree,
                                ours: MergeTip(commit: ours, tree: ourCommit.tree, time: ourCommit.committer.time),
                                theirs: MergeTip(commit: theirs, tree: theirCommit.tree, time: theirCommit.committer.time))
        }
        guard merged.unresolved.isEmpty else {
            throw DeskError.syncConflict(paths: merged.unresolved, remote: remote.name)
        }
        report.conflicts += merged.notes
        report.renumbered += merged.renumbered
        var subject = "desk sync: merge \(remote.name)/\(branch)"
        if !merged.notes.isEmpty { subject += " (\(merged.notes.count) conflicting edit\(merged.notes.count == 1 ? "" : "s") settled)" }
        let message = Change(files: [], subject: subject, ticket: nil, action: "sync", actor: actor).message
        let signature = Signature(name: actor.handle, email: actor.email, time: Timestamp.now().seconds)
        let commit = try gitCall("writing the merge commit") {
            try repository.createCommit(tree: merged.tree, parents: [ours, theirs], author: signature,
                                        committer: signature, message: message)
        }
        try advanceHead(from: ours, to: commit, message: subject)
        report.mergeCommit = commit
    }

    /// Moves HEAD's branch from `old` to `new` (compare-and-swap) and brings the working tree
    /// and git's index along, through the journal `recover()` finishes after a kill.
    func advanceHead(from old: ObjectID?, to new: ObjectID, message: String) throws {
        let refName = try gitCall("reading HEAD") { try repository.headReferenceName() }
        let oldTree = try old.map { id in try gitCall("reading HEAD") { try repository.commit(id).tree } }
        let newTree = try gitCall("reading \(new.short)") { try repository.commit(new).tree }
        let changes = try gitCall("comparing trees") { try repository.changedFiles(from: oldTree, to: newTree) }
        let journal = Journal(old: old, new: new, paths: changes.map(\.path))
        try journal.write(to: journalPath)
        do {
            try GitLockFiles.retrying(lockPaths: [repository.gitdir + refName + ".lock"], warn: warn) {
                try repository.updateReference(refName, to: new, expecting: old, logMessage: message)
            }
        } catch let error as GitError {
            try? AtomicFile.remove(journalPath)
            throw DeskError.git(error, context: "moving \(refName) (did plain git change it during the sync? sync again)")
        }
        let files = try changes.map { change -> (String, [UInt8]?, ObjectID?) in
            (change.path, try change.new.map { id in try gitCall("reading \(change.path)") { try repository.readBlob(id) } }, change.new)
        }
        try syncWorkingTree(files)
        if changes.count >= Self.manyChangedFiles {
            // Best effort: a stale cache only makes later index comparisons slower.
            try? GitLockFiles.retrying(lockPaths: [repository.gitdir + "index.lock"], warn: warn) {
                try repository.rebuildIndexTreeCache()
            }
        }
        try AtomicFile.remove(journalPath)
    }

    /// From this many files changed by one sync on, git's cache of folder trees is rebuilt.
    static let manyChangedFiles = 200
}

/// The remote branch moved between our fetch and our push: fetch, merge and push again.
enum RemoteMoved: Error { case meanwhile }
