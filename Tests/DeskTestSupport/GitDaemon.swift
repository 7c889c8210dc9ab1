import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real `git daemon` on 127.0.0.1, serving the bare repositories under one folder over `git://`,
/// pushes included (`--enable=receive-pack`).
///
///     let daemon = try GitDaemon(serving: base)
///     defer { daemon.stop() }
///     try daemon.createBareRepository(named: "team.git")
///     let url = daemon.url(for: "team.git")          // git://127.0.0.1:PORT/team.git
///
/// It listens on a free port it picks (and picks again when another process takes that port first),
/// and the initialiser returns only once the daemon accepts connections. `stop()` (also called from
/// `deinit`) ends the daemon and the per-connection processes it started, by process id only.
/// The daemon runs with an isolated environment (no git config of the machine or the user).
public final class GitDaemon: @unchecked Sendable {
    /// The folder whose bare repositories are served (`--base-path`).
    public let basePath: URL
    /// The port the daemon listens on, on 127.0.0.1.
    public let port: Int
    private let server: ServerProcess

    /// Starts `git daemon` for `basePath`. `extraArguments` go before the base path
    /// (for example `--timeout=5`). Throws `HarnessError` when it cannot start.
    public init(serving basePath: URL, extraArguments: [String] = [], startupTimeout: TimeInterval = 15) throws {
        self.basePath = basePath.standardizedFileURL
        try FileManager.default.createDirectory(at: self.basePath, withIntermediateDirectories: true)
        let daemon = try Self.gitDaemonExecutable()
        let runFolder = try ServerProcess.makeRunFolder(prefix: "desk-gitdaemon-")
        let environment = TestEnvironment.isolated(home: runFolder.appendingPathComponent("home", isDirectory: true))
        try FileManager.default.createDirectory(at: runFolder.appendingPathComponent("home"), withIntermediateDirectories: true)
        let base = self.basePath.path
        server = try ServerProcess.start(
            name: "git daemon", runFolder: runFolder, timeout: startupTimeout,
            readyMarker: { _ in "Ready to rumble" },
            bindFailureMarkers: ["unable to allocate any listen sockets", "Could not bind"]
        ) { port in
            let arguments = [
                "--verbose",                  // logs "Ready to rumble" once it listens, and each request
                "--informative-errors",       // "no such repository: /x.git" rather than "access denied"
                "--listen=127.0.0.1", "--port=\(port)", "--reuseaddr",
                "--base-path=\(base)", "--export-all", "--enable=receive-pack",
                "--pid-file=\(runFolder.appendingPathComponent("git-daemon.pid").path)",
            ] + extraArguments + [base]
            return (daemon, arguments, environment)
        }
        port = server.port
    }

    deinit { stop() }

    /// `git://127.0.0.1:PORT/NAME`, for a repository `NAME` under the base path (`"team.git"`).
    public func url(for bareRepoName: String) -> String {
        let name = bareRepoName.hasPrefix("/") ? String(bareRepoName.dropFirst()) : bareRepoName
        return "git://127.0.0.1:\(port)/\(name)"
    }

    /// Creates an empty bare repository `name` under the base path with HEAD on `initialBranch`.
    @discardableResult
    public func createBareRepository(named name: String, initialBranch: String = "main") throws -> URL {
        let repository = basePath.appendingPathComponent(name, isDirectory: true)
        let result = try git(["init", "--quiet", "--bare", "--initial-branch=\(initialBranch)", repository.path],
                             in: basePath)
        guard result.succeeded else { throw HarnessError("git init --bare failed:\n\(result)") }
        return repository
    }

    /// The process id of the daemon (the listener; each connection is served by a child of it).
    public var processIdentifier: Int32 { server.processIdentifier }

    /// What the daemon has written to stderr so far (one line per request with `--verbose`).
    public var log: String { server.log }

    /// Whether the daemon is still running.
    public var isRunning: Bool { server.isRunning }

    /// The processes the daemon started and that still run (one `git-daemon --serve` per open
    /// connection, and the upload-pack, receive-pack or hook under it). Linux only (reads /proc).
    public var childProcessIdentifiers: [Int32] { ServerProcess.descendants(of: server.processIdentifier).map(\.pid) }

    /// Stops the daemon and the processes it started for connections still open. Idempotent.
    public func stop() { server.stop() }

    /// `git-daemon` itself rather than the `git` wrapper, so the pid we hold is the daemon's
    /// (`git daemon` runs `git-daemon` as a child, which a SIGKILL of the wrapper would orphan).
    private static func gitDaemonExecutable() throws -> URL {
        let gitTool = try DeskProcess.tool("git")
        let result = try DeskProcess.run(gitTool, ["--exec-path"], environment: ["PATH": "/usr/bin:/bin"])
        let candidate = URL(fileURLWithPath: result.trimmedStdout).appendingPathComponent("git-daemon")
        guard result.succeeded, FileManager.default.isExecutableFile(atPath: candidate.path) else {
            throw HarnessError("cannot find git-daemon (git --exec-path gave \(result.trimmedStdout.debugDescription))")
        }
        return candidate
    }
}

