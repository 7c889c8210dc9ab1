import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thrown by `SSHServer.init` when this machine cannot run a private sshd (not installed, no
/// ssh-keygen, no privilege-separation folder, sshd refusing to start). Tests turn it into a skip:
///
///     do { server = try SSHServer() } catch let error as SSHServerUnavailable { throw XCTSkip(error.description) }
public struct SSHServerUnavailable: Error, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "sshd cannot run on this machine, so this test is skipped: \(reason)" }
}

/// A real OpenSSH server (`sshd -D -e`) on 127.0.0.1 with its own host key, config and authorized
/// key, and a client `HOME` that trusts it; logs in as the current user with a generated key.
///
///     let ssh = try SSHServer()                          // throws SSHServerUnavailable without sshd
///     defer { ssh.stop() }
///     let url = ssh.url(for: bareRepository)             // ssh://root@127.0.0.1:PORT/abs/path.git
///     var env = ssh.clientEnvironment                    // HOME=ssh.home, GIT_SSH_COMMAND=ssh.sshCommand
///
/// `home/.ssh/` holds `known_hosts` (`[127.0.0.1]:PORT <host key>`, the way OpenSSH writes a port
/// other than 22) and the client key pair `id_<type>` / `id_<type>.pub`. libgit2 reads
/// `$HOME/.ssh/known_hosts` itself, so a process run with `HOME=home` trusts the server. OpenSSH's
/// `ssh` does not look at `$HOME` (it uses the passwd entry), hence `sshCommand` names the key and the
/// known-hosts file explicitly.
///
/// Defaults suit libgit2 1.5 with libssh2 1.10: ed25519 keys both ways. An RSA client key needs
/// `extraConfiguration: ["PubkeyAcceptedAlgorithms +ssh-rsa"]` and an RSA host key
/// `["HostKeyAlgorithms +ssh-rsa"]`, because libssh2 1.10 only speaks SHA-1 `ssh-rsa`, which
/// OpenSSH 8.8+ turns off by default.
public final class SSHServer: @unchecked Sendable {
    public enum KeyType: String, Sendable, CaseIterable {
        case ed25519, ecdsa, rsa
    }

    /// The temporary folder holding everything below (removed by `stop()`).
    public let folder: URL
    /// `HOME` for clients: `.ssh/known_hosts` and the client key pair.
    public let home: URL
    /// The port sshd listens on, on 127.0.0.1.
    public let port: Int
    /// The login name (the current user; root on the test machines).
    public let user: String
    /// The client's private key (no passphrase), `home/.ssh/id_<type>`.
    public let privateKey: URL
    /// The client's public key, `home/.ssh/id_<type>.pub`.
    public let publicKey: URL
    /// `home/.ssh/known_hosts`, holding the server's host key for `[127.0.0.1]:PORT`.
    public let knownHosts: URL
    /// The server's public host key file.
    public let hostPublicKey: URL
    /// The `AuthorizedKeysFile` sshd reads; `authorize(_:)` appends to it.
    public let authorizedKeys: URL
    /// The sshd configuration that was generated.
    public let configFile: URL
    private let server: ServerProcess

    /// Whether `DESK_E2E_REQUIRE_SSHD` is set: then tests should fail rather than skip when sshd is unavailable.
    public static var isRequired: Bool {
        !(ProcessInfo.processInfo.environment["DESK_E2E_REQUIRE_SSHD"] ?? "").isEmpty
    }

