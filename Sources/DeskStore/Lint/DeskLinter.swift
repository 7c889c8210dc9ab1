import Foundation

/// What `desk lint` found, and how much it looked at.
public struct LintReport: Sendable {
    /// Sorted by path, line and column.
    public var findings: [LintFinding]
    public var filesChecked: Int
    public var commitsChecked: Int

    public var errors: Int { findings.filter { $0.severity == .error }.count }
    public var warnings: Int { findings.filter { $0.severity == .warning }.count }

    init(findings: [LintFinding], filesChecked: Int, commitsChecked: Int = 0) {
        self.findings = findings.sorted()
        self.filesChecked = filesChecked
        self.commitsChecked = commitsChecked
    }
}

/// Checks a desk like code: the working tree, chosen files, what is staged, or a range of commits.
///
/// Works on a repository rather than a `Desk`: a server's pre-receive hook lints a bare repository.
public final class DeskLinter {
    public let repository: Repository
    /// The folders whose files `desk lint` checks.
    static let scope = DeskFileKind.folders

    public init(repository: Repository) {
        self.repository = repository
    }

    /// The files of the desk that a path inside a tree walk should visit.
    static func inScope(_ path: String, isFolder: Bool) -> Bool {
        if isFolder { return scope.contains { path == $0 || path.hasPrefix($0 + "/") } }
        return path == DeskConfigCodec.fileName || scope.contains { path.hasPrefix($0 + "/") }
    }

    private func workingTreeRoot() throws -> String {
        guard let workdir = repository.workdir else {
            throw DeskError.invalidInput("\(repository.gitdir) is a bare repository: lint it with --range A..B")
        }
        return workdir.hasSuffix("/") ? String(workdir.dropLast()) : workdir
    }

    // MARK: Working tree

    /// Every desk file as it is on disk, and `desk.yml`.
    public func lintWorkingTree() throws -> LintReport {
        let root = try workingTreeRoot()
        let (configFindings, config) = ConfigRules.check(WorkingTreeFiles.read(root + "/" + DeskConfigCodec.fileName))
        let (files, special) = WorkingTreeFiles.list(root: root, folders: DeskLinter.scope)
        let context = LintContext(config: config, contents: PathSet(paths: Set(files)))
        var findings = configFindings
        findings += special.map { FileLinter.stray($0, "is not a regular file (a symbolic link?); desk files are plain files") }
        findings += try FileLinter.lint(files, context: context) {
            let reader = FolderReader(root: root)
            return { path in reader.read(path) }
        }
        return LintReport(findings: findings, filesChecked: files.count + 1)
    }

    /// The given files and folders (relative to the desk root) as they are on disk.
    public func lint(paths: [String]) throws -> LintReport {
        let root = try workingTreeRoot()
        var files: [String] = []
        var special: [String] = []
        for path in paths {
            var info = stat()
            guard lstat(root + "/" + path, &info) == 0 else {
                throw DeskError.invalidInput("\(path): no such file in the desk")
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                let listed = WorkingTreeFiles.list(root: root, folders: [path])
                files += listed.files
                special += listed.special
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                files.append(path)
            } else {
                special.append(path)
            }
        }
        let (_, config) = ConfigRules.check(WorkingTreeFiles.read(root + "/" + DeskConfigCodec.fileName))
        let context = LintContext(config: config, contents: WorkingTreeContents(root: root))
        var findings = special.filter { DeskFileKind(path: $0) != .other }
            .map { FileLinter.stray($0, "is not a regular file (a symbolic link?); desk files are plain files") }
        findings += try FileLinter.lint(files, context: context) {
            { path in WorkingTreeFiles.read(root + "/" + path) }
        }
        return LintReport(findings: findings, filesChecked: files.count)
    }

    // MARK: Staged

    /// What git's index holds for the files that differ from HEAD, and those changes themselves
    /// as made by `author` (the pre-commit check). `indexPath`: git's `GIT_INDEX_FILE`, if set.
    public func lintStaged(author: ChangeAuthor, indexPath: String? = nil) throws -> LintReport {
        let index = try IndexSnapshot.read(path: indexPath ?? repository.gitdir + "index", repository: repository)
        let headTree = try repository.headCommitID().map { try repository.commit($0).tree }
        let changes = try stagedChanges(index, head: headTree)
        let configBefore = try configuration(at: headTree)
        let stagedConfig = index.entry(DeskConfigCodec.fileName).map { try? repository.readBlob($0.id) } ?? nil
        let context = LintContext(config: ConfigRules.check(stagedConfig).config, contents: IndexContents(index: index))
        var findings: [LintFinding] = []
        for change in changes {
            let old = try change.old.map { try repository.readBlob($0) }
            let new = try change.new.map { try repository.readBlob($0) }
            if let new { findings += FileLinter.lint(path: change.path, bytes: new, context: context) }
            findings += ChangeRules.check(path: change.path, old: old, new: new, author: author, config: configBefore)
        }
        return LintReport(findings: findings, filesChecked: changes.filter { $0.new != nil }.count)
    }

