internal import CLibGit2

/// The outcome of a three-way text merge: the merged bytes, with conflict markers where both
/// sides changed the same lines.
public struct TextMergeResult: Sendable {
    public var bytes: [UInt8]
    public var clean: Bool
}

/// git's line-based three-way merge of one file, in memory (libgit2 `git_merge_file`).
public enum TextMerge {
    public static func merge(ancestor: [UInt8], ours: [UInt8], theirs: [UInt8], path: String,
                             labels: (ours: String, theirs: String) = ("ours", "theirs")) throws -> TextMergeResult {
        GitRuntime.ensure()
        var options = git_merge_file_options()
        try check(git_merge_file_options_init(&options, UInt32(GIT_MERGE_FILE_OPTIONS_VERSION)), "git_merge_file_options_init")
        var result = git_merge_file_result()
        try ancestor.withUnsafeBufferPointer { base in
            try ours.withUnsafeBufferPointer { mine in
                try theirs.withUnsafeBufferPointer { other in
                    try path.withCString { cPath in
                        try labels.ours.withCString { ourLabel in
                            try labels.theirs.withCString { theirLabel in
                                options.our_label = ourLabel
                                options.their_label = theirLabel
                                func input(_ buffer: UnsafeBufferPointer<UInt8>) -> git_merge_file_input {
                                    var input = git_merge_file_input()
                                    git_merge_file_input_init(&input, UInt32(GIT_MERGE_FILE_INPUT_VERSION))
                                    input.ptr = UnsafeRawPointer(buffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                                    input.size = buffer.count
                                    input.path = cPath
                                    input.mode = 0o100644
                                    return input
                                }
                                var a = input(base), b = input(mine), c = input(other)
                                try check(git_merge_file(&result, &a, &b, &c, &options), "git_merge_file")
                            }
                        }
                    }
                }
            }
        }
        defer { git_merge_file_result_free(&result) }
        let bytes = result.ptr.map { Array(UnsafeRawBufferPointer(start: $0, count: result.len)) } ?? []
        return TextMergeResult(bytes: bytes, clean: result.automergeable != 0)
    }
}
