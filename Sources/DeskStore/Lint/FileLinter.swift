import Foundation

/// Lints single files, and many of them on every core.
enum FileLinter {
    /// The findings for one file's bytes, by what its path says it is.
    static func lint(path: String, bytes: [UInt8], context: LintContext) -> [LintFinding] {
        switch DeskFileKind(path: path) {
        case .config:
            return ConfigRules.check(bytes, path: path).findings
        case .ticket:
            return readable(path) {
                TicketRules.check(try TicketCodec.decode(bytes, path: path), path: path, bytes: bytes, context: context)
            }
        case .article:
            return readable(path) {
                ArticleRules.check(try ArticleCodec.decode(bytes, path: path), path: path, bytes: bytes, context: context)
            }
        case .asset:
            return readable(path) {
                AssetRules.check(try AssetCodec.decode(bytes, path: path), path: path, bytes: bytes, context: context)
            }
        case .stray(let expected):
            return [stray(path, "is not a desk file: \(expected)")]
        case .other:
            return []
        }
    }

    /// The rules' findings, or the reason the file could not be read as one finding.
    private static func readable(_ path: String, _ check: () throws -> [LintFinding]) -> [LintFinding] {
        do {
            return try check()
        } catch let error as FormatError {
            return [LintFinding(error)]
        } catch {
            return [LintFinding(path: path, line: 1, severity: .error, rule: .frontMatter, message: "\(error)")]
        }
    }

    static func stray(_ path: String, _ message: String) -> LintFinding {
        LintFinding(path: path, line: 1, severity: .error, rule: .strayFile, message: "\(path) \(message)")
    }

    /// Lints `paths` in parallel when there are many. Each worker makes its own reader (libgit2
    /// handles are not shared between threads); a file the reader cannot produce is reported.
    static func lint(_ paths: [String], context: LintContext,
                     makeReader: @Sendable () throws -> (String) throws -> [UInt8]?) throws -> [LintFinding] {
        let workers = paths.count < 256 ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let results = WorkerResults(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var findings: [LintFinding] = []
            do {
                let read = try makeReader()
                // Each worker takes one contiguous run of files (whole folders), not every n-th file.
                let chunk = (paths.count + workers - 1) / workers
                var index = worker * chunk
                while index < min(paths.count, (worker + 1) * chunk) {
                    let path = paths[index]
                    if let bytes = try read(path) {
                        findings += lint(path: path, bytes: bytes, context: context)
                    } else {
                        findings.append(LintFinding(path: path, line: 1, severity: .error, rule: .encoding,
                                                    message: "cannot read \(path)"))
                    }
                    index += 1
                }
                results.set(worker, .success(findings))
            } catch {
                results.set(worker, .failure(error))
            }
        }
        return try results.collect()
    }
}

/// Each worker's findings, or what stopped it; workers write only their own slot.
private final class WorkerResults: @unchecked Sendable {
    private var slots: [Result<[LintFinding], Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ worker: Int, _ result: Result<[LintFinding], Error>) {
        lock.lock()
        slots[worker] = result
        lock.unlock()
    }

    func collect() throws -> [LintFinding] {
        try slots.flatMap { try $0?.get() ?? [] }
    }
}
