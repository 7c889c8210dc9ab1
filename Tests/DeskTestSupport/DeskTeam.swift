import Foundation

/// A shared bare repository and several desks that sync through it, each with its own user,
/// `HOME` and folder: the first made by `desk init` and pushed, the others by `desk clone`.
public final class DeskTeam: @unchecked Sendable {
    /// The folder holding the bare repository (and the servers' files, if any).
    public let base: URL
    public let bare: URL
    public private(set) var desks: [TemporaryDesk] = []

    /// `url` maps the bare repository's path to the URL the desks use (a path, `file://`,
    /// `git://…`, `ssh://…`); by default the plain path.
    /// `folder`: where to put the bare repository (a server's base folder); by default a new
    /// temporary folder.
    public init(users: [String], in folder: URL? = nil, url: ((URL) -> String)? = nil, env: [String: String] = [:]) throws {
        let temp = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath()
        base = folder ?? temp.appendingPathComponent("desk-team-" + UUID().uuidString.prefix(8).lowercased(), isDirectory: true)
        bare = base.appendingPathComponent("shared.git", isDirectory: true)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let created = try git(["init", "-q", "--bare", "--initial-branch=main", bare.path], in: base)
        guard created.succeeded else { throw HarnessError("git init --bare failed:\n\(created)") }
        remoteURL = url?(bare) ?? bare.path
        for (i, user) in users.enumerated() {
            let desk = try TemporaryDesk(user: user, initialize: i == 0)
            desks.append(desk)
            if i == 0 {
                try desk.require(desk.run("remote", "add", "origin", remoteURL, env: env), "desk remote add")
                try desk.require(desk.run("sync", env: env), "the first push")
            } else {
                try desk.require(desk.run("clone", remoteURL, desk.root.path, env: env), "desk clone")
            }
        }
    }

    /// The URL the desks sync with.
    public let remoteURL: String

    public func remove() {
        desks.forEach { $0.remove() }
        if let keep = ProcessInfo.processInfo.environment["DESK_E2E_KEEP"], !keep.isEmpty {
            print("DESK_E2E_KEEP: kept \(base.path)")
            return
        }
        try? FileManager.default.removeItem(at: base)
    }

    /// The shared repository's `main`.
    public func remoteHead() throws -> String {
        let result = try git(["rev-parse", "main"], in: bare)
        guard result.succeeded else { throw HarnessError("git rev-parse in the bare repository failed:\n\(result)") }
        return result.trimmedStdout
    }
}

extension TemporaryDesk {
    /// Throws with the whole result when a command that has to work did not.
    @discardableResult
    public func require(_ result: CommandResult, _ what: String) throws -> CommandResult {
        guard result.succeeded else { throw HarnessError("\(what) failed:\n\(result)") }
        return result
    }
}
