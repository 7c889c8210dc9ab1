@testable import DeskStore
import Foundation
import XCTest

/// Which credentials desk offers for https and ssh, from the environment and git's files —
/// tested without a server (no https server can run in the tests).
final class CredentialsTests: XCTestCase {
    private var home: URL!

    override func setUpWithError() throws {
        home = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("desk-cred-" + UUID().uuidString.prefix(8))
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".ssh"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: home)
    }

    private func store(_ lines: String) throws {
        try lines.write(to: home.appendingPathComponent(".git-credentials"), atomically: true, encoding: .utf8)
    }

    func testStoredCredentialsMatchSchemeHostPortAndPath() throws {
        try store("""
            https://other:nope@git.example.org
            https://alice:s%40cret@git.example.com
            https://bob:token@git.example.com:8443/it/
            http://carol:plain@git.example.com

            """)
        let file = home.appendingPathComponent(".git-credentials").path
        let found = CredentialSource.storedCredential(for: "https://git.example.com/it/helpdesk.git", in: file)
        XCTAssertEqual(found?.user, "alice")
        XCTAssertEqual(found?.secret, "s@cret", "percent-encoding is decoded as git's store helper writes it")
        XCTAssertEqual(CredentialSource.storedCredential(for: "https://git.example.com:8443/it/desk.git", in: file)?.user, "bob")
        XCTAssertNil(CredentialSource.storedCredential(for: "https://git.example.com:8443/hr/desk.git", in: file),
                     "a stored path limits where the credential applies")
        XCTAssertNil(CredentialSource.storedCredential(for: "https://unknown.example.net/desk.git", in: file))
        XCTAssertEqual(CredentialSource.storedCredential(for: "http://git.example.com/desk.git", in: file)?.user, "carol")
    }

    func testEnvironmentComesBeforeTheStoredFile() throws {
        try store("https://alice:stored@git.example.com\n")
        let source = CredentialSource(environment: ["HOME": home.path, "DESK_GIT_USERNAME": "svc-desk", "DESK_GIT_TOKEN": "tok"])
        let offered = source.passwordCredentials(for: "https://git.example.com/desk.git", username: nil)
        XCTAssertEqual(offered.map(\.user), ["svc-desk", "alice"])
        XCTAssertEqual(offered.map(\.secret), ["tok", "stored"])
        let none = CredentialSource(environment: ["HOME": home.path]).passwordCredentials(for: "https://elsewhere.org/d.git", username: nil)
        XCTAssertTrue(none.isEmpty)
    }

    func testSSHKeysInOrder() throws {
        for name in ["id_rsa", "id_ed25519"] {
            try "key".write(to: home.appendingPathComponent(".ssh/" + name), atomically: true, encoding: .utf8)
        }
        let source = CredentialSource(environment: ["HOME": home.path, "DESK_SSH_KEY": "/keys/deploy"])
        XCTAssertEqual(source.keyFiles, ["/keys/deploy", home.path + "/.ssh/id_ed25519", home.path + "/.ssh/id_rsa"])
    }
}
