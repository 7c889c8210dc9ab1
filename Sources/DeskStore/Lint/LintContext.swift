import Foundation

/// Which files a desk revision holds, for checking that references point somewhere.
public protocol DeskContents: Sendable {
    func contains(_ path: String) -> Bool
}

/// The files of a listing already in memory (the working tree, git's index).
struct PathSet: DeskContents {
    var paths: Set<String>
    func contains(_ path: String) -> Bool { paths.contains(path) }
}

/// The files of a commit's tree, looked up one path at a time (few files, huge trees).
final class TreeContents: DeskContents, @unchecked Sendable {
    private let repository: Repository
    private let tree: ObjectID
    private let lock = NSLock()

    init(repository: Repository, tree: ObjectID) {
        self.repository = repository
        self.tree = tree
    }

    func contains(_ path: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return ((try? repository.treeEntry(tree, path: path)) ?? nil) != nil
    }
}

/// What the rules for one file need to know about the rest of the desk.
struct LintContext: Sendable {
    var config: DeskConfig
    var contents: any DeskContents
}
