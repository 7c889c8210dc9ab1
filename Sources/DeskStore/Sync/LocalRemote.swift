import Foundation

/// A remote that is a repository on this machine (a path or a `file://` URL).
///
/// libgit2 1.5's push to such a remote overwrites the branch without checking that it has
/// not moved since the fetch, so two desks pushing at once can lose one push. desk pushes to
/// it itself: the missing objects go over as one pack, then the branch moves by
/// compare-and-swap (`git_reference_create_matching`), which fails if anyone else moved it.
struct LocalRemote {
    /// The repository's folder.
    let path: String
    /// The remote's name, for messages (the path when it has none).
    var name: String

    /// Nil for network URLs (`ssh://`, `git://`, `https://`, `host:path`).
    init?(url: String, root: String, name: String? = nil) {
        self.name = name ?? url
        if url.hasPrefix("file://") {
            let rest = String(url.dropFirst("file://".count))
            path = rest.removingPercentEncoding ?? rest
            return
        }
        if url.contains("://") { return nil }
        // `host:path` is ssh, as for git — unless the part before the colon holds a slash.
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return nil }
        path = url.hasPrefix("/") ? url : root + "/" + url
    }

    /// Copies the remote branch's objects that this repository lacks into it and points the
    /// remote-tracking reference at the branch; returns the branch's tip, or nil when the remote
    /// has no such branch yet.
    func fetch(into repository: Repository, branch: String, tracking: String) throws -> ObjectID? {
        let source: Repository
        do {
            source = try Repository.open(at: path)
        } catch let error as GitError {
            throw TransferFailure.unreachable("cannot open the repository at \(path): \(error.message)")
        }
        guard let tip = try source.referenceTarget("refs/heads/" + branch) else { return nil }
        if !repository.hasObject(tip) {
            // Everything reachable from what this desk has is here already.
            let known = [try repository.referenceTarget(tracking), try repository.headCommitID()].compactMap { $0 }
            try source.copyObjects(try source.objectsMissing(from: tip, known: known), to: repository)
        }
        try repository.forceReference(tracking, to: tip, logMessage: "desk sync: fetch")
        return tip
    }

    /// Sends the objects and moves `refs/heads/BRANCH` from `expected` to `tip`; throws
    /// `RemoteMoved.meanwhile` when someone else moved it first.
    func push(from repository: Repository, branch: String, tip: ObjectID, expecting expected: ObjectID?) throws {
        let reference = "refs/heads/" + branch
        let target: Repository
        do {
            target = try Repository.open(at: path)
        } catch let error as GitError {
            throw DeskError.remote(name: name, detail: "cannot open the repository at \(path): \(error.message)")
        }
        if target.workdir != nil, (try? target.headReferenceName()) == reference {
            throw DeskError.remote(name: name, detail: "\(path) is a desk with \(branch) checked out; pushing there would leave its working tree behind. Share a bare repository instead (`git init --bare`)")
        }
        do {
            if !target.hasObject(tip) {
                try repository.copyObjects(try repository.objectsMissing(from: tip, known: expected.map { [$0] } ?? []), to: target)
            }
            // Reopened, so its object database sees the pack just written.
            let fresh = try Repository.open(at: path)
            try fresh.updateReference(reference, to: tip, expecting: expected, logMessage: "desk sync: push")
            if try fresh.headReferenceName() != reference, try fresh.referenceTarget("HEAD") == nil {
                // A new bare repository's HEAD may name a branch nobody pushes (master): point it at
                // this one, so `git clone` and `desk clone` check it out.
                try fresh.setHead(reference)
            }
        } catch let error as GitError where error.code == .modified || error.code == .exists || error.code == .locked {
            throw RemoteMoved.meanwhile
        } catch let error as GitError {
            throw DeskError.remote(name: name, detail: "push to \(path) failed: \(error.message)")
        }
    }
}
