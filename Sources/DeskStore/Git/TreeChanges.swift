/// A file that differs between two trees: added (`old` nil), deleted (`new` nil) or modified.
public struct TreeChange: Sendable, Equatable {
    public var path: String
    public var old: ObjectID?
    public var new: ObjectID?
}

extension Repository {
    /// The files that differ between two trees (nil: the empty tree), in path order. Subtrees
    /// with equal ids are skipped whole, so a commit that touches one ticket reads a handful
    /// of trees however large the desk. `descend(path, isFolder)` limits the walk.
    public func changedFiles(from old: ObjectID?, to new: ObjectID?, prefix: String = "",
                             descend: (String, Bool) -> Bool = { _, _ in true }) throws -> [TreeChange] {
        guard old != new else { return [] }
        func entries(_ tree: ObjectID?) throws -> [String: TreeEntry] {
            guard let tree else { return [:] }
            return Dictionary(try treeEntries(tree).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        }
        let before = try entries(old)
        let after = try entries(new)
        var changes: [TreeChange] = []
        for name in Set(before.keys).union(after.keys).sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let a = before[name], b = after[name]
            guard a?.id != b?.id || a?.kind != b?.kind else { continue }
            let path = prefix.isEmpty ? name : prefix + "/" + name
            let oldTree = a?.kind == .tree ? a?.id : nil
            let newTree = b?.kind == .tree ? b?.id : nil
            if oldTree != nil || newTree != nil, descend(path, true) {
                changes += try changedFiles(from: oldTree, to: newTree, prefix: path, descend: descend)
            }
            let oldBlob = a?.kind == .blob ? a?.id : nil
            let newBlob = b?.kind == .blob ? b?.id : nil
            if oldBlob != newBlob, descend(path, false) {
                changes.append(TreeChange(path: path, old: oldBlob, new: newBlob))
            }
        }
        return changes
    }
}
