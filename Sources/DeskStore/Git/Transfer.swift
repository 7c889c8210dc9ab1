internal import CLibGit2
import Foundation

/// Why a fetch or push failed, in terms a person can act on.
public enum TransferFailure: Error, Sendable, Equatable {
    /// The server could not be reached or the connection broke.
    case unreachable(String)
    /// No credentials worked; `tried` says which were offered.
    case authentication(tried: [String], detail: String)
    /// The server's host key (ssh) or certificate (https) is not trusted.
    case untrustedHost(host: String, detail: String)
    /// The server refused the update of a reference: moved meanwhile, or a hook said no.
    case rejected(reference: String, reason: String, serverMessage: String)
    case other(String)
}

/// Everything the libgit2 callbacks of one fetch or push need and report back.
final class TransferSession {
    let credentials: CredentialSource
    var triedCredentials: [String] = []
    var untrustedHost: String?
    var rejections: [(reference: String, reason: String)] = []
    /// Text the server sent on the side band (`remote: …` lines, hook output).
    var serverMessages = ""

    init(credentials: CredentialSource) {
        // Each fetch or push offers every credential afresh: what was offered for the fetch
        // must be offered again for the push.
        self.credentials = CredentialSource(environment: credentials.environment)
    }

    func callbacks() -> git_remote_callbacks {
        var callbacks = git_remote_callbacks()
        git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION))
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        callbacks.credentials = { out, url, usernameFromURL, allowed, payload in
            guard let out, let payload else { return GIT_EUSER.rawValue }
            let session = Unmanaged<TransferSession>.fromOpaque(payload).takeUnretainedValue()
            return session.credentials.next(out, url: url.map { String(cString: $0) } ?? "",
                                            username: usernameFromURL.map { String(cString: $0) },
                                            allowed: allowed, tried: &session.triedCredentials)
        }
        callbacks.certificate_check = { _, valid, host, payload in
            if valid != 0 { return 0 }
            guard let payload else { return GIT_ECERTIFICATE.rawValue }
            let session = Unmanaged<TransferSession>.fromOpaque(payload).takeUnretainedValue()
            session.untrustedHost = host.map { String(cString: $0) } ?? "the server"
            return GIT_ECERTIFICATE.rawValue
        }
        callbacks.sideband_progress = { text, length, payload in
            guard let text, let payload, length > 0 else { return 0 }
            let session = Unmanaged<TransferSession>.fromOpaque(payload).takeUnretainedValue()
            let bytes = UnsafeRawBufferPointer(start: text, count: Int(length))
            session.serverMessages += String(decoding: bytes, as: UTF8.self)
            return 0
        }
        callbacks.push_update_reference = { reference, status, payload in
            guard let status, let payload else { return 0 }
            let session = Unmanaged<TransferSession>.fromOpaque(payload).takeUnretainedValue()
            session.rejections.append((reference.map { String(cString: $0) } ?? "?", String(cString: status)))
            return 0
        }
        return callbacks
    }

    /// Turns libgit2's failure into what went wrong, using what the callbacks saw.
    func failure(_ error: GitError, url: String) -> TransferFailure {
        if let host = untrustedHost {
            let ssh = url.hasPrefix("ssh://") || !url.contains("://")
            let hint = ssh ? "its host key is not in ~/.ssh/known_hosts (libgit2 reads only that file, not ~/.ssh/config); add it with `ssh-keyscan -p PORT HOST >> ~/.ssh/known_hosts` after checking the fingerprint"
                : "its certificate is not trusted by the system's CA bundle"
            return .untrustedHost(host: host, detail: hint)
        }
        if error.code == .auth || credentials.exhausted || error.message.lowercased().contains("authentication") {
            return .authentication(tried: triedCredentials, detail: error.message)
        }
        let lowered = error.message.lowercased()
        for marker in ["failed to connect", "could not resolve", "connection refused", "timed out", "unexpected eof",
                       "could not find repository", "not found", "does not appear to be a git repository",
                       "failed to resolve path", "early eof", "connection reset", "broken pipe", "ssh"] where lowered.contains(marker) {
            return .unreachable(error.message)
        }
        return .other(error.message)
    }
}

