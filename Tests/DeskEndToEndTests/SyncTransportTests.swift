import DeskTestSupport
import Foundation
import XCTest

/// `desk sync` and `desk clone` over real servers started on 127.0.0.1 by the test:
/// `git daemon --enable=receive-pack` (git://) and `sshd` with generated keys (ssh://).
final class SyncTransportTests: XCTestCase {
    private func temporaryFolder(_ prefix: String) throws -> URL {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath()
            .appendingPathComponent(prefix + UUID().uuidString.prefix(8).lowercased(), isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Both desks edit one ticket, sync through the remote, and end on the same commit with
    /// both comments and the later title.
    private func exchange(_ team: DeskTeam, env: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) throws {
        let (alice, bob) = (team.desks[0], team.desks[1])
        let id = try alice.newTicket("Shared drive is slow")
        try alice.require(alice.run("sync", env: env), "alice's sync")
        try bob.require(bob.run("sync", env: env), "bob's sync")
        try alice.require(alice.run("comment", id, "Seen from Amsterdam", env: env), "comment")
        try bob.require(bob.run("comment", id, "Seen from Oslo", env: env), "comment")
        try alice.require(alice.run("sync", env: env), "alice's sync")
        let merged = try bob.run("sync", "--json", env: env)
        assertSuccess(merged, file: file, line: line)
        assertContains(merged.stdout, "\"pushed\": true", file: file, line: line)
        try alice.require(alice.run("sync", env: env), "alice's last sync")
        XCTAssertEqual(try alice.head(), try bob.head(), file: file, line: line)
        XCTAssertEqual(try alice.head(), try team.remoteHead(), file: file, line: line)
        let comments = (try alice.show(id)["activity"] as? [[String: Any]] ?? [])
            .filter { $0["kind"] as? String == "comment" }.compactMap { $0["text"] as? String }
        XCTAssertEqual(comments.sorted(), ["Seen from Amsterdam", "Seen from Oslo"], file: file, line: line)
    }

    func testSyncOverGitDaemon() throws {
        let served = try temporaryFolder("desk-served-")
        defer { try? FileManager.default.removeItem(at: served) }
        let daemon = try GitDaemon(serving: served)
        defer { daemon.stop() }
        let team = try DeskTeam(users: ["alice", "bob"], in: served, url: { daemon.url(for: $0.lastPathComponent) })
        defer { team.remove() }
        XCTAssertTrue(team.remoteURL.hasPrefix("git://127.0.0.1:"), team.remoteURL)
        try exchange(team)

        // A server hook that says no: exit 8 with the hook's own words; nothing retried in vain.
        let hook = team.bare.appendingPathComponent("hooks/pre-receive")
        try "#!/bin/sh\necho 'tickets are frozen during the audit' >&2\nexit 1\n".write(to: hook, atomically: true, encoding: .utf8)
        XCTAssertEqual(chmod(hook.path, 0o755), 0)
        let alice = team.desks[0]
        _ = try alice.newTicket("Refused by the server")
        let refused = try alice.run("sync", "--json")
        assertExit(refused, 8)
        assertContains(refused.stdout, "\"code\": \"remote\"")
        assertContains(refused.stderr, "pre-receive hook declined")
        assertContains(refused.stderr, "tickets are frozen during the audit")
        let standing = try alice.run("status", "--sync", "--json")
        assertContains(standing.stdout, "\"ahead\": 1", "the refused commit stays here, to push later")
    }

    func testConcurrentPushesOverGitDaemonLoseNothing() throws {
        let served = try temporaryFolder("desk-served-")
        defer { try? FileManager.default.removeItem(at: served) }
        let daemon = try GitDaemon(serving: served)
        defer { daemon.stop() }
        let team = try DeskTeam(users: ["alice", "bob", "carol"], in: served, url: { daemon.url(for: $0.lastPathComponent) })
        defer { team.remove() }
        var created: [String] = []
        for round in 0..<3 {
            for desk in team.desks { created.append(try desk.newTicket("Round \(round) from \(desk.user)")) }
            let running = try team.desks.map { try $0.start(arguments: ["sync"]) }
            for process in running { assertSuccess(process.wait(), "concurrent sync over git://") }
        }
        for desk in team.desks + team.desks { try desk.require(desk.run("sync"), "final sync") }
        XCTAssertEqual(Set(try team.desks[0].listIDs("--all")), Set(created))
        XCTAssertEqual(Set(try team.desks.map { try $0.head() }), [try team.remoteHead()])
    }

    private func sshServer() throws -> SSHServer {
        do {
            return try SSHServer()
        } catch let error as SSHServerUnavailable {
            if SSHServer.isRequired { throw error }
            throw XCTSkip(error.description)
        }
    }

    func testSyncAndCloneOverSSHWithAKeyFile() throws {
        let ssh = try sshServer()
        defer { ssh.stop() }
        // libgit2 reads known_hosts and the key from HOME (~/.ssh/id_ed25519): the server's home.
        let env = ["HOME": ssh.home.path]
        let team = try DeskTeam(users: ["alice", "bob"], url: { ssh.url(for: $0) }, env: env)
        defer { team.remove() }
        XCTAssertTrue(team.remoteURL.hasPrefix("ssh://"), team.remoteURL)
        try exchange(team, env: env)
    }

    func testSyncOverSSHWithTheAgent() throws {
        let ssh = try sshServer()
        defer { ssh.stop() }
        let agent = try ssh.startAgent()
        defer { agent.stop() }
        try agent.add(ssh.privateKey)
        // The key file is moved away: only the agent holds it.
        let keyAside = ssh.privateKey.deletingLastPathComponent().appendingPathComponent("aside")
        try FileManager.default.moveItem(at: ssh.privateKey, to: keyAside)
        var env = agent.environment
        env["HOME"] = ssh.home.path
        let team = try DeskTeam(users: ["alice", "bob"], url: { ssh.url(for: $0) }, env: env)
        defer { team.remove() }
        try exchange(team, env: env)
    }

    func testSSHErrorsSayWhatToDo() throws {
        let ssh = try sshServer()
        defer { ssh.stop() }
        let team = try DeskTeam(users: ["alice"], url: { ssh.url(for: $0) }, env: ["HOME": ssh.home.path])
        defer { team.remove() }
        let alice = team.desks[0]

        // A home without the server in known_hosts: refused, naming the host and the file.
        let stranger = try temporaryFolder("desk-stranger-")
        defer { try? FileManager.default.removeItem(at: stranger) }
        try FileManager.default.createDirectory(at: stranger.appendingPathComponent(".ssh"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ssh.privateKey, to: stranger.appendingPathComponent(".ssh/id_ed25519"))
        let unknownHost = try alice.run("sync", env: ["HOME": stranger.path])
        assertExit(unknownHost, 8)
        assertContains(unknownHost.stderr, "127.0.0.1")
        assertContains(unknownHost.stderr, "known_hosts")

        // The server in known_hosts, but a key it does not accept: authentication failed, with what was tried.
        try FileManager.default.copyItem(at: ssh.knownHosts, to: stranger.appendingPathComponent(".ssh/known_hosts"))
        let other = try ssh.makeKeyPair(named: "not-authorized")
        try FileManager.default.removeItem(at: stranger.appendingPathComponent(".ssh/id_ed25519"))
        try FileManager.default.copyItem(at: other.privateKey, to: stranger.appendingPathComponent(".ssh/id_ed25519"))
        let refused = try alice.run("sync", env: ["HOME": stranger.path])
        assertExit(refused, 8)
        assertContains(refused.stderr, "authentication failed")
        assertContains(refused.stderr, "id_ed25519")

        // No repository at that path on the server.
        assertSuccess(try alice.run("remote", "add", "nothing", ssh.url(for: "/nonexistent/desk.git")))
        let missing = try alice.run("sync", "nothing", env: ["HOME": ssh.home.path])
        assertExit(missing, 8)
        assertContains(missing.stderr, "does not appear to be a git repository")
    }
}
