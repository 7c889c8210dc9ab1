import Foundation

extension Desk {
    /// Commits a change computed from the current HEAD, under the desk's write lock.
    ///
    /// Order, so that a kill at any instant leaves the desk before or after, never between:
    /// objects → journal → HEAD moved (compare-and-swap; the commit point) → working-tree
    /// files → git's index → journal removed. A journal found later is finished by `recover()`.
    @discardableResult
    public func mutate(_ build: (Snapshot) throws -> Change) throws -> (commit: ObjectID, change: Change) {
        let lock = try WriteLock(path: stateDirectory + "/write.lock")
        defer { withExtendedLifetime(lock) {} }
        return try mutateLocked(build)
    }

    /// `mutate` for a caller that holds the write lock already (`desk sync`).
    @discardableResult
    func mutateLocked(_ build: (Snapshot) throws -> Change) throws -> (commit: ObjectID, change: Change) {
        try recover()
        // Refuse before committing anything if git's index could not be kept in step afterwards.
        try IndexFormat.ensureSupported(repository)
        let refName = try gitCall("reading HEAD") { try repository.headReferenceName() }
        for _ in 0..<8 {
            let head = try gitCall("reading HEAD") { try repository.headCommitID() }
            let tree = try head.map { id in try gitCall("reading HEAD") { try repository.commit(id).tree } }
            let change = try build(Snapshot(repository: repository, head: head, tree: tree))
            if change.files.contains(where: { $0.path == DeskConfigCodec.fileName }), head != nil {
                try config.require(.configure("change desk.yml"), by: change.actor)
            }
            var updates: [TreeUpdate] = []
            let commit = try gitCall("writing the commit") { () -> ObjectID in
                updates = try change.files.map { file in
                    TreeUpdate(path: file.path, blob: try file.content.map { try repository.writeBlob($0) })
                }
                let newTree = try repository.updatedTree(tree, updates)
                let signature = Signature(name: change.actor.handle, email: change.actor.email,
                                          time: change.time.seconds)
                return try repository.createCommit(tree: newTree, parents: head.map { [$0] } ?? [],
                                                   author: signature, committer: signature, message: change.message)
            }
            let journal = Journal(old: head, new: commit, paths: change.files.map(\.path))
            try journal.write(to: journalPath)
            do {
                try GitLockFiles.retrying(lockPaths: [repository.gitdir + refName + ".lock"], warn: warn) {
                    try repository.updateReference(refName, to: commit, expecting: head,
                                                   logMessage: "desk: " + change.message.prefix { $0 != "\n" })
                }
            } catch let error as GitError where error.code == .modified || error.code == .exists {
                // Someone outside desk (plain git) moved HEAD meanwhile: recompute on the new HEAD.
                try? AtomicFile.remove(journalPath)
                continue
            } catch let error as GitError {
                try? AtomicFile.remove(journalPath)
                throw DeskError.git(error, context: "moving \(refName)")
            } catch {
                try? AtomicFile.remove(journalPath)
                throw error
            }
            do {
                try syncWorkingTree(zip(change.files, updates).map { ($0.path, $0.content, $1.blob) })
            } catch {
                // The change is committed; say so, so nobody repeats it. The journal stays for recovery.
                throw DeskError.io(path: change.files.first?.path ?? root,
                                   detail: "committed as \(commit.short), but the working tree or git's index could not be updated (\(error)); the next desk command finishes it — do not repeat this one")
            }
            try AtomicFile.remove(journalPath)
            packIfNeeded()
            return (commit, change)
        }
        throw DeskError.busy(lock: refName, holder: "other writers that keep moving it")
    }

    /// Commits a change that does not depend on what is at HEAD.
    @discardableResult
    public func commit(_ change: Change) throws -> ObjectID {
        try mutate { _ in change }.commit
    }

    /// `commit` for a caller that holds the write lock already.
    @discardableResult
    func commitLocked(_ change: Change) throws -> ObjectID {
        try mutateLocked { _ in change }.commit
    }

    var journalPath: String { stateDirectory + "/journal" }