    /// Generates keys and a config and starts sshd. `extraConfiguration` lines go first in the
    /// config (sshd keeps the first value it reads for a keyword, so they override the defaults;
    /// no `Match` blocks). Throws `SSHServerUnavailable` when sshd cannot run here.
    public init(sshd: String = "/usr/sbin/sshd", hostKeyType: KeyType = .ed25519, clientKeyType: KeyType = .ed25519,
                extraConfiguration: [String] = [], startupTimeout: TimeInterval = 15) throws {
        let fm = FileManager.default
        guard fm.isExecutableFile(atPath: sshd) else {
            throw SSHServerUnavailable("\(sshd) is not installed (Debian: apt-get install openssh-server)")
        }
        let keygen: URL
        do { keygen = try DeskProcess.tool("ssh-keygen") } catch {
            throw SSHServerUnavailable("ssh-keygen is not on PATH (Debian: apt-get install openssh-client)")
        }
        try Self.ensurePrivilegeSeparationFolder()

        folder = try ServerProcess.makeRunFolder(prefix: "desk-sshd-")
        home = folder.appendingPathComponent("home", isDirectory: true)
        let sshFolder = home.appendingPathComponent(".ssh", isDirectory: true)
        privateKey = sshFolder.appendingPathComponent("id_\(clientKeyType.rawValue)")
        publicKey = sshFolder.appendingPathComponent("id_\(clientKeyType.rawValue).pub")
        knownHosts = sshFolder.appendingPathComponent("known_hosts")
        let hostKey = folder.appendingPathComponent("ssh_host_\(hostKeyType.rawValue)_key")
        hostPublicKey = folder.appendingPathComponent("ssh_host_\(hostKeyType.rawValue)_key.pub")
        authorizedKeys = folder.appendingPathComponent("authorized_keys")
        configFile = folder.appendingPathComponent("sshd_config")
        user = Self.currentUser()

        do {
            try fm.createDirectory(at: sshFolder, withIntermediateDirectories: true,
                                   attributes: [.posixPermissions: 0o700])
            try Self.generateKey(keygen, type: hostKeyType, at: hostKey, comment: "desk-test-host")
            try Self.generateKey(keygen, type: clientKeyType, at: privateKey, comment: "desk-test-client")
            try Data(contentsOf: publicKey).write(to: authorizedKeys)
        } catch {
            ServerProcess.removeUnlessKept(folder)
            throw error
        }

        let settings = [
            "HostKey \(hostKey.path)",
            "AuthorizedKeysFile \(authorizedKeys.path)",
            "PidFile \(folder.appendingPathComponent("sshd.pid").path)",
            "AddressFamily inet",
            "StrictModes no",
            "UsePAM no",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",
            "AllowUsers \(user)",
            "UseDNS no",
            "PrintMotd no",
            "PrintLastLog no",
            "PermitTTY no",
            "X11Forwarding no",
            "AllowTcpForwarding no",
            "AllowAgentForwarding no",
            "LogLevel VERBOSE",   // names the key offered and why one was refused, in `log`
        ]
        let config = configFile
        let environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LC_ALL": "C"]
        do {
            server = try ServerProcess.start(
                name: "sshd", runFolder: folder, timeout: startupTimeout,
                readyMarker: { port in "Server listening on 127.0.0.1 port \(port)." },
                bindFailureMarkers: ["Address already in use", "Cannot bind any address"]
            ) { port in
                let text = (["# generated by DeskTestSupport.SSHServer"] + extraConfiguration
                            + ["ListenAddress 127.0.0.1", "Port \(port)"] + settings).joined(separator: "\n") + "\n"
                try Data(text.utf8).write(to: config)
                return (URL(fileURLWithPath: sshd), ["-D", "-e", "-f", config.path], environment)
            }
        } catch let error as HarnessError {
            throw SSHServerUnavailable(error.description)
        }
        port = server.port

        do {
            let fields = try String(contentsOf: hostPublicKey, encoding: .utf8).split(separator: " ")
            guard fields.count >= 2 else { throw HarnessError("unexpected host key file \(hostPublicKey.path)") }
            let line = "[127.0.0.1]:\(port) \(fields[0]) \(fields[1])\n"
            try Data(line.utf8).write(to: knownHosts)
        } catch {
            server.stop()
            throw error
        }
    }

    deinit { stop() }

    /// `ssh://USER@127.0.0.1:PORT/abs/path.git` for a repository at an absolute path.
    public func url(for repository: URL) -> String { url(for: repository.standardizedFileURL.path) }

    public func url(for absolutePath: String) -> String {
        "ssh://\(user)@127.0.0.1:\(port)\(absolutePath.hasPrefix("/") ? "" : "/")\(absolutePath)"
    }

    /// For `GIT_SSH_COMMAND`: OpenSSH with this key and known-hosts file only, no config files,
    /// no agent, no prompts, strict host checking.
    public var sshCommand: String {
        [
            "ssh", "-F", "/dev/null",
            "-i", Self.shellQuoted(privateKey.path), "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
            "-o", "UserKnownHostsFile=" + Self.shellQuoted(knownHosts.path), "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10",
        ].joined(separator: " ")
    }

    /// The isolated test environment (`TestEnvironment.isolated`, with git identity) with
    /// `HOME=home` and `GIT_SSH_COMMAND=sshCommand`: plain `git` and libgit2 both reach the server.
    public var clientEnvironment: [String: String] {
        var env = TestEnvironment.withGitIdentity(TestEnvironment.isolated(home: home))
        env["GIT_SSH_COMMAND"] = sshCommand
        return env
    }

