internal import CLibGit2
import Foundation

/// One entry of git's index, copied out.
public struct IndexEntry: Sendable, Equatable {
    public var path: String
    public var id: ObjectID
    /// 0 normally; 1–3 for the sides of a merge conflict.
    public var stage: Int
}

/// git's index as read once from disk, for looking up what is staged without libgit2 reading
/// and hashing all of it (100 ms at 100,000 entries): entries are found by binary search in
/// the file's bytes, and the cache-tree extension says which folders are unchanged as a whole.
///
/// Versions 2 and 3 are read here; version 4 (prefix-compressed paths) goes through libgit2.
public final class IndexSnapshot: @unchecked Sendable {
    private let bytes: [UInt8]
    private var offsets: [Int] = []
    private var pathStarts: [Int] = []
    private var pathLengths: [Int] = []
    /// Folder → tree id, for the folders whose cache-tree node is valid.
    private(set) var cacheTree: [String: ObjectID] = [:]
    /// Entries materialised by libgit2 (version 4), sorted by path; empty when `bytes` are used.
    private var materialized: [IndexEntry] = []

    public var count: Int { materialized.isEmpty ? offsets.count : materialized.count }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads the index file at `path` (git's `GIT_INDEX_FILE` or `.git/index`); an absent file is an empty index.
    public static func read(path: String, repository: Repository) throws -> IndexSnapshot {
        guard let data = FileManager.default.contents(atPath: path) else { return IndexSnapshot(bytes: []) }
        let snapshot = IndexSnapshot(bytes: [UInt8](data))
        if snapshot.parse() { return snapshot }
        return try IndexSnapshot(libgit2: path, repository: repository)
    }

    private convenience init(libgit2 path: String, repository: Repository) throws {
        self.init(bytes: [])
        var index: OpaquePointer?
        try check(git_index_open(&index, path), "git_index_open")
        defer { git_index_free(index) }
        let count = git_index_entrycount(index)
        for i in 0..<count {
            guard let entry = git_index_get_byindex(index, i) else { continue }
            let stage = Int((entry.pointee.flags >> 12) & 3)
            materialized.append(IndexEntry(path: String(cString: entry.pointee.path), id: ObjectID(entry.pointee.id), stage: stage))
        }
        materialized.sort { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    }

    /// Walks a version 2 or 3 index; false when it is another version or not an index at all.
    private func parse() -> Bool {
        guard bytes.count >= 32, bytes[0] == 0x44, bytes[1] == 0x49, bytes[2] == 0x52, bytes[3] == 0x43 else { return false }
        let version = IndexPatch.be32(bytes, 4)
        guard version == 2 || version == 3 else { return false }
        let count = Int(IndexPatch.be32(bytes, 8))
        let trailerStart = bytes.count - 20
        offsets.reserveCapacity(count)
        pathStarts.reserveCapacity(count)
        pathLengths.reserveCapacity(count)
        var offset = 12
        for _ in 0..<count {
            guard offset + 62 <= trailerStart else { return false }
            let flags = Int(IndexPatch.be16(bytes, offset + 60))
            let header = flags & 0x4000 != 0 ? 64 : 62
            var nameLength = flags & 0xFFF
            if nameLength == 0xFFF {
                guard let nul = bytes[(offset + header)..<trailerStart].firstIndex(of: 0) else { return false }
                nameLength = nul - offset - header
            }
            offsets.append(offset)
            pathStarts.append(offset + header)
            pathLengths.append(nameLength)
            offset += (header + nameLength + 8) & ~7
        }
        while offset + 8 <= trailerStart {
            let signature = String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self)
            let size = Int(IndexPatch.be32(bytes, offset + 4))
            guard offset + 8 + size <= trailerStart else { return false }
            if signature == "TREE" { cacheTree = CacheTree.validNodes(Array(bytes[(offset + 8)..<(offset + 8 + size)])) }
            offset += 8 + size
        }
        return true
    }

    private func entry(at index: Int) -> IndexEntry {
        if !materialized.isEmpty { return materialized[index] }
        let start = pathStarts[index]
        let path = String(decoding: bytes[start..<(start + pathLengths[index])], as: UTF8.self)
        let idStart = offsets[index] + 40
        let id = ObjectID(bytes: Array(bytes[idStart..<(idStart + 20)]))
        let stage = Int(IndexPatch.be16(bytes, offsets[index] + 60) >> 12) & 3
        return IndexEntry(path: path, id: id, stage: stage)
    }

    private func compare(_ index: Int, _ path: [UInt8]) -> Int {
        if !materialized.isEmpty {
            let other = Array(materialized[index].path.utf8)
            return other == path ? 0 : (other.lexicographicallyPrecedes(path) ? -1 : 1)
        }
        let start = pathStarts[index]
        let length = pathLengths[index]
        for i in 0..<min(length, path.count) where bytes[start + i] != path[i] {
            return bytes[start + i] < path[i] ? -1 : 1
        }
        return length == path.count ? 0 : (length < path.count ? -1 : 1)
    }

    private func lowerBound(_ path: [UInt8]) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if compare(mid, path) < 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The stage-0 entry at exactly `path`, if staged.
    public func entry(_ path: String) -> IndexEntry? {
        let key = Array(path.utf8)
        var i = lowerBound(key)
        while i < count, compare(i, key) == 0 {
            let found = entry(at: i)
            if found.stage == 0 { return found }
            i += 1
        }
        return nil
    }

    /// Every entry whose path starts with `prefix` (a folder with its trailing slash), in order.
    public func entries(under prefix: String) -> [IndexEntry] {
        let key = Array(prefix.utf8)
        var out: [IndexEntry] = []
        var i = lowerBound(key)
        while i < count {
            let found = entry(at: i)
            guard found.path.utf8.starts(with: key) else { break }
            out.append(found)
            i += 1
        }
        return out
    }

    /// The immediate children of `folder` ("" for the root): stage-0 files by name, and subfolder
    /// names. Subfolders are stepped over by binary search, not entry by entry.
    public func children(of folder: String) -> (files: [String: IndexEntry], folders: [String]) {
        let prefix = folder.isEmpty ? [] : Array((folder + "/").utf8)
        var files: [String: IndexEntry] = [:]
        var folders: [String] = []
        var i = lowerBound(prefix)
        while i < count {
            let path = pathBytes(i)
            guard path.starts(with: prefix) else { break }
            let rest = path.dropFirst(prefix.count)
            if let slash = rest.firstIndex(of: 0x2F) {
                let name = Array(rest[..<slash])
                folders.append(String(decoding: name, as: UTF8.self))
                i = lowerBound(prefix + name + [0x30])  // "0" sorts right after "/": past the whole folder
            } else {
                let found = entry(at: i)
                if found.stage == 0 { files[String(decoding: rest, as: UTF8.self)] = found }
                i += 1
            }
        }
        return (files, folders)
    }

    private func pathBytes(_ index: Int) -> [UInt8] {
        if !materialized.isEmpty { return Array(materialized[index].path.utf8) }
        return Array(bytes[pathStarts[index]..<(pathStarts[index] + pathLengths[index])])
    }

    /// The tree id git recorded for `folder` when the index last matched a tree; nil when invalidated.
    public func cachedTreeID(_ folder: String) -> ObjectID? { cacheTree[folder] }
}