extension Repository {
    /// Fetches `refspecs` from the remote `name` (a configured remote) and updates the
    /// remote-tracking references they name.
    public func fetch(remote name: String, refspecs: [String], credentials: CredentialSource) throws {
        try withRemote(name) { remote, url in
            let session = TransferSession(credentials: credentials)
            var options = git_fetch_options()
            try check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "git_fetch_options_init")
            options.callbacks = session.callbacks()
            options.prune = GIT_FETCH_NO_PRUNE
            options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
            let rc = withStringArray(refspecs) { specs in
                withExtendedLifetime(session) { git_remote_fetch(remote, &specs, &options, "desk sync: fetch") }
            }
            if rc < 0 { throw session.failure(lastError(rc, "git_remote_fetch"), url: url) }
        }
    }

    /// Pushes over the network (`git://`, `ssh://`, `https://`): the server checks that the
    /// branch still points where we last saw it, and a refusal arrives in a callback, not as
    /// an error code — both are turned into `TransferFailure.rejected`.
    public func pushOverNetwork(remote name: String, refspec: String, credentials: CredentialSource) throws {
        try withRemote(name) { remote, url in
            let session = TransferSession(credentials: credentials)
            var options = git_push_options()
            try check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)), "git_push_options_init")
            options.callbacks = session.callbacks()
            let rc = withStringArray([refspec]) { specs in
                withExtendedLifetime(session) { git_remote_push(remote, &specs, &options) }
            }
            if rc < 0 {
                let error = lastError(rc, "git_remote_push")
                if error.code == .nonFastForward || error.message.contains("non-fast-forward") {
                    throw TransferFailure.rejected(reference: refspec, reason: "non-fast-forward",
                                                   serverMessage: session.serverMessages)
                }
                throw session.failure(error, url: url)
            }
            if let rejection = session.rejections.first {
                throw TransferFailure.rejected(reference: rejection.reference, reason: rejection.reason,
                                               serverMessage: session.serverMessages)
            }
        }
    }

    private func withRemote<T>(_ name: String, _ body: (OpaquePointer?, String) throws -> T) throws -> T {
        var remote: OpaquePointer?
        try check(git_remote_lookup(&remote, handle, name), "git_remote_lookup")
        defer { git_remote_free(remote) }
        let url = git_remote_url(remote).map { String(cString: $0) } ?? ""
        return try body(remote, url)
    }
}

/// Runs `body` with `strings` as a `git_strarray`.
func withStringArray<T>(_ strings: [String], _ body: (inout git_strarray) -> T) -> T {
    let pointers = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    var array: [UnsafeMutablePointer<CChar>?] = pointers
    return array.withUnsafeMutableBufferPointer { buffer in
        var strarray = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return body(&strarray)
    }
}

extension TransferFailure {
    /// Whether a push refusal only means the branch moved since our fetch (try again), as
    /// opposed to a hook or a permission saying no (trying again changes nothing).
    static func meansRemoteMoved(_ reason: String) -> Bool {
        let lowered = reason.lowercased()
        return ["non-fast-forward", "fetch first", "stale info", "failed to lock", "failed to update ref",
                "cannot lock ref", "reference already exists", "rejected"].contains { lowered.contains($0) }
            && !lowered.contains("hook")
    }

    /// One paragraph for a person: what failed and what to do about it.
    public func explanation(url: String, action: String) -> String {
        switch self {
        case .unreachable(let detail):
            return "cannot \(action) \(url): \(detail). Check the URL (`desk remote list`) and the network; nothing here was changed by the failed \(action)"
        case .authentication(let tried, let detail):
            let offered = tried.isEmpty ? "no credentials were available" : "offered " + tried.joined(separator: ", ")
            return "authentication failed for \(url) (\(offered)): \(detail). For ssh, start ssh-agent and `ssh-add` your key or set DESK_SSH_KEY; for https, set DESK_GIT_USERNAME and DESK_GIT_PASSWORD (or a token) or store them in ~/.git-credentials"
        case .untrustedHost(let host, let detail):
            return "refusing to talk to \(host): \(detail)"
        case .rejected(let reference, let reason, let serverMessage):
            let said = serverMessage.split(whereSeparator: \.isNewline).map { "\n  remote: " + $0 }.joined()
            return "the remote refused the update of \(reference): \(reason)\(said)"
        case .other(let detail):
            return "\(action) \(url) failed: \(detail)"
        }
    }
}
