internal import CLibGit2

/// Who made a commit and when (seconds since 1970, UTC offset in minutes).
public struct Signature: Sendable, Equatable {
    public var name: String
    public var email: String
    public var time: Int64
    public var offsetMinutes: Int32

    public init(name: String, email: String, time: Int64, offsetMinutes: Int32 = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    init(_ sig: UnsafePointer<git_signature>) {
        name = sig.pointee.name.map { String(cString: $0) } ?? ""
        email = sig.pointee.email.map { String(cString: $0) } ?? ""
        time = sig.pointee.when.time
        offsetMinutes = sig.pointee.when.offset
    }

    /// Calls `body` with a libgit2 signature that lives only for the call.
    func withGitSignature<T>(_ body: (UnsafePointer<git_signature>) throws -> T) throws -> T {
        var sig: UnsafeMutablePointer<git_signature>?
        try check(git_signature_new(&sig, name, email, git_time_t(time), Int32(offsetMinutes)), "git_signature_new")
        defer { git_signature_free(sig) }
        return try body(sig!)
    }
}
