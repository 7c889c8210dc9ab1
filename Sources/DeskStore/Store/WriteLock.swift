import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Serialises desk's writers on one repository with `flock(2)` on `.git/desk/write.lock`.
///
/// The kernel drops the lock when its holder dies, so a killed `desk` never leaves a stale
/// lock of its own behind. Waiting is bounded: polling with back-off up to `timeout`.
final class WriteLock {
    private let fd: Int32
    let path: String

    init(path: String, timeout: Double = 60) throws {
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw DeskError.io(path: path, detail: "cannot open lock file: \(String(cString: strerror(errno)))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var delay: useconds_t = 500
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let detail = String(cString: strerror(errno))
                close(fd)
                throw DeskError.io(path: path, detail: "cannot lock: \(detail)")
            }
            guard Date() < deadline else {
                close(fd)
                throw DeskError.busy(lock: path, holder: "another desk process that is still writing; try again in a moment")
            }
            usleep(delay + useconds_t.random(in: 0...delay))
            delay = min(delay * 2, 20_000)
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}

/// Waits out git's own `.lock` files (held by a concurrent git), and clears ones left by a killed process.
enum GitLockFiles {
    /// Runs `body`, retrying with back-off while libgit2 reports a lock held; after `patience`
    /// seconds a lock file older than `staleAfter` seconds is treated as abandoned and removed.
    static func retrying<T>(lockPaths: [String], patience: Double = 5, staleAfter: Double = 120,
                            warn: (String) -> Void, _ body: () throws -> T) throws -> T {
        let start = Date()
        var delay: useconds_t = 500
        while true {
            do {
                return try body()
            } catch let error as GitError where error.code == .locked || isLockMessage(error) {
                if Date().timeIntervalSince(start) < patience {
                    usleep(delay + useconds_t.random(in: 0...delay))
                    delay = min(delay * 2, 50_000)
                    continue
                }
                var removed = false
                for lock in lockPaths {
                    if let age = ageOfFile(lock), age > staleAfter {
                        unlink(lock)
                        warn("removed stale lock \(lock): untouched for \(Int(age)) s, so no git process still holds it")
                        removed = true
                    }
                }
                if removed { continue }
                let held = lockPaths.first { ageOfFile($0) != nil } ?? "a git lock file"
                throw DeskError.busy(lock: held, holder: "git; if no git process is running any more, remove it: rm \(held)")
            }
        }
    }

    static func isLockMessage(_ error: GitError) -> Bool {
        error.message.contains(".lock") && (error.message.contains("exists") || error.message.contains("locked"))
    }

    static func ageOfFile(_ path: String) -> Double? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Date().timeIntervalSince1970 - Double(info.st_mtim.tv_sec)
    }
}
