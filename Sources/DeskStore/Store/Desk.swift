import Foundation

/// An open desk: a git repository with a working tree and a `desk.yml` at its root.
public final class Desk: @unchecked Sendable {
    public let repository: Repository
    /// The working tree root, without a trailing slash.
    public let root: String
    /// `.git/desk`: derived data (query index, locks, journal); never committed.
    public let stateDirectory: String
    public let config: DeskConfig
    /// Where warnings go (stderr in the CLI).
    public var warn: (String) -> Void = { _ in }

    init(repository: Repository, config: DeskConfig) throws {
        self.repository = repository
        guard let workdir = repository.workdir else {
            throw DeskError.invalidInput("\(repository.gitdir) is a bare repository; desk needs a working tree (use `desk clone`)")
        }
        root = workdir.hasSuffix("/") ? String(workdir.dropLast()) : workdir
        stateDirectory = repository.gitdir + "desk"
        self.config = config
        try AtomicFile.makeDirectories(stateDirectory)
        GitRuntime.setFsync(config.fsync)
    }

    /// Opens the desk at or above `path`, like git finds its repository.
    ///
    /// The configuration is `desk.yml` as committed at HEAD, like the tickets, so every rule in
    /// force is in history; an uncommitted edit of it only earns a warning.
    /// `proposingConfig`: the caller reads the working tree's `desk.yml` on purpose (`desk policy
    /// check`), so an uncommitted edit of it is no cause for a warning.
    public static func open(at path: String, proposingConfig: Bool = false, warn: @escaping (String) -> Void = { _ in }) throws -> Desk {
        let repository: Repository
        do {
            repository = try Repository.discover(from: path)
        } catch let error as GitError where error.code == .notFound {
            throw DeskError.notADesk(path: path)
        } catch let error as GitError {
            throw DeskError.git(error, context: "cannot open the repository at \(path)")
        }
        guard let workdir = repository.workdir else {
            throw DeskError.invalidInput("\(repository.gitdir) is a bare repository; desk needs a working tree")
        }
        let working = AtomicFile.read(workdir + DeskConfigCodec.fileName)
        let committed = try? repository.headCommitID().flatMap { head -> [UInt8]? in
            let tree = try repository.commit(head).tree
            return try repository.treeEntry(tree, path: DeskConfigCodec.fileName).map { try repository.readBlob($0.id) }
        }
        guard let bytes = committed ?? working else { throw DeskError.notADesk(path: path) }
        if !proposingConfig, let committed, let working, committed != working {
            warn("desk.yml has uncommitted changes; desk follows the committed version until you commit them")
        }
        let config = try ConfigCache.load(bytes, stateDirectory: repository.gitdir + "desk") {
            do {
                return try DeskConfigCodec.decode(bytes)
            } catch let error as FormatError {
                throw DeskError.invalidFile(error)
            }
        }
        let desk = try Desk(repository: repository, config: config)
        desk.warn = warn
        return desk
    }

