import DeskTestSupport
import Foundation
import XCTest

/// The servers the sync tests push to: a real `git daemon` and a real sshd on 127.0.0.1, exercised
/// with plain git (clone, commit, push, fetch back), and stopped without leaving processes behind.
final class TestServersTests: XCTestCase {
    private var scratch: URL!  // swiftlint:disable:this implicitly_unwrapped_optional

    override func setUpWithError() throws {
        try super.setUpWithError()
        let temp = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath()
        scratch = temp.appendingPathComponent("desk-servers-" + UUID().uuidString.prefix(8).lowercased(), isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let scratch, (ProcessInfo.processInfo.environment["DESK_E2E_KEEP"] ?? "").isEmpty {
            try? FileManager.default.removeItem(at: scratch)
        }
        try super.tearDownWithError()
    }

    // MARK: git daemon

    func testGitDaemonServesCloneCommitPushAndFetch() throws {
        let daemon = try GitDaemon(serving: scratch.appendingPathComponent("served"))
        defer { daemon.stop() }
        let bare = try daemon.createBareRepository(named: "team.git")
        let url = daemon.url(for: "team.git")
        XCTAssertEqual(url, "git://127.0.0.1:\(daemon.port)/team.git")

        let env = plainGitEnvironment()
        try roundTrip(url: url, bare: bare, env: env)
        assertContains(daemon.log, "Request receive-pack for '/team.git'")
    }

    func testGitDaemonStopEndsItsProcessesAndFreesThePort() throws {
        let daemon = try GitDaemon(serving: scratch.appendingPathComponent("served"))
        try daemon.createBareRepository(named: "team.git")
        let other = try GitDaemon(serving: scratch.appendingPathComponent("served"))
        defer { other.stop() }
        XCTAssertNotEqual(daemon.port, other.port, "two daemons at once get ports of their own")

        let pid = daemon.processIdentifier
        let children = try holdConnectionOpen(port: daemon.port) { daemon.childProcessIdentifiers }
        daemon.stop()
        XCTAssertFalse(daemon.isRunning)
        XCTAssertFalse(processExists(pid), "git daemon \(pid) still runs after stop()")
        for child in children { XCTAssertFalse(processExists(child), "git daemon's child \(child) still runs after stop()") }
        XCTAssertFalse(Loopback.acceptsConnections(on: daemon.port), "port \(daemon.port) still accepts connections")
        daemon.stop()  // idempotent

        let ls = try DeskProcess.run(try DeskProcess.tool("git"), ["ls-remote", other.url(for: "team.git")],
                                     environment: plainGitEnvironment())
        assertSuccess(ls, "the other daemon keeps serving")
    }

    // MARK: sshd

    func testSSHServerServesCloneCommitPushAndFetch() throws {
        let ssh = try startSSHServer()
        defer { ssh.stop() }
        let bare = scratch.appendingPathComponent("team.git")
        assertSuccess(try runGit(["init", "--quiet", "--bare", "--initial-branch=main", bare.path], in: scratch,
                                 env: plainGitEnvironment()))
        let url = ssh.url(for: bare)
        XCTAssertEqual(url, "ssh://\(ssh.user)@127.0.0.1:\(ssh.port)\(bare.path)")

        let knownHosts = try String(contentsOf: ssh.knownHosts, encoding: .utf8)
        XCTAssertTrue(knownHosts.hasPrefix("[127.0.0.1]:\(ssh.port) ssh-ed25519 "), knownHosts)
        XCTAssertEqual(ssh.privateKey.deletingLastPathComponent().path,
                       ssh.home.appendingPathComponent(".ssh").path)

        try roundTrip(url: url, bare: bare, env: ssh.clientEnvironment)
        assertContains(ssh.log, "Accepted publickey for \(ssh.user)")
    }

    func testSSHServerWorksWithEveryKeyType() throws {
        for type in SSHServer.KeyType.allCases {
            let ssh: SSHServer
            do {
                ssh = try SSHServer(hostKeyType: type, clientKeyType: type)
            } catch let error as SSHServerUnavailable {
                if SSHServer.isRequired { throw error }
                throw XCTSkip(error.description)
            }
            defer { ssh.stop() }
            let bare = scratch.appendingPathComponent("\(type.rawValue).git")
            assertSuccess(try runGit(["init", "--quiet", "--bare", bare.path], in: scratch, env: plainGitEnvironment()))
            XCTAssertEqual(ssh.privateKey.lastPathComponent, "id_\(type.rawValue)")
            assertContains(try String(contentsOf: ssh.knownHosts, encoding: .utf8), "[127.0.0.1]:\(ssh.port) ")
            assertSuccess(try runGit(["ls-remote", ssh.url(for: bare)], in: scratch, env: ssh.clientEnvironment),
                          "\(type) keys")
        }
    }

    func testSSHServerThatCannotRunSaysWhy() {
        XCTAssertThrowsError(try SSHServer(sshd: "/nonexistent/sbin/sshd")) { error in
            XCTAssertTrue(error is SSHServerUnavailable, "\(error)")
            assertContains("\(error)", "/nonexistent/sbin/sshd is not installed")
        }
    }

    func testSSHServerRefusesKeysItDoesNotKnowAndHostsThatAreNotKnown() throws {
        let ssh = try startSSHServer()
        defer { ssh.stop() }
        let bare = scratch.appendingPathComponent("team.git")
        assertSuccess(try runGit(["init", "--quiet", "--bare", bare.path], in: scratch, env: plainGitEnvironment()))

        // Another key: refused until authorized.
        let stranger = try ssh.makeKeyPair(named: "stranger")
        var env = ssh.clientEnvironment
        env["GIT_SSH_COMMAND"] = ssh.sshCommand.replacingOccurrences(of: ssh.privateKey.path, with: stranger.privateKey.path)
        let refused = try runGit(["ls-remote", ssh.url(for: bare)], in: scratch, env: env)
        XCTAssertFalse(refused.succeeded, "\(refused)")
        assertContains(refused.stderr, "Permission denied (publickey)")

        try ssh.authorize(publicKey: try String(contentsOf: stranger.publicKey, encoding: .utf8))
        assertSuccess(try runGit(["ls-remote", ssh.url(for: bare)], in: scratch, env: env))

        // An empty known_hosts: strict host checking refuses the server.
        let emptyKnownHosts = scratch.appendingPathComponent("empty_known_hosts")
        try Data().write(to: emptyKnownHosts)
        env = ssh.clientEnvironment
        env["GIT_SSH_COMMAND"] = ssh.sshCommand.replacingOccurrences(of: ssh.knownHosts.path, with: emptyKnownHosts.path)
        let unknownHost = try runGit(["ls-remote", ssh.url(for: bare)], in: scratch, env: env)
        XCTAssertFalse(unknownHost.succeeded, "\(unknownHost)")
        assertContains(unknownHost.stderr, "Host key verification failed")
    }

    func testSSHAgentHoldsTheKey() throws {
        let ssh = try startSSHServer()
        defer { ssh.stop() }
        let bare = scratch.appendingPathComponent("team.git")
        assertSuccess(try runGit(["init", "--quiet", "--bare", bare.path], in: scratch, env: plainGitEnvironment()))
        let agent = try ssh.startAgent()
        defer { agent.stop() }

        // ssh with the agent only (no -i): fails while the agent is empty, works once it holds the key.
        var env = ssh.clientEnvironment.merging(agent.environment) { _, new in new }
        env["GIT_SSH_COMMAND"] = [
            "ssh", "-F", "/dev/null", "-o", "IdentityAgent=" + agent.socket.path,
            "-o", "UserKnownHostsFile=" + ssh.knownHosts.path, "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
        ].joined(separator: " ")
        let empty = try runGit(["ls-remote", ssh.url(for: bare)], in: scratch, env: env)
        XCTAssertFalse(empty.succeeded, "\(empty)")
        try agent.add(ssh.privateKey)
        assertSuccess(try runGit(["ls-remote", ssh.url(for: bare)], in: scratch, env: env))

        let pid = agent.processIdentifier
        agent.stop()
        XCTAssertFalse(processExists(pid), "ssh-agent \(pid) still runs after stop()")
    }

    func testSSHServerStopEndsItsProcessesAndRemovesItsFolder() throws {
        let ssh = try startSSHServer()
        let pid = ssh.processIdentifier
        let port = ssh.port
        let children = try holdConnectionOpen(port: port) { ssh.childProcessIdentifiers }
        ssh.stop()
        XCTAssertFalse(processExists(pid), "sshd \(pid) still runs after stop()")
        for child in children { XCTAssertFalse(processExists(child), "sshd's child \(child) still runs after stop()") }
        XCTAssertFalse(Loopback.acceptsConnections(on: port), "port \(port) still accepts connections after stop()")
        if (ProcessInfo.processInfo.environment["DESK_E2E_KEEP"] ?? "").isEmpty {
            XCTAssertFalse(FileManager.default.fileExists(atPath: ssh.folder.path))
        }
    }

    // MARK: Helpers

    /// An sshd, or a skip naming why there is none (a failure when DESK_E2E_REQUIRE_SSHD is set).
    private func startSSHServer() throws -> SSHServer {
        do {
            return try SSHServer()
        } catch let error as SSHServerUnavailable {
            if SSHServer.isRequired { throw error }
            throw XCTSkip(error.description)
        }
    }

    /// Clone twice, commit and push from each, fetch back, and check the bare repository and both
    /// clones agree on every step.
    private func roundTrip(url: String, bare: URL, env: [String: String], file: StaticString = #filePath,
                           line: UInt = #line) throws {
        let first = scratch.appendingPathComponent("first")
        let second = scratch.appendingPathComponent("second")
        assertSuccess(try runGit(["clone", "--quiet", url, first.path], in: scratch, env: env), file: file, line: line)
        assertSuccess(try runGit(["checkout", "--quiet", "-B", "main"], in: first, env: env), file: file, line: line)
        try Data("one\n".utf8).write(to: first.appendingPathComponent("ticket.md"))
        assertSuccess(try runGit(["add", "ticket.md"], in: first, env: env), file: file, line: line)
        assertSuccess(try runGit(["commit", "--quiet", "-m", "one"], in: first, env: env), file: file, line: line)
        assertSuccess(try runGit(["push", "--quiet", "origin", "main"], in: first, env: env), file: file, line: line)
        XCTAssertEqual(try output(["rev-parse", "refs/heads/main"], in: bare, env: env),
                       try output(["rev-parse", "HEAD"], in: first, env: env), "the push reached the server",
                       file: file, line: line)

        assertSuccess(try runGit(["clone", "--quiet", "--branch", "main", url, second.path], in: scratch, env: env),
                      file: file, line: line)
        XCTAssertEqual(try String(contentsOf: second.appendingPathComponent("ticket.md"), encoding: .utf8), "one\n",
                       file: file, line: line)
        try Data("two\n".utf8).write(to: second.appendingPathComponent("ticket.md"))
        assertSuccess(try runGit(["commit", "--quiet", "-am", "two"], in: second, env: env), file: file, line: line)
        assertSuccess(try runGit(["push", "--quiet", "origin", "main"], in: second, env: env), file: file, line: line)

        assertSuccess(try runGit(["fetch", "--quiet", "origin"], in: first, env: env), file: file, line: line)
        XCTAssertEqual(try output(["rev-parse", "origin/main"], in: first, env: env),
                       try output(["rev-parse", "HEAD"], in: second, env: env), "the fetch brought the other push back",
                       file: file, line: line)
        XCTAssertEqual(try output(["log", "--format=%s", "origin/main"], in: first, env: env), "two\none",
                       file: file, line: line)
    }

    private func plainGitEnvironment() -> [String: String] {
        let home = scratch.appendingPathComponent("home", isDirectory: true)
        try? FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return TestEnvironment.withGitIdentity(TestEnvironment.isolated(home: home))
    }

    private func runGit(_ args: [String], in directory: URL, env: [String: String]) throws -> CommandResult {
        try DeskProcess.run(try DeskProcess.tool("git"), args, environment: env, cwd: directory)
    }

    private func output(_ args: [String], in directory: URL, env: [String: String]) throws -> String {
        let result = try runGit(args, in: directory, env: env)
        guard result.succeeded else { throw HarnessError("git failed:\n\(result)") }
        return result.trimmedStdout
    }

    private func processExists(_ pid: Int32) -> Bool {
        // A zombie still has an entry; only a running (or stopped) process counts.
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return kill(pid, 0) == 0 }
        let state = stat[stat.index(after: end)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }

    /// Opens a TCP connection to `port` that sends nothing (bash's /dev/tcp, in a process this test
    /// starts and kills), waits until the server has started a process for it, and returns the
    /// server's child processes at that moment.
    private func holdConnectionOpen(port: Int, children: () -> [Int32]) throws -> [Int32] {
        let before = Set(children())
        let holder = try DeskProcess.start(try DeskProcess.tool("bash"),
                                           ["-c", "exec 3<>/dev/tcp/127.0.0.1/\(port) && exec sleep 60"],
                                           environment: plainGitEnvironment())
        addTeardownBlock { holder.kill() }
        let deadline = Date().addingTimeInterval(10)
        var now = children()
        while Set(now).subtracting(before).isEmpty, Date() < deadline {
            usleep(20_000)
            now = children()
        }
        XCTAssertFalse(Set(now).subtracting(before).isEmpty, "the server started no process for the connection")
        return now
    }
}
