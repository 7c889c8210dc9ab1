import Foundation

/// Git index features desk cannot keep in step (neither its patcher nor libgit2 1.5 writes them).
enum IndexFormat {
    /// Throws `DeskError.unsupportedIndex` when the repository uses a split or sparse index.
    static func ensureSupported(_ repository: Repository) throws {
        let gitdir = repository.gitdir
        // A split index leaves `sharedindex.*` files (which outlive it) or is configured; only
        // then is the index walked to see whether it really uses one.
        let maybeSplit = repository.configBool("core.splitIndex") == true
            || ((try? FileManager.default.contentsOfDirectory(atPath: gitdir))?.contains { $0.hasPrefix("sharedindex.") } ?? false)
        if maybeSplit || repository.configBool("index.sparse") == true,
           let (bytes, _) = IndexPatch.readFile(gitdir + "index"),
           let signatures = IndexPatch.extensionSignatures(bytes) {
            if signatures.contains("link") { throw DeskError.unsupportedIndex(detail: "a split index (core.splitIndex)") }
            if signatures.contains("sdir") { throw DeskError.unsupportedIndex(detail: "a sparse index (index.sparse)") }
        }
        // Version 4 goes through libgit2, which cannot read an index without its checksum.
        if repository.configBool("index.skipHash") == true || repository.configBool("feature.manyFiles") == true,
           let handle = FileHandle(forReadingAtPath: gitdir + "index") {
            defer { try? handle.close() }
            let header = [UInt8](handle.readData(ofLength: 8))
            if header.count == 8, header[7] == 4 {
                throw DeskError.unsupportedIndex(detail: "index version 4 without a checksum (index.skipHash / feature.manyFiles)")
            }
        }
    }
}
