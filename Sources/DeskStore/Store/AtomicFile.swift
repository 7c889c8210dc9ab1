import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so readers see the old content or the new, never a mix: temp file + rename.
enum AtomicFile {
    /// Temporary files start with this; a killed desk's leftovers are found by it.
    static let temporaryPrefix = ".desk-tmp-"

    static func write(_ bytes: [UInt8], to path: String, durable: Bool) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try makeDirectories(directory)
        let temp = directory + "/" + temporaryPrefix + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DeskError.io(path: path, detail: "cannot write: \(errnoText())") }
        var written = 0
        let ok: Bool = bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += n
            }
            return true
        }
        if ok, durable { fsync(fd) }
        close(fd)
        guard ok, rename(temp, path) == 0 else {
            let detail = errnoText()
            unlink(temp)
            throw DeskError.io(path: path, detail: "cannot write: \(detail)")
        }
        if durable { syncDirectory(directory) }
    }

    static func remove(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw DeskError.io(path: path, detail: "cannot remove: \(errnoText())")
        }
    }

    static func read(_ path: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
    }

    static func makeDirectories(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DeskError.io(path: path, detail: "cannot create folder: \(error.localizedDescription)")
        }
    }

    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
