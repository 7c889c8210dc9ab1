/// One file to write (content) or delete (nil) in a commit.
public struct FileChange: Sendable {
    public var path: String
    public var content: [UInt8]?

    public init(path: String, content: [UInt8]?) {
        self.path = path
        self.content = content
    }
}

/// Everything one desk mutation commits: files, a one-line subject and its trailers.
public struct Change: Sendable {
    public var files: [FileChange]
    public var subject: String
    public var ticket: String?
    /// The knowledge article the change is about, if any (trailer `Desk-Article:`).
    public var article: String?
    public var action: String
    public var actor: Actor
    public var time: Timestamp

    public init(files: [FileChange], subject: String, ticket: String?, article: String? = nil, action: String,
                actor: Actor, time: Timestamp = .now()) {
        self.files = files
        self.subject = subject
        self.ticket = ticket
        self.article = article
        self.action = action
        self.actor = actor
        self.time = time
    }

    /// Subject, blank line, then the machine-readable trailers.
    var message: String {
        // A subject is one line: user text never adds lines that could pose as trailers.
        let oneLine = subject.split(whereSeparator: \.isNewline).joined(separator: " ")
        var text = oneLine + "\n\n"
        if let ticket { text += "Desk-Ticket: \(ticket)\n" }
        if let article { text += "Desk-Article: \(article)\n" }
        text += "Desk-Action: \(action)\n"
        return text
    }
}

/// The state of the desk at HEAD, as seen inside a mutation (under the write lock).
public struct Snapshot {
    let repository: Repository
    public let head: ObjectID?
    public let tree: ObjectID?

    /// The blob id and content of `path` at HEAD, or nil when absent.
    public func file(_ path: String) throws -> (id: ObjectID, bytes: [UInt8])? {
        guard let tree, let entry = try repository.treeEntry(tree, path: path), entry.kind == .blob else { return nil }
        return (entry.id, try repository.readBlob(entry.id))
    }

    public func exists(_ path: String) throws -> Bool {
        guard let tree else { return false }
        return try repository.treeEntry(tree, path: path) != nil
    }
}
