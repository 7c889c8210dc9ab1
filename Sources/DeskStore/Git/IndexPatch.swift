import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Updates a few entries of git's index file (`.git/index`) in place of a full libgit2
/// read-modify-write, which costs 200 ms and more at 100,000 files.
///
/// Handles index versions 2 and 3 without split-index or sparse-index; anything else makes
/// `apply` return false and the caller goes through libgit2. The cache tree (`TREE`) is kept,
/// with the directories above each changed path invalidated, exactly as git does on `git add`;
/// the end-of-index and offset-table extensions (`EOIE`, `IEOT`) are optional and dropped.
enum IndexPatch {
    struct Update {
        var path: String
        /// nil: remove the entry.
        var blob: ObjectID?
        var stat: stat?
    }

    /// Returns false when the index is absent or uses a feature this patcher does not handle.
    /// `stampPath` remembers the index desk last wrote, so its checksum need not be verified again.
    static func apply(indexPath: String, stampPath: String, updates: [Update], durable: Bool) throws -> Bool {
        guard let (bytes, info) = readFile(indexPath) else { return false }
        let trusted = Stamp.read(stampPath) == Stamp(info)
        guard let output = try patch(bytes, updates: updates, verifyChecksum: !trusted) else { return false }
        let lockPath = indexPath + ".lock"
        let fd = open(lockPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST {
                throw GitError(code: .locked, message: "failed to create locked file '\(lockPath)': exists", function: "IndexPatch")
            }
            throw GitError(code: .other(-1), message: "cannot create \(lockPath): \(String(cString: strerror(errno)))", function: "IndexPatch")
        }
        var written = 0
        let ok = output.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let n = write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
        if ok, durable { fsync(fd) }
        var after = stat()
        let statted = fstat(fd, &after) == 0
        close(fd)
        guard ok, rename(lockPath, indexPath) == 0 else {
            unlink(lockPath)
            throw GitError(code: .other(-1), message: "cannot write \(indexPath)", function: "IndexPatch")
        }
        if statted { Stamp(after).write(stampPath) } else { unlink(stampPath) }
        return true
    }

