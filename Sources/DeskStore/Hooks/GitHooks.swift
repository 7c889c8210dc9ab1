import Foundation

/// What `desk hooks install` did.
public struct HooksInstallResult: Sendable {
    /// Hook files written (absolute paths).
    public var hooks: [String]
    /// Repository config keys set.
    public var config: [String]
    /// The commit that added the merge attributes to `.gitattributes`, if one was needed.
    public var attributesCommit: ObjectID?
}

/// Installs the git hooks that run `desk lint`, and the merge driver.
///
/// Hook scripts carry a marker line so a later install replaces them; a hook desk did not
/// write is never overwritten unless asked (`force`).
public enum GitHooks {
    static let marker = "# installed by desk hooks install"
    /// Lines `.gitattributes` needs so git merges desk files with `desk merge-driver`.
    static let attributes = ["tickets/** merge=desk", "kb/** merge=desk"]

    /// The client side: a pre-commit hook running `desk lint --staged`, the merge driver's config,
    /// and `.gitattributes` naming it (committed, so every clone merges desk files the same way).
    public static func installClient(desk: Desk, executable: String, force: Bool, actor: Actor) throws -> HooksInstallResult {
        let repository = desk.repository
        let hooksDirectory = hooksFolder(repository, workdir: desk.root)
        let preCommit = hooksDirectory + "/pre-commit"
        try writeHook(preCommit, force: force, body: """
            # Lint what is about to be committed; `git commit --no-verify` skips this.
            exec "$DESK" lint --staged
            """, executable: executable)
        let keys = try installMergeDriver(repository, executable: executable)
        let commit = try addMergeAttributes(desk, actor: actor)
        return HooksInstallResult(hooks: [preCommit], config: keys, attributesCommit: commit)
    }

    /// The server side: a pre-receive hook in `repositoryPath` (usually bare) that runs
    /// `desk lint --range OLD..NEW` for every pushed ref and refuses the push on findings.
    public static func installServer(repositoryPath: String, executable: String, force: Bool) throws -> HooksInstallResult {
        let repository: Repository
        do {
            repository = try Repository.open(at: repositoryPath)
        } catch let error as GitError {
            throw DeskError.git(error, context: "cannot open the repository at \(repositoryPath)")
        }
        let hook = hooksFolder(repository, workdir: repository.workdir) + "/pre-receive"
        try writeHook(hook, force: force, body: """
            # Refuse a push whose commits break the desk's rules (desk lint --range on each ref).
            zero=0000000000000000000000000000000000000000
            status=0
            while read -r old new ref; do
                [ "$new" = "$zero" ] && continue   # a deleted ref brings nothing to check
                if ! "$DESK" lint --range "$old..$new" >&2; then
                    echo "desk: push to $ref refused: fix the findings above and push again" >&2
                    status=1
                fi
            done
            exit $status
            """, executable: executable)
        return HooksInstallResult(hooks: [hook], config: [], attributesCommit: nil)
    }

    /// `core.hooksPath` when set (relative to the working tree), else `.git/hooks`.
    static func hooksFolder(_ repository: Repository, workdir: String?) -> String {
        if let configured = repository.configString("core.hooksPath"), !configured.isEmpty {
            if configured.hasPrefix("/") { return configured }
            let base = workdir ?? repository.gitdir
            return (base.hasSuffix("/") ? base : base + "/") + configured
        }
        return repository.gitdir + "hooks"
    }

    static func writeHook(_ path: String, force: Bool, body: String, executable: String) throws {
        if let existing = AtomicFile.read(path), !force,
           !String(decoding: existing, as: UTF8.self).contains(marker) {
            throw DeskError.invalidInput("\(path) exists and was not written by desk; move it aside or use --force to replace it")
        }
        // The desk that installed the hook, else whichever `desk` is on the PATH.
        let script = """
            #!/bin/sh
            \(marker)
            DESK=\(shellQuoted(executable))
            [ -x "$DESK" ] || DESK=desk
            \(body)

            """
        try AtomicFile.makeDirectories((path as NSString).deletingLastPathComponent)
        try AtomicFile.write(Array(script.utf8), to: path, durable: false)
        guard chmod(path, 0o755) == 0 else {
            throw DeskError.io(path: path, detail: "cannot make the hook executable: \(String(cString: strerror(errno)))")
        }
    }

    static func installMergeDriver(_ repository: Repository, executable: String) throws -> [String] {
        let values = [
            ("merge.desk.name", "desk: merge tickets and articles"),
            ("merge.desk.driver", "\(shellQuoted(executable)) merge-driver %O %A %B %P"),
        ]
        for (key, value) in values {
            do {
                try repository.setConfig(key, value)
            } catch let error as GitError {
                throw DeskError.git(error, context: "cannot set \(key) in the repository's config")
            }
        }
        return values.map(\.0)
    }

    /// Commits `.gitattributes` with the merge lines added, unless it has them already.
    static func addMergeAttributes(_ desk: Desk, actor: Actor) throws -> ObjectID? {
        let path = ".gitattributes"
        do {
            return try desk.mutate { snapshot in
            let current = try snapshot.file(path)?.bytes ?? []
                if let working = AtomicFile.read(desk.absolutePath(path)), working != current {
                    throw DeskError.uncommittedChanges(path: path)
                }
                var lines = String(decoding: current, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                    .map(String.init)
                if lines.last == "" { lines.removeLast() }
                let missing = attributes.filter { !lines.contains($0) }
                guard !missing.isEmpty else { throw NothingToDo() }
                let text = (lines + missing).joined(separator: "\n") + "\n"
                return Change(files: [FileChange(path: path, content: Array(text.utf8))],
                              subject: "desk: merge desk files with desk merge-driver", ticket: nil, action: "hooks", actor: actor)
            }.commit
        } catch is NothingToDo {
            return nil
        }
    }

    private struct NothingToDo: Error {}

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
