internal import CLibGit2
import Foundation

/// A file that differs between two trees: added (`old` nil), deleted (`new` nil) or modified.
public struct TreeChange: Sendable, Equatable {
    public var path: String
    public var old: ObjectID?
    public var new: ObjectID?
}

extension Repository {
    /// The files that differ between two trees (nil: the empty tree), in git's path order.
    ///
    /// Both trees are walked side by side in git's entry order and subtrees with equal ids are
    /// stepped over whole, comparing ids in libgit2's memory: a commit that touches one ticket
    /// costs two or three tree reads however large the desk. (libgit2's own tree diff iterates
    /// every entry of both trees: 54 ms a commit at 100,000 tickets.) `include(path)` filters files.
    public func changedFiles(from old: ObjectID?, to new: ObjectID?,
                             include: (String) -> Bool = { _ in true }) throws -> [TreeChange] {
        guard old != new else { return [] }
        var changes: [TreeChange] = []
        try compareTrees(old, new, prefix: "", include: include, into: &changes)
        return changes
    }

    private func lookupTree(_ id: ObjectID?) throws -> OpaquePointer? {
        guard var oid = id?.raw else { return nil }
        var tree: OpaquePointer?
        try check(git_tree_lookup(&tree, handle, &oid), "git_tree_lookup")
        return tree
    }

    private func compareTrees(_ old: ObjectID?, _ new: ObjectID?, prefix: String,
                              include: (String) -> Bool, into changes: inout [TreeChange]) throws {
        let oldTree = try lookupTree(old)
        defer { git_tree_free(oldTree) }
        let newTree = try lookupTree(new)
        defer { git_tree_free(newTree) }
        let oldCount = oldTree.map { git_tree_entrycount($0) } ?? 0
        let newCount = newTree.map { git_tree_entrycount($0) } ?? 0
        var i = 0, j = 0
        while i < oldCount || j < newCount {
            let a = i < oldCount ? git_tree_entry_byindex(oldTree, i) : nil
            let b = j < newCount ? git_tree_entry_byindex(newTree, j) : nil
            let order: Int32
            if let a, let b {
                order = Repository.compareEntries(a, b)
            } else {
                order = a == nil ? 1 : -1
            }
            if order == 0, git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) != 0 {
                i += 1
                j += 1
                continue
            }
            let left = order <= 0 ? a : nil
            let right = order >= 0 ? b : nil
            if left != nil { i += 1 }
            if right != nil { j += 1 }
            let name = String(cString: git_tree_entry_name(left ?? right))
            let path = prefix.isEmpty ? name : prefix + "/" + name
            func isTree(_ entry: OpaquePointer?) -> Bool { entry.map { git_tree_entry_type($0) == GIT_OBJECT_TREE } ?? false }
            func isBlob(_ entry: OpaquePointer?) -> Bool { entry.map { git_tree_entry_type($0) == GIT_OBJECT_BLOB } ?? false }
            if isTree(left) || isTree(right) {
                try compareTrees(isTree(left) ? ObjectID(git_tree_entry_id(left)) : nil,
                                 isTree(right) ? ObjectID(git_tree_entry_id(right)) : nil,
                                 prefix: path, include: include, into: &changes)
            }
            if isBlob(left) || isBlob(right), include(path) {
                changes.append(TreeChange(path: path,
                                          old: isBlob(left) ? ObjectID(git_tree_entry_id(left)) : nil,
                                          new: isBlob(right) ? ObjectID(git_tree_entry_id(right)) : nil))
            }
        }
    }

    /// git's tree order: names compared byte by byte, a subtree's name as if it ended in "/".
    private static func compareEntries(_ a: OpaquePointer, _ b: OpaquePointer) -> Int32 {
        let nameA = git_tree_entry_name(a)!, nameB = git_tree_entry_name(b)!
        let lengthA = strlen(nameA), lengthB = strlen(nameB)
        let common = min(lengthA, lengthB)
        let head = memcmp(nameA, nameB, common)
        if head != 0 { return head }
        // One name is a prefix of the other (or they are equal): compare the next "character".
        let nextA: Int32 = lengthA > common ? Int32(UInt8(bitPattern: nameA[common])) : (git_tree_entry_type(a) == GIT_OBJECT_TREE ? 0x2F : 0)
        let nextB: Int32 = lengthB > common ? Int32(UInt8(bitPattern: nameB[common])) : (git_tree_entry_type(b) == GIT_OBJECT_TREE ? 0x2F : 0)
        // Equal names of a tree and a blob differ by that slash: git treats them as two entries.
        return nextA - nextB
    }
}
