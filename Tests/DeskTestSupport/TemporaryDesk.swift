import Foundation

/// A desk made by the built `desk init` in a fresh temporary folder, with its own `HOME`.
///
/// Every command runs with an environment built from scratch (no `DESK_DIR`, no git config of
/// the machine or the user), so tests see the same thing on every machine. Call `remove()`
/// when done (the E2E base test case does, in tearDown). Set `DESK_E2E_KEEP=1` to keep the
/// folders for a look afterwards; their paths are printed.
public final class TemporaryDesk: @unchecked Sendable {
    /// The temporary folder holding everything below.
    public let base: URL
    /// The desk's working tree (where `desk init` ran).
    public let root: URL
    /// `HOME` for every command run here: empty, so no personal git config leaks in.
    public let home: URL
    /// `DESK_USER` for desk commands.
    public let user: String
    /// What `desk init` printed.
    public private(set) var initResult: CommandResult?

    /// Creates the folders and, when `initialize`, runs `desk init` (failing loudly if it fails).
    public init(user: String = "alice", initialize: Bool = true) throws {
        let fm = FileManager.default
        let temp = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath()
        base = temp.appendingPathComponent("desk-e2e-" + UUID().uuidString.prefix(8).lowercased(), isDirectory: true)
        root = base.appendingPathComponent("desk", isDirectory: true)
        home = base.appendingPathComponent("home", isDirectory: true)
        self.user = user
        try fm.createDirectory(at: home, withIntermediateDirectories: true)
        if initialize {
            let result = try run("init", root.path)
            initResult = result
            guard result.succeeded else { throw HarnessError("desk init failed:\n\(result)") }
        }
    }

    /// Deletes the temporary folder (unless `DESK_E2E_KEEP` is set).
    public func remove() {
        if let keep = ProcessInfo.processInfo.environment["DESK_E2E_KEEP"], !keep.isEmpty {
            print("DESK_E2E_KEEP: kept \(base.path)")
            return
        }
        try? FileManager.default.removeItem(at: base)
    }

    // MARK: Environment

    /// The environment every desk command gets: PATH, a private HOME, no system git config, DESK_USER.
    public var environment: [String: String] {
        var env = TestEnvironment.isolated(home: home)
        env["DESK_USER"] = user
        return env
    }

    // MARK: Running desk

    /// Runs the built `desk` in the desk's root (or `cwd`). `env` adds to or overrides the
    /// environment; `unset` removes variables from it.
    @discardableResult
    public func run(_ args: String..., stdin: String? = nil, env: [String: String] = [:],
                    unset: Set<String> = [], cwd: URL? = nil) throws -> CommandResult {
        try run(arguments: args, stdin: stdin, env: env, unset: unset, cwd: cwd)
    }

    @discardableResult
    public func run(arguments: [String], stdin: String? = nil, env: [String: String] = [:],
                    unset: Set<String> = [], cwd: URL? = nil) throws -> CommandResult {
        try DeskProcess.run(try DeskProcess.binary(), arguments, environment: mergedEnvironment(env, unset),
                            stdin: stdin.map { Data($0.utf8) }, cwd: cwd ?? existingRoot)
    }

    /// Starts the built `desk` and returns at once (for concurrency and kill tests).
    public func start(arguments: [String], env: [String: String] = [:]) throws -> RunningProcess {
        try DeskProcess.start(try DeskProcess.binary(), arguments, environment: mergedEnvironment(env, []),
                              cwd: existingRoot)
    }

    /// Starts `bash -c script` in the desk with `desk` first on PATH (the binary under test).
    public func startShell(_ script: String, env: [String: String] = [:]) throws -> RunningProcess {
        var merged = mergedEnvironment(env, [])
        let binFolder = try DeskProcess.binary().deletingLastPathComponent().path
        merged["PATH"] = binFolder + ":" + (merged["PATH"] ?? "/usr/bin:/bin")
        merged["DESK_BIN"] = try DeskProcess.binary().path
        return try DeskProcess.start(try DeskProcess.tool("bash"), ["-c", script], environment: merged, cwd: existingRoot)
    }

    private var existingRoot: URL {
        FileManager.default.fileExists(atPath: root.path) ? root : base
    }

    private func mergedEnvironment(_ env: [String: String], _ unset: Set<String>) -> [String: String] {
        var merged = environment.merging(env) { _, new in new }
        for key in unset { merged[key] = nil }
        return merged
    }

    // MARK: Common desk calls

    /// `desk new TITLE ARGS…`; returns the id it printed. Throws when it fails.
    public func newTicket(_ title: String, _ args: String...) throws -> String {
        let result = try run(arguments: ["new", title] + args)
        let id = result.trimmedStdout
        guard result.succeeded, id.hasPrefix("T-"), !id.contains("\n") else {
            throw HarnessError("desk new did not print one id:\n\(result)")
        }
        return id
    }

