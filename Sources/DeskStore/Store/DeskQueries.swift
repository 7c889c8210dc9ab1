import Foundation

extension Desk {
    /// The query index, opened and brought up to HEAD.
    public func queryIndex() throws -> QueryIndex {
        let path = stateDirectory + "/index.sqlite"
        do {
            let index = try QueryIndex.open(path: path, warn: warn)
            try index.refresh(repository)
            return index
        } catch let error as GitError {
            throw DeskError.git(error, context: "reading the desk to index it")
        }
    }

    /// `desk list`: matching tickets, plus the files that could not be read.
    public func listTickets(_ query: TicketQuery) throws -> (tickets: [TicketSummary], unreadable: [UnreadableFile]) {
        let index = try queryIndex()
        do {
            return (try index.tickets(query, doneStatuses: config.workflow.done), try index.unreadableFiles())
        } catch {
            throw DeskError.io(path: index.path, detail: "query failed: \(error)")
        }
    }

    /// Rebuilds the query index from nothing (for `desk gc --reindex` and the benchmark).
    public func rebuildIndex() throws -> QueryIndex.RefreshStats {
        let path = stateDirectory + "/index.sqlite"
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
        let index = try QueryIndex.open(path: path, warn: warn)
        return try gitCall("indexing the desk") { try index.refresh(repository) }
    }
}
