internal import CLibGit2
import Foundation

/// One entry of a git tree, copied out.
public struct TreeEntry: Sendable, Equatable {
    public enum Kind: Sendable { case blob, tree, other }
    public let name: String
    public let id: ObjectID
    public let kind: Kind
}

/// A change to make to a tree: put a blob at `path`, or remove `path` (blob nil).
public struct TreeUpdate: Sendable {
    public let path: String
    public let blob: ObjectID?

    public init(path: String, blob: ObjectID?) {
        self.path = path
        self.blob = blob
    }
}

extension Repository {
    /// The entry at `path` (slash-separated) inside `tree`, or nil.
    public func treeEntry(_ tree: ObjectID, path: String) throws -> TreeEntry? {
        var oid = tree.raw
        var treeObj: OpaquePointer?
        try check(git_tree_lookup(&treeObj, handle, &oid), "git_tree_lookup")
        defer { git_tree_free(treeObj) }
        var entry: OpaquePointer?
        let rc = git_tree_entry_bypath(&entry, treeObj, path)
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try check(rc, "git_tree_entry_bypath")
        defer { git_tree_entry_free(entry) }
        return TreeEntry(entry!)
    }

    /// The entries of a tree, in git's order.
    public func treeEntries(_ tree: ObjectID) throws -> [TreeEntry] {
        var oid = tree.raw
        var treeObj: OpaquePointer?
        try check(git_tree_lookup(&treeObj, handle, &oid), "git_tree_lookup")
        defer { git_tree_free(treeObj) }
        let count = git_tree_entrycount(treeObj)
        var entries: [TreeEntry] = []
        entries.reserveCapacity(count)
        for i in 0..<count {
            entries.append(TreeEntry(git_tree_entry_byindex(treeObj, i)))
        }
        return entries
    }

    /// Writes the tree that is `base` with `updates` applied; only the trees on the changed paths are rewritten.
    public func updatedTree(_ base: ObjectID?, _ updates: [TreeUpdate]) throws -> ObjectID {
        // No baseline (the first commit): libgit2 builds from an empty tree without writing one.
        var baseTree: OpaquePointer?
        if var baseOid = base?.raw {
            try check(git_tree_lookup(&baseTree, handle, &baseOid), "git_tree_lookup")
        }
        defer { git_tree_free(baseTree) }
        let paths = updates.map { strdup($0.path) }
        defer { paths.forEach { free($0) } }
        var raw: [git_tree_update] = []
        for (i, update) in updates.enumerated() {
            var item = git_tree_update()
            item.path = UnsafePointer(paths[i])
            if let blob = update.blob {
                item.action = GIT_TREE_UPDATE_UPSERT
                item.id = blob.raw
                item.filemode = GIT_FILEMODE_BLOB
            } else {
                item.action = GIT_TREE_UPDATE_REMOVE
            }
            raw.append(item)
        }
        var out = git_oid()
        try raw.withUnsafeBufferPointer { buffer in
            try check(git_tree_create_updated(&out, handle, baseTree, buffer.count, buffer.baseAddress),
                      "git_tree_create_updated")
        }
        return ObjectID(out)
    }
}

extension TreeEntry {
    init(_ entry: OpaquePointer) {
        name = String(cString: git_tree_entry_name(entry))
        id = ObjectID(git_tree_entry_id(entry))
        switch git_tree_entry_type(entry) {
        case GIT_OBJECT_BLOB: kind = .blob
        case GIT_OBJECT_TREE: kind = .tree
        default: kind = .other
        }
    }
}
