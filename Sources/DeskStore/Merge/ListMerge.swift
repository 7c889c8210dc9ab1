/// Three-way merge of a list that is really a set (`tags`, `links`, `kb`, an article's `source`).
enum ListMerge {
    /// Additions and removals from both sides apply. Order: the base order of the items that
    /// survive, then the items added on either side, sorted by their bytes (side-independent).
    /// A list changed on one side only is taken as that side wrote it.
    static func merge(base: [String], ours: [String], theirs: [String]) -> [String] {
        if ours == theirs { return ours }
        if ours == base { return theirs }
        if theirs == base { return ours }
        let inBase = Set(base), inOurs = Set(ours), inTheirs = Set(theirs)
        var seen = Set<String>()
        var merged: [String] = []
        for item in base where inOurs.contains(item) && inTheirs.contains(item) && seen.insert(item).inserted {
            merged.append(item)
        }
        var added: [String] = []
        for item in ours + theirs where !inBase.contains(item) && seen.insert(item).inserted {
            added.append(item)
        }
        added.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return merged + added
    }
}
