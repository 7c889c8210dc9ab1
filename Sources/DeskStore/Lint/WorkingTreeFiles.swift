import Foundation

/// The desk's files as they are on disk, read without following symbolic links.
enum WorkingTreeFiles {
    /// The regular files under `folders` (relative paths) and the entries that are not regular
    /// files (symbolic links, sockets, …), which are never desk files.
    static func list(root: String, folders: [String]) -> (files: [String], special: [String]) {
        var files: [String] = []
        var special: [String] = []
        func walk(_ relative: String) {
            guard let dir = opendir(root + "/" + relative) else { return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let path = relative + "/" + name
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) {
                    var info = stat()
                    guard lstat(root + "/" + path, &info) == 0 else { continue }
                    type = (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : Int32(DT_LNK)
                }
                switch type {
                case Int32(DT_DIR): walk(path)
                case Int32(DT_REG): files.append(path)
                default: special.append(path)
                }
            }
        }
        for folder in folders { walk(folder) }
        return (files.sorted(), special.sorted())
    }

    /// The file's bytes, or nil when it cannot be opened as a regular file.
    static func read(_ path: String) -> [UInt8]? {
        read(open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC))
    }

    /// Reads the file `fd` is open on and closes it.
    static func read(_ fd: Int32) -> [UInt8]? {
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            done += n
        }
        return done == bytes.count ? bytes : Array(bytes[..<done])
    }
}

/// Reads files of one folder after another relative to an open folder, so the kernel does not
/// walk the whole path for each of 100,000 files. One reader per thread; not thread-safe.
final class FolderReader {
    private let root: String
    private var folder: Substring = ""
    private var folderFD: Int32 = -1

    init(root: String) {
        self.root = root
    }

    deinit {
        if folderFD >= 0 { close(folderFD) }
    }

    func read(_ path: String) -> [UInt8]? {
        guard let slash = path.lastIndex(of: "/") else { return WorkingTreeFiles.read(root + "/" + path) }
        let parent = path[..<slash]
        if parent != folder || folderFD < 0 {
            if folderFD >= 0 { close(folderFD) }
            folder = parent
            folderFD = open(root + "/" + parent, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard folderFD >= 0 else { return nil }
        }
        return WorkingTreeFiles.read(openat(folderFD, String(path[path.index(after: slash)...]), O_RDONLY | O_NOFOLLOW | O_CLOEXEC))
    }
}

/// Reference checks against the working tree: a file exists when it is on disk.
struct WorkingTreeContents: DeskContents {
    var root: String
    func contains(_ path: String) -> Bool { access(root + "/" + path, F_OK) == 0 }
}
