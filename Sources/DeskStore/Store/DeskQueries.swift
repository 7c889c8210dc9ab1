import Foundation

extension Desk {
    /// `desk list`: matching tickets, plus the files that could not be read.
    public func listTickets(_ query: TicketQuery) throws -> (tickets: [TicketSummary], unreadable: [UnreadableFile]) {
        guard query.breached || query.atRisk else {
            return try withIndex { index, _ in
                (try index.tickets(query, doneStatuses: config.workflow.done), try index.unreadableFiles())
            }
        }
        // SLA filters are computed on the calendar, after the query; the limit applies to what passes.
        var unlimited = query
        unlimited.limit = nil
        var (tickets, unreadable) = try withIndex { index, _ in
            (try index.tickets(unlimited, doneStatuses: config.workflow.done), try index.unreadableFiles())
        }
        let clock = SLAClock(config: config)
        let threshold = config.sla?.atRisk ?? 0.8
        let now = Timestamp.now()
        tickets = try tickets.filter { summary in
            guard !config.workflow.done.contains(summary.status) else { return false }
            let standing = try slaCall { try clock.standing(of: TicketFacts(summary), at: now, recompute: false) }
            return (query.breached && standing.isBreached) || (query.atRisk && standing.isAtRisk(threshold: threshold))
        }
        if let limit = query.limit { tickets = Array(tickets.prefix(limit)) }
        return (tickets, unreadable)
    }

    /// Runs `body` on the refreshed index. The index is derived data: when SQLite finds it
    /// damaged anywhere (opening, refreshing or querying), it is deleted and built again once.
    func withIndex<T>(articlesOnly: Bool = false, _ body: (QueryIndex, QueryIndex.RefreshStats) throws -> T) throws -> T {
        let path = stateDirectory + "/index.sqlite"
        var rebuilt = false
        while true {
            do {
                let index = try QueryIndex(path: path)
                if articlesOnly {
                    try index.refreshArticles(repository)
                    return try body(index, QueryIndex.RefreshStats())
                }
                return try body(index, try index.refresh(repository))
            } catch let error as GitError {
                throw DeskError.git(error, context: "reading the desk to index it")
            } catch let error as DeskError {
                throw error
            } catch {
                guard !rebuilt else { throw DeskError.io(path: path, detail: "the query index failed even after a rebuild: \(error)") }
                warn("the query index \(path) is damaged (\(error)); rebuilding it from git")
                QueryIndex.remove(at: path)
                rebuilt = true
            }
        }
    }

    /// Rebuilds the query index from nothing (for `desk gc --reindex` and the benchmark).
    public func rebuildIndex() throws -> QueryIndex.RefreshStats {
        let path = stateDirectory + "/index.sqlite"
        QueryIndex.remove(at: path)
        return try withIndex { _, stats in stats }
    }
}
