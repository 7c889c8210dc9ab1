/// Which side's value wins when both sides changed the same thing to different values.
///
/// Decided once per file, so every conflicting field of one merge follows the same side (a
/// priority and the due times computed from it stay together). The rule is symmetric: swapping
/// the sides swaps `oursWins`, so the merged content does not depend on which desk merges.
struct MergeOrder: Equatable {
    let oursWins: Bool

    /// The later side wins: the greater time (the file's `updated`, else the commit's time),
    /// then the greater commit id when both are known, then the greater file bytes.
    static func decide(oursTime: Int64?, theirsTime: Int64?, ours: MergeSide, theirs: MergeSide,
                       oursBytes: [UInt8], theirsBytes: [UInt8]) -> MergeOrder {
        if let a = oursTime, let b = theirsTime, a != b { return MergeOrder(oursWins: a > b) }
        if let a = ours.commit, let b = theirs.commit, a != b {
            return MergeOrder(oursWins: b.bytes.lexicographicallyPrecedes(a.bytes))
        }
        return MergeOrder(oursWins: !oursBytes.lexicographicallyPrecedes(theirsBytes))
    }

    /// A side's time: `updated` when the file states it (desk sets it at every change), else the
    /// commit time. `updated` decodes as `created` when the key is missing, so the bytes are checked.
    static func time(updated: Timestamp, created: Timestamp, bytes: [UInt8], side: MergeSide) -> Int64? {
        if updated != created || FrontMatterProbe.hasValue("updated", in: bytes) { return updated.seconds }
        return side.commitTime ?? updated.seconds
    }
}

/// Cheap questions about a desk file's front matter without parsing it.
enum FrontMatterProbe {
    /// Whether a top-level line `key: value` with a non-empty value is in the front matter.
    static func hasValue(_ key: String, in bytes: [UInt8]) -> Bool {
        let prefix = Array(key.utf8) + [UInt8(ascii: ":")]
        var start = 4  // after the opening `---\n`
        guard bytes.starts(with: Array("---\n".utf8)) else { return false }
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[start..<end]
            if line.elementsEqual("---".utf8) { return false }
            if line.starts(with: prefix) {
                return line.dropFirst(prefix.count).contains { $0 != 0x20 && $0 != 0x09 }
            }
            start = end + 1
        }
        return false
    }
}