    /// Writes the files to the working tree and records them in git's index: patched in place
    /// when the index format allows (see `IndexPatch`), else through libgit2's index.
    func syncWorkingTree(_ files: [(path: String, content: [UInt8]?, blob: ObjectID?)]) throws {
        var updates: [IndexPatch.Update] = []
        for (path, content, blob) in files {
            let absolute = absolutePath(path)
            if let content {
                try AtomicFile.write(content, to: absolute, durable: config.fsync)
                var info = stat()
                guard lstat(absolute, &info) == 0 else {
                    throw DeskError.io(path: path, detail: "cannot stat after writing: \(AtomicFile.errnoText())")
                }
                updates.append(IndexPatch.Update(path: path, blob: blob, stat: info))
            } else {
                try AtomicFile.remove(absolute)
                updates.append(IndexPatch.Update(path: path, blob: nil, stat: nil))
            }
        }
        do {
            try GitLockFiles.retrying(lockPaths: [repository.gitdir + "index.lock"], warn: warn) {
                if try IndexPatch.apply(indexPath: repository.gitdir + "index", stampPath: stateDirectory + "/index-stamp",
                                        updates: updates, durable: config.fsync) {
                    return
                }
                try repository.stageWorkingTreeFiles(files.map { ($0.path, $0.content != nil) })
            }
        } catch let error as GitError {
            throw DeskError.git(error, context: "updating git's index (.git/index)")
        }
    }

    /// Finishes an operation a killed desk left half-way (see `mutate`). Call under the write lock.
    func recover() throws {
        guard let journal = Journal.read(from: journalPath) else { return }
        // We hold the write lock, so lock files and temporary files dated after the journal were
        // left by the killed desk itself: remove them rather than wait for them.
        let journalAge = GitLockFiles.ageOfFile(journalPath) ?? 0
        let refName = try gitCall("reading HEAD") { try repository.headReferenceName() }
        for lock in [repository.gitdir + "index.lock", repository.gitdir + refName + ".lock"] {
            if let age = GitLockFiles.ageOfFile(lock), age <= journalAge + 1 { unlink(lock) }
        }
        for folder in Set(journal.paths.map { absolutePath(($0 as NSString).deletingLastPathComponent) }) {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            where name.hasPrefix(AtomicFile.temporaryPrefix) {
                unlink(folder + "/" + name)
            }
        }
        let head = try gitCall("reading HEAD") { try repository.headCommitID() }
        if head == journal.new {
            // HEAD moved, so the change is committed: bring the working tree and git's index up to it.
            let tree = try gitCall("reading HEAD") { try repository.commit(journal.new).tree }
            let files = try journal.paths.map { path -> (String, [UInt8]?, ObjectID?) in
                let entry = try gitCall("reading \(path)") { try repository.treeEntry(tree, path: path) }
                return (path, try entry.map { e in try gitCall("reading \(path)") { try repository.readBlob(e.id) } }, entry?.id)
            }
            try syncWorkingTree(files)
            warn("finished an interrupted desk operation (\(journal.paths.joined(separator: ", ")))")
        }
        // Otherwise HEAD never moved: the change never happened, and the objects written for it
        // are unreferenced and harmless.
        try AtomicFile.remove(journalPath)
    }

    func gitCall<T>(_ context: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as GitError {
            throw DeskError.git(error, context: context)
        }
    }
}

/// What a mutation in flight is about to do, so a later desk can finish it.
struct Journal: Codable {
    var old: String?
    var new: String
    var paths: [String]

    init(old: ObjectID?, new: ObjectID, paths: [String]) {
        self.old = old?.hex
        self.new = new.hex
        self.paths = paths
    }

    var newID: ObjectID { ObjectID(hex: new)! }

    func write(to path: String) throws {
        let data = try JSONEncoder().encode(self)
        try AtomicFile.write([UInt8](data), to: path, durable: false)
    }

    static func read(from path: String) -> (new: ObjectID, paths: [String])? {
        guard let bytes = AtomicFile.read(path),
              let journal = try? JSONDecoder().decode(Journal.self, from: Data(bytes)),
              let new = ObjectID(hex: journal.new) else { return nil }
        return (new, journal.paths)
    }
}