/// Ports on 127.0.0.1.
public enum Loopback {
    /// A port that was free a moment ago (bound with port 0, then released).
    public static func freePort() throws -> Int { try ServerProcess.freeLoopbackPort() }

    /// Whether something accepts a TCP connection on 127.0.0.1:`port` right now.
    public static func acceptsConnections(on port: Int) -> Bool { ServerProcess.canConnect(port: port) }
}

// MARK: - A background server process

/// A long-running server started for a test: output to a log file (never a pipe, which the server's
/// children would hold open), a port picked freshly, readiness read from the log and confirmed by
/// connecting, and a stop that signals only this process and its descendants, by process id.
///
/// Started with `posix_spawn` and reaped here with `waitpid(pid, WNOHANG)`, not with Foundation's
/// `Process`: that one learns of a child's exit from a socket the child inherits, and sshd and
/// ssh-agent close every inherited descriptor at start-up, so `Process` would take them for exited
/// and block its one monitoring thread in `waitpid` until they really exit, stalling every other
/// subprocess of the test run.
final class ServerProcess: @unchecked Sendable {
    let name: String
    let port: Int
    let runFolder: URL
    let logFile: URL
    /// Whether `stop()` deletes `runFolder` (not when the folder belongs to someone else).
    let ownsRunFolder: Bool
    let processIdentifier: Int32
    private let lock = NSLock()
    private var stopped = false
    private var exitStatus: Int32?

    private init(name: String, port: Int, runFolder: URL, logFile: URL, ownsRunFolder: Bool, pid: Int32) {
        self.name = name
        self.port = port
        self.runFolder = runFolder
        self.logFile = logFile
        self.ownsRunFolder = ownsRunFolder
        self.processIdentifier = pid
    }

    deinit { stop() }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Whether the process still runs (reaping it, without blocking, once it has ended).
    var isRunning: Bool {
        lock.withLock {
            if exitStatus != nil { return false }
            var status: Int32 = 0
            let result = waitpid(processIdentifier, &status, WNOHANG)
            if result == 0 { return true }
            exitStatus = result == processIdentifier ? status : -1
            return false
        }
    }

    /// How the process ended, for messages ("exit 255", "signal 9").
    var howItEnded: String {
        guard !isRunning, let status = lock.withLock({ exitStatus }) else { return "still running" }
        if status == -1 { return "ended (status unknown)" }
        let signal = status & 0x7F
        return signal == 0 ? "exit \((status >> 8) & 0xFF)" : "signal \(signal)"
    }