    /// Lets one more public key (the contents of a `.pub` file) log in.
    public func authorize(publicKey contents: String) throws {
        let handle = try FileHandle(forWritingTo: authorizedKeys)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((contents.hasSuffix("\n") ? contents : contents + "\n").utf8))
    }

    /// Generates another key pair (no passphrase) in the server's folder, not authorized until `authorize`.
    public func makeKeyPair(named name: String, type: KeyType = .ed25519) throws -> (privateKey: URL, publicKey: URL) {
        let path = folder.appendingPathComponent(name)
        try Self.generateKey(try DeskProcess.tool("ssh-keygen"), type: type, at: path, comment: name)
        return (path, folder.appendingPathComponent(name + ".pub"))
    }

    /// Starts an `ssh-agent` of its own (socket in this server's folder); stop it with `stop()`.
    public func startAgent() throws -> SSHAgent { try SSHAgent(folder: folder) }

    /// The process id of the listening sshd (each connection is served by children of it).
    public var processIdentifier: Int32 { server.processIdentifier }

    /// What sshd has written so far (`-e`, `LogLevel VERBOSE`): accepted and refused keys, errors.
    public var log: String { server.log }

    public var isRunning: Bool { server.isRunning }

    /// The processes sshd started and that still run (per-connection sshd, the session's shell and
    /// git-upload-pack or git-receive-pack). Linux only (reads /proc).
    public var childProcessIdentifiers: [Int32] { ServerProcess.descendants(of: server.processIdentifier).map(\.pid) }

    /// Stops sshd and the sessions it started, and deletes `folder`. Idempotent.
    public func stop() { server.stop() }

    // MARK: Helpers

    private static func generateKey(_ keygen: URL, type: KeyType, at path: URL, comment: String) throws {
        var arguments = ["-q", "-t", type.rawValue, "-N", "", "-C", comment, "-f", path.path]
        if type == .rsa { arguments += ["-b", "3072"] }
        let result = try DeskProcess.run(keygen, arguments, environment: ["PATH": "/usr/bin:/bin"])
        guard result.succeeded else { throw SSHServerUnavailable("ssh-keygen failed:\n\(result)") }
    }

    /// sshd (as root) refuses to start without /run/sshd, which its service unit normally creates.
    private static func ensurePrivilegeSeparationFolder() throws {
        let path = "/run/sshd"
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        guard geteuid() == 0 else { return }   // an unprivileged sshd does not use it
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o755])
        } catch {
            throw SSHServerUnavailable("cannot create sshd's privilege separation folder \(path): \(error)")
        }
    }

    private static func currentUser() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            return String(cString: name)
        }
        return ProcessInfo.processInfo.environment["USER"] ?? "root"
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// An `ssh-agent -D` (foreground, so the process id held is the agent's) on a socket in a given folder.
///
///     let agent = try ssh.startAgent()
///     defer { agent.stop() }
///     try agent.add(ssh.privateKey)
///     env["SSH_AUTH_SOCK"] = agent.socket.path
public final class SSHAgent: @unchecked Sendable {
    /// The agent's socket, for `SSH_AUTH_SOCK`.
    public let socket: URL
    private let agent: ServerProcess

    init(folder: URL, startupTimeout: TimeInterval = 10) throws {
        let name = "agent-" + UUID().uuidString.prefix(8).lowercased()
        socket = folder.appendingPathComponent(name + ".sock")
        agent = try ServerProcess.launch(
            name: "ssh-agent", executable: try DeskProcess.tool("ssh-agent"), arguments: ["-D", "-a", socket.path],
            environment: ["PATH": "/usr/bin:/bin"], runFolder: folder, logName: name + ".log", port: 0,
            ownsRunFolder: false)
        let deadline = Date().addingTimeInterval(startupTimeout)
        while !FileManager.default.fileExists(atPath: socket.path) {
            guard agent.isRunning, Date() < deadline else {
                let log = agent.log
                agent.stop()
                throw HarnessError("ssh-agent did not create \(socket.path):\n\(log)")
            }
            usleep(10_000)
        }
    }

    deinit { stop() }

    /// `["SSH_AUTH_SOCK": socket]`, to merge into a child's environment.
    public var environment: [String: String] { ["SSH_AUTH_SOCK": socket.path] }

    /// `ssh-add KEY`.
    public func add(_ privateKey: URL) throws {
        let result = try DeskProcess.run(try DeskProcess.tool("ssh-add"), ["-q", privateKey.path],
                                         environment: ["PATH": "/usr/bin:/bin", "SSH_AUTH_SOCK": socket.path])
        guard result.succeeded else { throw HarnessError("ssh-add failed:\n\(result)") }
    }

    /// `ssh-add -D`: the agent forgets every key.
    public func removeAll() throws {
        let result = try DeskProcess.run(try DeskProcess.tool("ssh-add"), ["-q", "-D"],
                                         environment: ["PATH": "/usr/bin:/bin", "SSH_AUTH_SOCK": socket.path])
        guard result.succeeded else { throw HarnessError("ssh-add -D failed:\n\(result)") }
    }

    public var processIdentifier: Int32 { agent.processIdentifier }

    /// Stops the agent (its folder belongs to the server and is left alone). Idempotent.
    public func stop() { agent.stop() }
}