    /// The desk files whose staged version differs from HEAD's. Folders whose cache-tree id in
    /// the index equals HEAD's tree are skipped whole, so one staged change costs a few lookups.
    func stagedChanges(_ index: IndexSnapshot, head: ObjectID?) throws -> [TreeChange] {
        var changes: [TreeChange] = []
        func compare(_ folder: String, _ headTree: ObjectID?) throws {
            if let headTree, index.cachedTreeID(folder) == headTree { return }
            var headEntries: [String: TreeEntry] = [:]
            if let headTree { for entry in try repository.treeEntries(headTree) { headEntries[entry.name] = entry } }
            let (files, folders) = index.children(of: folder)
            let names = Set(headEntries.keys).union(files.keys).union(folders)
            for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
                let path = folder.isEmpty ? name : folder + "/" + name
                let headEntry = headEntries[name]
                if folders.contains(name) || headEntry?.kind == .tree {
                    if DeskLinter.inScope(path, isFolder: true) {
                        try compare(path, headEntry?.kind == .tree ? headEntry?.id : nil)
                    }
                }
                let old = headEntry?.kind == .blob ? headEntry?.id : nil
                let new = files[name]?.id
                if old != new, DeskLinter.inScope(path, isFolder: false) {
                    changes.append(TreeChange(path: path, old: old, new: new))
                }
            }
        }
        try compare("", head)
        return changes
    }

    // MARK: Range

    /// Every commit in `A..B`: each change to a desk file checked against the `desk.yml` in force
    /// before it, then every file the range changed, as it is at B. `A` may be the all-zero id
    /// git gives a pre-receive hook for a new branch: then the commits on no branch or tag yet.
    public func lintRange(_ range: String) throws -> LintReport {
        let parts = range.components(separatedBy: "..")
        guard parts.count <= 2, let tipText = parts.last, parts.count == 2 || !tipText.isEmpty else {
            throw DeskError.invalidValue(field: "--range", value: range, expected: "two revisions like main..feature or HEAD~5..HEAD")
        }
        // As in git, an omitted side of `A..B` is HEAD.
        let tip = try resolve(tipText.isEmpty ? "HEAD" : tipText)
        let base = parts.count == 2 ? parts[0] : nil
        let newBranch = base.map { !$0.isEmpty && $0.allSatisfy { $0 == "0" } } ?? false
        let hidden = try base.flatMap { newBranch ? nil : [try resolve($0.isEmpty ? "HEAD" : $0)] } ?? []
        let commits = try repository.commits(to: tip, hiding: hidden, hideBranchesAndTags: newBranch)

        var findings: [LintFinding] = []
        var changed = Set<String>()
        var configs: [ObjectID?: DeskConfig] = [:]
        for id in commits {
            let info = try repository.commit(id)
            let parentTrees = try info.parents.map { try repository.commit($0).tree }
            var changes = try repository.changedFiles(from: parentTrees.first, to: info.tree) { DeskLinter.inScope($0, isFolder: false) }
            if parentTrees.count > 1 {
                // A merge: only what differs from every parent is the merge's own change.
                changes = try changes.filter { change in
                    try parentTrees.dropFirst().allSatisfy { try repository.treeEntry($0, path: change.path)?.id != change.new }
                }
            }
            guard !changes.isEmpty else { continue }
            let configBlob = try parentTrees.first.flatMap { try repository.treeEntry($0, path: DeskConfigCodec.fileName)?.id }
            let config = try configs[configBlob] ?? configuration(at: parentTrees.first)
            configs[configBlob] = config
            let author = ChangeAuthor(name: info.author.name, email: info.author.email,
                                      label: "commit \(id.short) by \(info.author.name)")
            for change in changes {
                changed.insert(change.path)
                let old = try change.old.map { try repository.readBlob($0) }
                let new = try change.new.map { try repository.readBlob($0) }
                findings += ChangeRules.check(path: change.path, old: old, new: new, author: author, config: config)
            }
        }

        let tipTree = try repository.commit(tip).tree
        let context = LintContext(config: try configuration(at: tipTree), contents: TreeContents(repository: repository, tree: tipTree))
        var checked = 0
        for path in changed.sorted() {
            guard let entry = try repository.treeEntry(tipTree, path: path), entry.kind == .blob else { continue }
            findings += FileLinter.lint(path: path, bytes: try repository.readBlob(entry.id), context: context)
            checked += 1
        }
        return LintReport(findings: findings, filesChecked: checked, commitsChecked: commits.count)
    }

    private func resolve(_ revision: String) throws -> ObjectID {
        do {
            return try repository.resolveCommit(revision)
        } catch let error as GitError {
            throw DeskError.invalidValue(field: "--range", value: revision, expected: "a revision of this repository (\(error.message))")
        }
    }

    /// The `desk.yml` of a tree (the defaults when it has none or it does not read).
    private func configuration(at tree: ObjectID?) throws -> DeskConfig {
        guard let tree, let entry = try repository.treeEntry(tree, path: DeskConfigCodec.fileName) else { return .standard }
        return ConfigRules.check(try repository.readBlob(entry.id)).config
    }
}

/// Reference checks against git's index: a file exists when it is staged.
struct IndexContents: DeskContents {
    let index: IndexSnapshot
    func contains(_ path: String) -> Bool { index.entry(path) != nil }
}