    /// A fresh folder under the temporary directory for a server's files (removed by `stop()`
    /// unless `DESK_E2E_KEEP` is set).
    static func makeRunFolder(prefix: String) throws -> URL {
        let temp = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath()
        let folder = temp.appendingPathComponent(prefix + UUID().uuidString.prefix(8).lowercased(), isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Starts the command `launch(port)` describes on a free port and waits until the log shows
    /// `readyMarker(port)` and the port accepts a connection. When the process exits with one of
    /// `bindFailureMarkers` in its log (another process took the port), tries another port.
    /// On failure the run folder is removed (unless `DESK_E2E_KEEP`) and the log is in the error.
    static func start(
        name: String, runFolder: URL, timeout: TimeInterval, attempts: Int = 5,
        readyMarker: (Int) -> String, bindFailureMarkers: [String],
        launch: (Int) throws -> (URL, [String], [String: String])
    ) throws -> ServerProcess {
        var lastLog = ""
        for attempt in 1...attempts {
            let server: ServerProcess
            let commandLine: String
            do {
                let port = try freeLoopbackPort()
                let (executable, arguments, environment) = try launch(port)
                commandLine = ([executable.path] + arguments).joined(separator: " ")
                server = try Self.launch(name: name, executable: executable, arguments: arguments,
                                         environment: environment, runFolder: runFolder,
                                         logName: "server-\(attempt).log", port: port)
            } catch {
                removeUnlessKept(runFolder)
                throw error
            }
            let marker = readyMarker(server.port)
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if !server.isRunning { break }
                if server.log.contains(marker), canConnect(port: server.port) { return server }
                usleep(20_000)
            }
            lastLog = server.log
            let exited = !server.isRunning
            let how = exited ? "ended (\(server.howItEnded))" : "did not accept connections within \(timeout) s"
            server.stop(removeRunFolder: false)
            if exited, bindFailureMarkers.contains(where: { lastLog.contains($0) }) { continue }
            removeUnlessKept(runFolder)
            throw HarnessError("\(name) on 127.0.0.1:\(server.port) \(how):\n$ \(commandLine)\n\(lastLog)")
        }
        removeUnlessKept(runFolder)
        throw HarnessError("\(name) could not bind a port in \(attempts) attempts:\n\(lastLog)")
    }

    /// Spawns `executable` with stdin from /dev/null, stdout and stderr appended to
    /// `runFolder/logName`, no other descriptor of the test process, default signal handling.
    static func launch(name: String, executable: URL, arguments: [String], environment: [String: String],
                       runFolder: URL, logName: String, port: Int, ownsRunFolder: Bool = true) throws -> ServerProcess {
        let logFile = runFolder.appendingPathComponent(logName)
        let logFD = open(logFile.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard logFD >= 0 else { throw HarnessError("cannot open \(logFile.path): \(String(cString: strerror(errno)))") }
        defer { close(logFD) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, logFD, 1)
        posix_spawn_file_actions_adddup2(&actions, logFD, 2)
        // Close everything else the test process has open (pipes of other subprocesses included);
        // glibc ignores descriptors that turn out not to be open.
        for fd in 3...max(3, highestOpenDescriptor()) { posix_spawn_file_actions_addclose(&actions, fd) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw HarnessError("cannot run \(executable.path): \(String(cString: strerror(result)))")
        }
        return ServerProcess(name: name, port: port, runFolder: runFolder, logFile: logFile,
                             ownsRunFolder: ownsRunFolder, pid: pid)
    }

    private static func highestOpenDescriptor() -> Int32 {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return entries.compactMap { Int32($0) }.max() ?? 1023
    }

    /// Stops the server: SIGTERM to it and to its descendants (found through /proc before it dies,
    /// while they are still its children), SIGKILL to any left after a few seconds. Then deletes
    /// the run folder if it owns it.
    func stop() { stop(removeRunFolder: ownsRunFolder) }

    func stop(removeRunFolder: Bool) {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        if isRunning {
            // Until it is reaped (below, by isRunning), the id cannot go to another process.
            let pid = processIdentifier
            let descendants = Self.descendants(of: pid)
            _ = kill(pid, SIGTERM)
            for child in descendants { child.signal(SIGTERM) }
            var deadline = Date().addingTimeInterval(5)
            while isRunning, Date() < deadline { usleep(10_000) }
            if isRunning {
                for child in Self.descendants(of: pid) + descendants { child.signal(SIGKILL) }
                _ = kill(pid, SIGKILL)
                deadline = Date().addingTimeInterval(5)
                while isRunning, Date() < deadline { usleep(10_000) }
            } else {
                // Descendants that ignored SIGTERM: their parent is gone, but their ids (and start
                // times, so a reused id is never hit) were collected above.
                usleep(50_000)
                for child in descendants { child.signal(SIGKILL) }
            }
        }
        if removeRunFolder { Self.removeUnlessKept(runFolder) }
    }

    /// Deletes `folder` unless `DESK_E2E_KEEP` is set (then prints where it is).
    static func removeUnlessKept(_ folder: URL) {
        if let keep = ProcessInfo.processInfo.environment["DESK_E2E_KEEP"], !keep.isEmpty {
            print("DESK_E2E_KEEP: kept \(folder.path)")
        } else {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    // MARK: Processes

    /// A process found in /proc: its id and start time (so a signal never reaches a later process
    /// that happens to get the same id).
    struct ProcessRef {
        let pid: Int32
        let startTime: Substring

        /// Sends `signal` if the process with this id is still the one found earlier.
        func signal(_ signal: Int32) {
            guard let now = ServerProcess.procStat(of: pid), now.startTime == startTime else { return }
            _ = kill(pid, signal)
        }
    }

    /// The processes whose parent chain leads to `root`, read from /proc (none where there is no /proc).
    static func descendants(of root: Int32) -> [ProcessRef] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var children: [Int32: [ProcessRef]] = [:]
        for entry in entries {
            guard let pid = Int32(entry), let info = procStat(of: pid) else { continue }
            children[info.parent, default: []].append(ProcessRef(pid: pid, startTime: info.startTime))
        }
        var found: [ProcessRef] = []
        var queue = children[root] ?? []
        while let next = queue.popLast() {
            found.append(next)
            queue.append(contentsOf: children[next.pid] ?? [])
        }
        return found
    }

    /// Parent id and start time from /proc/PID/stat ("pid (comm) state ppid … starttime …"; comm may
    /// hold spaces and parentheses, so fields are counted from the last ")").
    static func procStat(of pid: Int32) -> (parent: Int32, startTime: Substring)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let commandEnd = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: commandEnd)...].split(separator: " ")
        // fields[0] is the state, [1] the parent, [19] the start time (field 22 of proc(5)).
        guard fields.count > 19, let parent = Int32(fields[1]) else { return nil }
        return (parent, fields[19])
    }

    // MARK: Sockets

    /// A port on 127.0.0.1 that was free a moment ago (bound with port 0, then released).
    static func freeLoopbackPort() throws -> Int {
        let fd = makeTCPSocket()
        guard fd >= 0 else { throw HarnessError("socket() failed: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = loopbackAddress(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw HarnessError("bind(127.0.0.1:0) failed: \(String(cString: strerror(errno)))") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw HarnessError("getsockname failed: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts a TCP connection on 127.0.0.1:`port`.
    static func canConnect(port: Int) -> Bool {
        let fd = makeTCPSocket()
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopbackAddress(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return connected == 0
    }

    private static func makeTCPSocket() -> Int32 {
        #if canImport(Glibc)
        return socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        return socket(AF_INET, SOCK_STREAM, 0)
        #endif
    }

    private static func loopbackAddress(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
