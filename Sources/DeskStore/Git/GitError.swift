internal import CLibGit2

/// A failure reported by libgit2, with its class of error and message.
public struct GitError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable, Equatable {
        case notFound, exists, ambiguous, locked, nonFastForward, conflict, modified
        case invalidSpec, unbornBranch, bareRepo, auth, certificate, other(Int32)
    }

    public let code: Code
    public let message: String
    public let function: String

    public var description: String { "\(message) (\(function))" }

    init(code: Code, message: String, function: String) {
        self.code = code
        self.message = message
        self.function = function
    }

    static func code(for rc: Int32) -> Code {
        switch git_error_code(rc) {
        case GIT_ENOTFOUND: return .notFound
        case GIT_EEXISTS: return .exists
        case GIT_EAMBIGUOUS: return .ambiguous
        case GIT_ELOCKED: return .locked
        case GIT_ENONFASTFORWARD: return .nonFastForward
        case GIT_ECONFLICT, GIT_EMERGECONFLICT: return .conflict
        case GIT_EMODIFIED: return .modified
        case GIT_EINVALIDSPEC: return .invalidSpec
        case GIT_EUNBORNBRANCH: return .unbornBranch
        case GIT_EBAREREPO: return .bareRepo
        case GIT_EAUTH: return .auth
        case GIT_ECERTIFICATE: return .certificate
        default: return .other(rc)
        }
    }
}

/// The one error chokepoint: reads libgit2's thread-local error at once and throws.
@inline(__always)
func check(_ rc: Int32, _ function: String) throws {
    guard rc < 0 else { return }
    throw lastError(rc, function)
}

func lastError(_ rc: Int32, _ function: String) -> GitError {
    var message = "libgit2 error \(rc)"
    if let err = git_error_last(), let cMessage = err.pointee.message {
        message = String(cString: cMessage)
    }
    return GitError(code: GitError.code(for: rc), message: message, function: function)
}