    /// The whole file in one read, with its stat data.
    static func readFile(_ path: String) -> ([UInt8], stat)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                let n = read(fd, buffer.baseAddress! + done, size - done)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                done += n
            }
            failed = done != size
            count = done
        }
        return failed ? nil : (bytes, info)
    }

    /// What identifies one version of the index file: inode, size and modification time.
    struct Stamp: Equatable {
        var inode: UInt64
        var size: Int64
        var seconds: Int
        var nanoseconds: Int

        init(_ info: stat) {
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            seconds = info.st_mtim.tv_sec
            nanoseconds = info.st_mtim.tv_nsec
        }

        init?(text: String) {
            let parts = text.split(separator: " ")
            guard parts.count == 4, let i = UInt64(parts[0]), let z = Int64(parts[1]), let s = Int(parts[2]),
                  let n = Int(parts[3]) else { return nil }
            inode = i
            size = z
            seconds = s
            nanoseconds = n
        }

        static func read(_ path: String) -> Stamp? {
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            return Stamp(text: String(decoding: data, as: UTF8.self))
        }

        func write(_ path: String) {
            let text = "\(inode) \(size) \(seconds) \(nanoseconds)"
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        }
    }

    /// The new index bytes, or nil when this index is not one the patcher handles.
    static func patch(_ bytes: [UInt8], updates: [Update], verifyChecksum: Bool = true) throws -> [UInt8]? {
        guard bytes.count >= 32, bytes[0] == 0x44, bytes[1] == 0x49, bytes[2] == 0x52, bytes[3] == 0x43 else { return nil }
        let version = be32(bytes, 4)
        guard version == 2 || version == 3 else { return nil }
        let count = Int(be32(bytes, 8))
        let trailerStart = bytes.count - 20
        // Verify the checksum (all zeros means git's index.skipHash): never launder a corrupt index.
        let stored = Array(bytes[trailerStart...])
        let skipHash = stored.allSatisfy { $0 == 0 }
        if !skipHash, verifyChecksum {
            let actual = bytes.withUnsafeBytes { SHA1.digest(UnsafeRawBufferPointer(rebasing: $0[..<trailerStart])) }
            guard actual == stored else { return nil }
        }

        // Walk the entries: their offsets, lengths and path ranges.
        var offsets = [Int](), lengths = [Int](), pathStarts = [Int](), pathLengths = [Int](), stages = [Int]()
        offsets.reserveCapacity(count)
        var offset = 12
        for _ in 0..<count {
            guard offset + 62 <= trailerStart else { return nil }
            let flags = Int(be16(bytes, offset + 60))
            let extended = flags & 0x4000 != 0
            guard !extended || version == 3 else { return nil }
            let header = extended ? 64 : 62
            var nameLength = flags & 0xFFF
            if nameLength == 0xFFF {
                guard let nul = bytes[(offset + header)...].firstIndex(of: 0) else { return nil }
                nameLength = nul - offset - header
            }
            let length = (header + nameLength + 8) & ~7
            guard offset + length <= trailerStart else { return nil }
            offsets.append(offset)
            lengths.append(length)
            pathStarts.append(offset + header)
            pathLengths.append(nameLength)
            stages.append((flags >> 12) & 3)
            offset += length
        }
        let entriesEnd = offset

        // Extensions: keep what we understand or may ignore; refuse mandatory ones (split/sparse index).
        var extensions: [(signature: [UInt8], data: ArraySlice<UInt8>)] = []
        while offset + 8 <= trailerStart {
            let signature = Array(bytes[offset..<(offset + 4)])
            let size = Int(be32(bytes, offset + 4))
            guard offset + 8 + size <= trailerStart else { return nil }
            guard signature[0] >= 0x41, signature[0] <= 0x5A else { return nil }
            extensions.append((signature, bytes[(offset + 8)..<(offset + 8 + size)]))
            offset += 8 + size
        }
        guard offset == trailerStart else { return nil }

        func comparePath(_ index: Int, _ path: [UInt8]) -> Int {
            let start = pathStarts[index]
            let length = pathLengths[index]
            let n = min(length, path.count)
            for i in 0..<n where bytes[start + i] != path[i] {
                return bytes[start + i] < path[i] ? -1 : 1
            }
            return length == path.count ? 0 : (length < path.count ? -1 : 1)
        }
        /// The first entry whose path is not below `path` (git orders by path bytes, then stage).
        func lowerBound(_ path: [UInt8]) -> Int {
            var low = 0, high = count
            while low < high {
                let mid = (low + high) / 2
                if comparePath(mid, path) < 0 { low = mid + 1 } else { high = mid }
            }
            return low
        }

        // Plan the edits: (position, entries replaced there, new entry bytes).
        var edits: [(at: Int, replace: Int, entry: [UInt8]?)] = []
        var invalidated = Set<String>()
        for update in updates.sorted(by: { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }) {
            let path = Array(update.path.utf8)
            guard !path.isEmpty, path.count < 0xFFF else { return nil }
            let at = lowerBound(path)
            var matching = 0
            while at + matching < count, comparePath(at + matching, path) == 0 {
                guard stages[at + matching] == 0 else { return nil }  // a merge conflict: leave it to libgit2
                matching += 1
            }
            // A directory/file clash (path is a prefix folder of existing entries) is left to libgit2.
            if at + matching < count, pathLengths[at + matching] > path.count, comparePath(at + matching, path) > 0 {
                let start = pathStarts[at + matching]
                if Array(bytes[start..<(start + path.count)]) == path, bytes[start + path.count] == 0x2F { return nil }
            }
            if let blob = update.blob {
                guard let info = update.stat else { return nil }
                edits.append((at, matching, encodeEntry(path: path, blob: blob, info: info)))
            } else if matching > 0 {
                edits.append((at, matching, nil))
            }
            var components = update.path.split(separator: "/").dropLast().map(String.init)
            invalidated.insert("")
            while !components.isEmpty {
                invalidated.insert(components.joined(separator: "/"))
                components.removeLast()
            }
        }

        var out = [UInt8]()
        out.reserveCapacity(bytes.count + edits.count * 128)
        out.append(contentsOf: bytes[0..<12])
        var newCount = count
        var cursor = 0
        for edit in edits {
            let from = cursor < count ? offsets[cursor] : entriesEnd
            let to = edit.at < count ? offsets[edit.at] : entriesEnd
            out.append(contentsOf: bytes[from..<to])
            if let entry = edit.entry { out.append(contentsOf: entry); newCount += 1 }
            newCount -= edit.replace
            cursor = edit.at + edit.replace
        }
        out.append(contentsOf: bytes[(cursor < count ? offsets[cursor] : entriesEnd)..<entriesEnd])
        put32(&out, 8, UInt32(newCount))
        for (signature, data) in extensions {
            let name = String(decoding: signature, as: UTF8.self)
            if name == "EOIE" || name == "IEOT" { continue }
            var body = Array(data)
            if name == "TREE" {
                guard let rewritten = CacheTree.invalidate(body, paths: invalidated) else { continue }
                body = rewritten
            }
            out.append(contentsOf: signature)
            var size = [UInt8](repeating: 0, count: 4)
            put32(&size, 0, UInt32(body.count))
            out.append(contentsOf: size)
            out.append(contentsOf: body)
        }
        if skipHash {
            out.append(contentsOf: [UInt8](repeating: 0, count: 20))
        } else {
            out.append(contentsOf: out.withUnsafeBytes { SHA1.digest($0) })
        }
        return out
    }

    /// The signatures of the extensions in an index file of any version (2–4), or nil when the
    /// file cannot be walked. Used to find a split or sparse index (`link`, `sdir`).
    static func extensionSignatures(_ bytes: [UInt8]) -> [String]? {
        guard bytes.count >= 32, bytes[0] == 0x44, bytes[1] == 0x49, bytes[2] == 0x52, bytes[3] == 0x43 else { return nil }
        let version = be32(bytes, 4)
        guard (2...4).contains(version) else { return nil }
        let count = Int(be32(bytes, 8))
        let trailerStart = bytes.count - 20
        var offset = 12
        for _ in 0..<count {
            guard offset + 62 <= trailerStart else { return nil }
            let flags = Int(be16(bytes, offset + 60))
            let header = flags & 0x4000 != 0 ? 64 : 62
            if version == 4 {
                // A varint (bytes of the previous path to drop), then the rest of the path up to NUL.
                var cursor = offset + header
                while cursor < trailerStart, bytes[cursor] & 0x80 != 0 { cursor += 1 }
                guard let nul = bytes[(cursor + 1)..<trailerStart].firstIndex(of: 0) else { return nil }
                offset = nul + 1
            } else {
                var nameLength = flags & 0xFFF
                if nameLength == 0xFFF {
                    guard let nul = bytes[(offset + header)..<trailerStart].firstIndex(of: 0) else { return nil }
                    nameLength = nul - offset - header
                }
                offset += (header + nameLength + 8) & ~7
            }
        }
        var signatures: [String] = []
        while offset + 8 <= trailerStart {
            signatures.append(String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self))
            offset += 8 + Int(be32(bytes, offset + 4))
        }
        return signatures
    }

    static func encodeEntry(path: [UInt8], blob: ObjectID, info: stat) -> [UInt8] {
        var entry = [UInt8](repeating: 0, count: 62)
        put32(&entry, 0, UInt32(truncatingIfNeeded: info.st_ctim.tv_sec))
        put32(&entry, 4, UInt32(truncatingIfNeeded: info.st_ctim.tv_nsec))
        put32(&entry, 8, UInt32(truncatingIfNeeded: info.st_mtim.tv_sec))
        put32(&entry, 12, UInt32(truncatingIfNeeded: info.st_mtim.tv_nsec))
        put32(&entry, 16, UInt32(truncatingIfNeeded: info.st_dev))
        put32(&entry, 20, UInt32(truncatingIfNeeded: info.st_ino))
        let executable = info.st_mode & 0o111 != 0
        put32(&entry, 24, executable ? 0o100755 : 0o100644)
        put32(&entry, 28, info.st_uid)
        put32(&entry, 32, info.st_gid)
        put32(&entry, 36, UInt32(truncatingIfNeeded: info.st_size))
        for (i, byte) in blob.bytes.enumerated() { entry[40 + i] = byte }
        entry[60] = UInt8((path.count >> 8) & 0x0F)
        entry[61] = UInt8(path.count & 0xFF)
        entry.append(contentsOf: path)
        let padded = (62 + path.count + 8) & ~7
        entry.append(contentsOf: [UInt8](repeating: 0, count: padded - entry.count))
        return entry
    }

    static func be32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
    }

    static func be16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])
    }

    static func put32(_ bytes: inout [UInt8], _ at: Int, _ value: UInt32) {
        bytes[at] = UInt8(value >> 24)
        bytes[at + 1] = UInt8((value >> 16) & 0xFF)
        bytes[at + 2] = UInt8((value >> 8) & 0xFF)
        bytes[at + 3] = UInt8(value & 0xFF)
    }
}