    /// Makes `path` a desk: repository (unless one is there), `desk.yml`, folders, `.gitattributes`
    /// naming desk's merge driver, and a first commit; with `mergeDriverExecutable`, the
    /// repository's config points git at that driver (`merge.desk.driver`).
    public static func initialize(at path: String, environment: [String: String],
                                  mergeDriverExecutable: String? = nil) throws -> Desk {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw DeskError.invalidInput("\(absolute) is a file, not a folder; give a new or existing folder for the desk")
        }
        if FileManager.default.fileExists(atPath: absolute + "/" + DeskConfigCodec.fileName) {
            throw DeskError.alreadyADesk(path: absolute)
        }
        let repository: Repository
        do {
            if FileManager.default.fileExists(atPath: absolute + "/.git") {
                repository = try Repository.open(at: absolute)
            } else {
                repository = try Repository.initialize(at: absolute)
            }
        } catch let error as GitError {
            throw DeskError.git(error, context: "cannot create a repository at \(absolute)")
        }
        let name = URL(fileURLWithPath: absolute).lastPathComponent
        let desk = try Desk(repository: repository, config: .standard)
        let actor: Actor
        do {
            actor = try Actor.resolve(environment: environment, repository: repository)
        } catch DeskError.noIdentity {
            actor = Actor(handle: "desk", email: "desk@desk.invalid")
        }
        let files: [FileChange] = [
            FileChange(path: DeskConfigCodec.fileName, content: Array(DeskConfigCodec.defaultFile(name: name).utf8)),
            FileChange(path: "tickets/README.md", content: Array(DeskLayout.ticketsReadme.utf8)),
            FileChange(path: "kb/README.md", content: Array(DeskLayout.kbReadme.utf8)),
            FileChange(path: "assets/README.md", content: Array(DeskLayout.assetsReadme.utf8)),
            FileChange(path: ".gitattributes", content: Array((GitHooks.attributes.joined(separator: "\n") + "\n").utf8)),
        ]
        try desk.commit(Change(files: files, subject: "desk: init", ticket: nil, action: "init", actor: actor))
        if let mergeDriverExecutable {
            _ = try GitHooks.installMergeDriver(repository, executable: mergeDriverExecutable)
        }
        return desk
    }

    func absolutePath(_ relative: String) -> String { root + "/" + relative }
}

/// The person or script acting: `DESK_USER`, else the git identity.
public struct Actor: Sendable, Equatable {
    public var handle: String
    public var email: String

    public init(handle: String, email: String) {
        self.handle = handle
        self.email = email
    }

    /// Resolves who is acting from the environment and the repository's git config.
    public static func resolve(environment: [String: String], repository: Repository?) throws -> Actor {
        let actor = try find(environment: environment, repository: repository)
        // The actor becomes a commit's author line: a line break or `<>` there corrupts the commit
        // (git fsck: badEmail) and every later read of history fails.
        for (field, value) in [("DESK_USER (or user.name)", actor.handle), ("DESK_EMAIL (or user.email)", actor.email)]
        where value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || "<>\u{85}\u{2028}\u{2029}".unicodeScalars.contains($0) }) {
            throw DeskError.invalidValue(field: field, value: value, expected: "one line without control characters, `<` or `>`")
        }
        return actor
    }

    private static func find(environment: [String: String], repository: Repository?) throws -> Actor {
        let configName = repository?.configString("user.name")
        let configEmail = repository?.configString("user.email")
        if let user = environment["DESK_USER"]?.trimmingCharacters(in: .whitespaces), !user.isEmpty {
            // git's e-mail belongs to git's user; it is used for DESK_USER only when they are the same person.
            let sameAsGit = configName.map { $0.caseInsensitiveCompare(user) == .orderedSame } ?? false
            let email = environment["DESK_EMAIL"] ?? (sameAsGit ? configEmail : nil) ?? "\(user)@desk.invalid"
            return Actor(handle: user, email: email)
        }
        if let name = configName ?? environment["GIT_AUTHOR_NAME"], !name.isEmpty {
            return Actor(handle: name, email: configEmail ?? environment["GIT_AUTHOR_EMAIL"] ?? "\(name)@desk.invalid")
        }
        throw DeskError.noIdentity
    }
}

/// Texts of the README files `desk init` puts in each folder, so the layout explains itself.
enum DeskLayout {
    static let ticketsReadme = """
    # Tickets

    One Markdown file per ticket, in `tickets/<shard>/<ID>.md`, where the shard is the first
    two characters after `T-`. Use `desk new`, `desk assign`, … to change them; hand edits are
    fine too: commit them with git and desk picks them up.

    """
    static let kbReadme = """
    # Knowledge base

    One Markdown file per knowledge article: `kb/<ID>.md`.

    """
    static let assetsReadme = """
    # Assets

    Devices known to the desk, one Markdown file each.

    """
}
