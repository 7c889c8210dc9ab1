import Foundation

/// A ticket file the index must (re)read.
struct PendingFile: Sendable {
    var path: String
    var shard: String
    var blob: ObjectID
}

/// A ticket file read and parsed, or the reason it could not be.
struct ParsedFile: Sendable {
    var file: PendingFile
    var result: Result<Ticket, FormatError>
}

/// Reads and parses ticket blobs, on every core when there are many.
enum TicketReader {
    static let parallelThreshold = 256

    static func read(_ files: [PendingFile], repository: Repository) throws -> [ParsedFile] {
        let workers = files.count < parallelThreshold ? 1 : max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        if workers == 1 { return try files.map { try parse($0, repository) } }
        // libgit2 handles are not shared between threads: each worker opens the repository itself.
        let results = ResultSlots(count: files.count)
        defer { results.deallocate() }
        let failure = LockedError()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            do {
                let local = try Repository.open(at: repository.gitdir)
                var index = worker
                while index < files.count {
                    results.slots[index] = try parse(files[index], local)
                    index += workers
                }
            } catch {
                failure.set(error)
            }
        }
        if let error = failure.error { throw error }
        return results.slots.map { $0! }
    }

    /// Reads `files` in the background; `wait()` returns them (or throws what failed).
    static func start(_ files: [PendingFile], repository: Repository) -> Pending {
        let pending = Pending()
        if files.count < parallelThreshold {
            pending.finish(Result { try read(files, repository: repository) })
            return pending
        }
        let gitdir = repository.gitdir
        pending.group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            pending.finish(Result { try read(files, repository: try Repository.open(at: gitdir)) })
            pending.group.leave()
        }
        return pending
    }

    /// A batch being read on another thread.
    final class Pending: @unchecked Sendable {
        let group = DispatchGroup()
        private var result: Result<[ParsedFile], Error>?

        func finish(_ value: Result<[ParsedFile], Error>) {
            result = value
        }

        func wait() throws -> [ParsedFile] {
            group.wait()
            return try result!.get()
        }
    }

    static func parse(_ file: PendingFile, _ repository: Repository) throws -> ParsedFile {
        let bytes = try repository.readBlob(file.blob)
        do {
            return ParsedFile(file: file, result: .success(try TicketCodec.decodeFile(bytes, path: file.path)))
        } catch let error as FormatError {
            return ParsedFile(file: file, result: .failure(error))
        }
    }
}

/// The first error raised by any worker.
private final class LockedError: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: Error?

    func set(_ error: Error) {
        lock.lock()
        if self.error == nil { self.error = error }
        lock.unlock()
    }
}

/// One slot per file; each worker writes only its own slots, so no lock is needed.
private final class ResultSlots: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<ParsedFile?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    func deallocate() {
        slots.deinitialize()
        slots.deallocate()
    }
}
