internal import CLibGit2

/// Initialises libgit2 once per process, on first use.
enum GitRuntime {
    private static let initialised: Bool = {
        git_libgit2_init()
        return true
    }()

    static func ensure() {
        _ = initialised
    }

    /// Turns fsync of objects and refs on or off (libgit2's default is off, as in git).
    static func setFsync(_ enabled: Bool) {
        ensure()
        _ = desk_git_set_fsync(enabled ? 1 : 0)
    }
}
