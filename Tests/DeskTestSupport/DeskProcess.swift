import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished subprocess left behind: its output, and how it ended.
public struct CommandResult: Sendable, CustomStringConvertible {
    public let arguments: [String]
    public let stdoutData: Data
    public let stderrData: Data
    /// The exit status, or the signal number when `signaled`.
    public let exitCode: Int32
    /// True when the process was ended by a signal (`kill -9`) rather than exiting.
    public let signaled: Bool

    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    public var stderr: String { String(decoding: stderrData, as: UTF8.self) }
    public var succeeded: Bool { exitCode == 0 && !signaled }

    /// Stdout without the trailing newline (handy for `desk new`, which prints one id).
    public var trimmedStdout: String { stdout.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Everything a failing assertion should show.
    public var description: String {
        let how = signaled ? "killed by signal \(exitCode)" : "exit \(exitCode)"
        return "$ \(arguments.joined(separator: " "))\n→ \(how)\n--- stdout ---\n\(stdout)\n--- stderr ---\n\(stderr)"
    }
}

/// Errors of the harness itself (not of the program under test).
public struct HarnessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A subprocess that is running; `wait()` collects its output.
///
/// Stdout and stderr are drained on their own threads from the moment the process starts,
/// so a child that writes more than a pipe buffer never blocks on a parent that is waiting.
public final class RunningProcess: @unchecked Sendable {
    private let process: Process
    private let arguments: [String]
    private let drained = DispatchGroup()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    init(executable: URL, arguments: [String], environment: [String: String], stdin: Data?, cwd: URL?) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        if let cwd { process.currentDirectoryURL = cwd }
        self.arguments = [executable.lastPathComponent] + arguments

        let outPipe = Pipe()
        let errPipe = Pipe()
        let inPipe: Pipe? = stdin == nil ? nil : Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        // Never inherit the test runner's stdin: a `desk … -` must see EOF, not hang.
        process.standardInput = inPipe ?? FileHandle.nullDevice

        try process.run()

        let queue = DispatchQueue.global(qos: .userInitiated)
        drained.enter()
        queue.async { [self] in
            let data = outPipe.fileHandleForReading.readDataToEndOfFile()
            lock.withLock { out = data }
            drained.leave()
        }
        drained.enter()
        queue.async { [self] in
            let data = errPipe.fileHandleForReading.readDataToEndOfFile()
            lock.withLock { err = data }
            drained.leave()
        }
        if let inPipe, let stdin {
            drained.enter()
            queue.async { [drained] in
                let handle = inPipe.fileHandleForWriting
                // A child that exits without reading gives EPIPE; SIGPIPE is ignored below.
                try? handle.write(contentsOf: stdin)
                try? handle.close()
                drained.leave()
            }
        }
    }

    public var processIdentifier: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    /// Sends `signal` (default SIGKILL) if the process is still running. Returns whether it was sent.
    @discardableResult
    public func kill(_ signal: Int32 = SIGKILL) -> Bool {
        guard process.isRunning else { return false }
        #if canImport(Glibc)
        return Glibc.kill(process.processIdentifier, signal) == 0
        #else
        return Darwin.kill(process.processIdentifier, signal) == 0
        #endif
    }

    /// Waits for the process to end and for its output to be read completely.
    public func wait() -> CommandResult {
        process.waitUntilExit()
        drained.wait()
        let signaled = process.terminationReason == .uncaughtSignal
        return lock.withLock {
            CommandResult(arguments: arguments, stdoutData: out, stderrData: err,
                          exitCode: process.terminationStatus, signaled: signaled)
        }
    }
}

/// Runs programs (the built `desk`, `git`, `bash`) as subprocesses.
public enum DeskProcess {
    private static let ignoreSIGPIPE: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    /// Starts `executable` and returns at once.
    public static func start(_ executable: URL, _ arguments: [String], environment: [String: String],
                             stdin: Data? = nil, cwd: URL? = nil) throws -> RunningProcess {
        _ = ignoreSIGPIPE
        return try RunningProcess(executable: executable, arguments: arguments, environment: environment,
                                  stdin: stdin, cwd: cwd)
    }

    /// Runs `executable` to the end.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String],
                           stdin: Data? = nil, cwd: URL? = nil) throws -> CommandResult {
        try start(executable, arguments, environment: environment, stdin: stdin, cwd: cwd).wait()
    }

    /// Runs the built `desk` with `args`.
    public static func run(_ args: [String], env: [String: String], stdin: String? = nil,
                           cwd: URL? = nil) throws -> CommandResult {
        try run(try binary(), args, environment: env, stdin: stdin.map { Data($0.utf8) }, cwd: cwd)
    }

    /// The `desk` executable under test: `$DESK_BIN`, else the `desk` built next to this test bundle.
    public static func binary() throws -> URL {
        try cachedBinary.get()
    }

    private static let cachedBinary: Result<URL, HarnessError> = {
        let fm = FileManager.default
        if let path = ProcessInfo.processInfo.environment["DESK_BIN"], !path.isEmpty {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            guard fm.isExecutableFile(atPath: url.path) else {
                return .failure(HarnessError("DESK_BIN=\(path) is not an executable file"))
            }
            return .success(url)
        }
        // On Linux the test runner is an executable in .build/<config>/; on macOS a bundle there.
        var starts = [Bundle.main.bundleURL, Bundle.main.executableURL].compactMap { $0 }
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]))
        starts.append(contentsOf: Bundle.allBundles.map(\.bundleURL))
        for start in starts {
            var folder = start.standardizedFileURL.resolvingSymlinksInPath()
            for _ in 0..<6 {
                let candidate = folder.appendingPathComponent("desk")
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   fm.isExecutableFile(atPath: candidate.path) {
                    return .success(candidate)
                }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return .failure(HarnessError(
            "cannot find the built `desk` next to the test bundle (\(starts.map(\.path))); " +
            "run `swift build --build-tests` first or set DESK_BIN"))
    }()

    /// A program on PATH, such as `git` or `bash`.
    public static func tool(_ name: String) throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw HarnessError("`\(name)` is not on PATH (\(path))")
    }
}
