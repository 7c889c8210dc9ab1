internal import CLibGit2
import Foundation

/// Offers credentials to libgit2, each kind once, in a fixed order, so a refused login ends
/// with an error naming what was tried instead of libgit2 asking again forever.
///
/// ssh: the agent (`SSH_AUTH_SOCK`), then `DESK_SSH_KEY`, then `~/.ssh/id_ed25519`,
/// `id_ecdsa`, `id_rsa`. https: `DESK_GIT_USERNAME` + `DESK_GIT_PASSWORD` (or
/// `DESK_GIT_TOKEN`), then a matching line of `~/.git-credentials` (git's `store` helper).
public final class CredentialSource: @unchecked Sendable {
    let environment: [String: String]
    private var offeredAgent = false
    private var offeredKeys: Set<String> = []
    private var offeredPassword: Set<String> = []
    /// Set once every kind allowed was offered and refused.
    private(set) var exhausted = false

    public init(environment: [String: String]) {
        self.environment = environment
    }

    private var home: String { environment["HOME"] ?? NSHomeDirectory() }

    /// The ssh private keys to offer, in order.
    var keyFiles: [String] {
        var files: [String] = []
        if let key = environment["DESK_SSH_KEY"], !key.isEmpty { files.append(key) }
        for name in ["id_ed25519", "id_ecdsa", "id_rsa"] {
            let path = home + "/.ssh/" + name
            if FileManager.default.fileExists(atPath: path) { files.append(path) }
        }
        return files
    }

    /// A user name and password for an https URL: the environment first, then `~/.git-credentials`.
    func passwordCredentials(for url: String, username: String?) -> [(user: String, secret: String, source: String)] {
        var found: [(String, String, String)] = []
        if let secret = environment["DESK_GIT_PASSWORD"] ?? environment["DESK_GIT_TOKEN"], !secret.isEmpty {
            let user = environment["DESK_GIT_USERNAME"] ?? username ?? "desk"
            found.append((user, secret, "DESK_GIT_USERNAME/DESK_GIT_PASSWORD"))
        }
        if let stored = Self.storedCredential(for: url, in: home + "/.git-credentials") {
            found.append((stored.user, stored.secret, "~/.git-credentials"))
        }
        return found
    }

    /// The first line of a git `store` helper file (`https://user:secret@host[/path]`) whose
    /// scheme and host match `url`.
    static func storedCredential(for url: String, in file: String) -> (user: String, secret: String)? {
        guard let target = URLComponents(string: url), let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            return nil
        }
        for line in text.split(whereSeparator: \.isNewline) {
            guard let stored = URLComponents(string: String(line)), stored.scheme == target.scheme,
                  stored.host?.lowercased() == target.host?.lowercased(), stored.port == target.port,
                  let user = stored.user, let secret = stored.password else { continue }
            if !stored.path.isEmpty, stored.path != "/", !target.path.hasPrefix(stored.path) { continue }
            return (user.removingPercentEncoding ?? user, secret.removingPercentEncoding ?? secret)
        }
        return nil
    }

    /// libgit2's credential callback: the next untried credential of an allowed kind.
    func next(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, url: String, username: String?,
              allowed: UInt32, tried: inout [String]) -> Int32 {
        let user = username ?? environment["USER"] ?? "git"
        if allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 {
            if !offeredAgent, let socket = environment["SSH_AUTH_SOCK"], !socket.isEmpty {
                offeredAgent = true
                tried.append("ssh-agent (\(socket))")
                return git_credential_ssh_key_from_agent(out, user)
            }
            offeredAgent = true
            if let key = keyFiles.first(where: { !offeredKeys.contains($0) }) {
                offeredKeys.insert(key)
                tried.append("key \(key)")
                let publicKey = key + ".pub"
                let hasPublic = FileManager.default.fileExists(atPath: publicKey)
                return git_credential_ssh_key_new(out, user, hasPublic ? publicKey : nil, key, nil)
            }
        }
        if allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 {
            if let next = passwordCredentials(for: url, username: username).first(where: { !offeredPassword.contains($0.source) }) {
                offeredPassword.insert(next.source)
                tried.append("password from \(next.source)")
                return git_credential_userpass_plaintext_new(out, next.user, next.secret)
            }
        }
        if allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0, !tried.contains("user name \(user)") {
            tried.append("user name \(user)")
            return git_credential_username_new(out, user)
        }
        exhausted = true
        git_error_set_str(Int32(GIT_ERROR_NET.rawValue), "no more credentials to offer")
        return GIT_EAUTH.rawValue
    }
}