    /// `desk show ID --json`, parsed.
    public func show(_ id: String) throws -> [String: Any] {
        let result = try run("show", id, "--json")
        guard result.succeeded else { throw HarnessError("desk show failed:\n\(result)") }
        return try JSON.object(result.stdout)
    }

    /// `desk list ARGS… --json`, parsed.
    public func list(_ args: String...) throws -> [[String: Any]] {
        let result = try run(arguments: ["list"] + args + ["--json"])
        guard result.succeeded else { throw HarnessError("desk list failed:\n\(result)") }
        return try JSON.array(result.stdout)
    }

    /// Ids from `desk list ARGS… --json`, in the order listed.
    public func listIDs(_ args: String...) throws -> [String] {
        let result = try run(arguments: ["list"] + args + ["--json"])
        guard result.succeeded else { throw HarnessError("desk list failed:\n\(result)") }
        return try JSON.array(result.stdout).map { $0["id"] as? String ?? "?" }
    }

    // MARK: git

    /// Runs the real `git` in the desk with a fixed identity (fine in tests: it inspects what desk wrote).
    @discardableResult
    public func git(_ args: String..., stdin: String? = nil) throws -> CommandResult {
        try git(arguments: args, stdin: stdin)
    }

    @discardableResult
    public func git(arguments: [String], stdin: String? = nil) throws -> CommandResult {
        try DeskTestSupport.git(arguments, in: existingRoot, home: home, stdin: stdin)
    }

    /// The output of a git command that must succeed, trimmed.
    public func gitOutput(_ args: String...) throws -> String {
        let result = try git(arguments: args)
        guard result.succeeded else { throw HarnessError("git failed:\n\(result)") }
        return result.trimmedStdout
    }

    /// The commit id HEAD points at.
    public func head() throws -> String { try gitOutput("rev-parse", "HEAD") }

    /// How many commits HEAD's history has.
    public func commitCount() throws -> Int { Int(try gitOutput("rev-list", "--count", "HEAD")) ?? -1 }

    // MARK: Files

    public func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    public func read(_ relativePath: String) throws -> Data { try Data(contentsOf: url(relativePath)) }

    public func write(_ relativePath: String, _ bytes: Data) throws {
        let target = url(relativePath)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: target)
    }

    public func write(_ relativePath: String, _ text: String) throws { try write(relativePath, Data(text.utf8)) }

    /// Writes a file and commits it with plain git (a hand edit, or what a `git pull` brings).
    public func commitByHand(_ relativePath: String, _ bytes: Data, message: String = "hand edit") throws {
        try write(relativePath, bytes)
        try commitByHand(message: message, paths: [relativePath])
    }

    public func commitByHand(_ relativePath: String, _ text: String, message: String = "hand edit") throws {
        try commitByHand(relativePath, Data(text.utf8), message: message)
    }

    /// `git add PATHS` + `git commit` with plain git.
    public func commitByHand(message: String, paths: [String]) throws {
        let add = try git(arguments: ["add", "--"] + paths)
        guard add.succeeded else { throw HarnessError("git add failed:\n\(add)") }
        let commit = try git("commit", "-q", "-m", message)
        guard commit.succeeded else { throw HarnessError("git commit failed:\n\(commit)") }
    }
}

/// The environment the tests give every subprocess: nothing from the machine's git setup.
public enum TestEnvironment {
    public static func isolated(home: URL) -> [String: String] {
        let parent = ProcessInfo.processInfo.environment
        var env: [String: String] = [:]
        env["PATH"] = parent["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        if let tmp = parent["TMPDIR"] { env["TMPDIR"] = tmp }
        env["HOME"] = home.path
        env["XDG_CONFIG_HOME"] = home.appendingPathComponent(".config").path
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["LC_ALL"] = "C.UTF-8"
        env["TZ"] = "UTC"
        env["NO_COLOR"] = "1"
        return env
    }

    /// Adds the fixed identity plain git commits are made with.
    public static func withGitIdentity(_ env: [String: String]) -> [String: String] {
        var env = env
        env["GIT_AUTHOR_NAME"] = "Hand Editor"
        env["GIT_AUTHOR_EMAIL"] = "hand@example.org"
        env["GIT_COMMITTER_NAME"] = "Hand Editor"
        env["GIT_COMMITTER_EMAIL"] = "hand@example.org"
        return env
    }
}

/// Runs the real `git` in `directory`, isolated from the machine's and the user's git config.
@discardableResult
public func git(_ args: [String], in directory: URL, home: URL? = nil, stdin: String? = nil) throws -> CommandResult {
    let home = home ?? FileManager.default.temporaryDirectory.appendingPathComponent("desk-e2e-git-home")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    let env = TestEnvironment.withGitIdentity(TestEnvironment.isolated(home: home))
    return try DeskProcess.run(try DeskProcess.tool("git"), args, environment: env,
                               stdin: stdin.map { Data($0.utf8) }, cwd: directory)
}