/// git's cache-tree extension: directories with their entry counts and tree ids, pre-order.
enum CacheTree {
    /// One directory of the extension, located in its bytes.
    struct Node {
        /// "" for the root, else the folder path (`tickets/8K`).
        var path: String
        /// Where the node starts, and where its name ends (the NUL).
        var start: Int
        var nameEnd: Int
        var subtrees: Int
        /// The tree id's bytes; nil when the node is invalid (entry count -1).
        var id: Range<Int>?
        /// Where the node's own bytes end (after the id, if any).
        var end: Int
    }

    /// Every node in order, or nil when the extension cannot be parsed.
    static func nodes(_ data: [UInt8]) -> [Node]? {
        var result: [Node] = []
        var input = 0
        func node(_ prefix: String?) -> Bool {
            guard let nul = data[input...].firstIndex(of: 0) else { return false }
            let name = String(decoding: data[input..<nul], as: UTF8.self)
            guard let newline = data[nul...].firstIndex(of: 0x0A) else { return false }
            let counts = String(decoding: data[(nul + 1)..<newline], as: UTF8.self).split(separator: " ")
            guard counts.count == 2, let entries = Int(counts[0]), let subtrees = Int(counts[1]) else { return false }
            let path = prefix.map { $0.isEmpty ? name : $0 + "/" + name } ?? ""
            var end = newline + 1
            var id: Range<Int>?
            if entries >= 0 {
                guard end + 20 <= data.count else { return false }
                id = end..<(end + 20)
                end += 20
            }
            result.append(Node(path: path, start: input, nameEnd: nul, subtrees: subtrees, id: id, end: end))
            input = end
            for _ in 0..<subtrees where !node(path) { return false }
            return true
        }
        guard node(nil), input == data.count else { return nil }
        return result
    }

    /// The extension with every directory in `paths` marked invalid (entry count -1, no id);
    /// nil when it cannot be parsed (then it is dropped, which git also accepts).
    static func invalidate(_ data: [UInt8], paths: Set<String>) -> [UInt8]? {
        guard let nodes = nodes(data) else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(data.count)
        for node in nodes {
            out.append(contentsOf: data[node.start...node.nameEnd])
            if node.id != nil, !paths.contains(node.path) {
                out.append(contentsOf: data[(node.nameEnd + 1)..<node.end])
            } else {
                out.append(contentsOf: Array("-1 \(node.subtrees)\n".utf8))
            }
        }
        return out
    }

    /// Folder path ("" for the root) → tree id, for every node with a valid id.
    static func validNodes(_ data: [UInt8]) -> [String: ObjectID] {
        var result: [String: ObjectID] = [:]
        for node in nodes(data) ?? [] {
            if let id = node.id { result[node.path] = ObjectID(bytes: Array(data[id])) }
        }
        return result
    }
}
