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
    /// The latest date it is anywhere now, for dates that may not be in the future (an asset's
    /// `purchased`): a date written in any time zone is never ahead of it.
    var today: LocalDate = LintContext.latestToday()

    /// Today's date in the time zone furthest ahead of UTC (UTC+14).
    static func latestToday(at now: Timestamp = .now()) -> LocalDate {
        let seconds = now.seconds + 14 * 3600
        return LocalDate(dayNumber: Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400))
    }
}
