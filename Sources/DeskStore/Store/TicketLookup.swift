import Foundation

extension Desk {
    /// Turns what a person typed (`T-8KQ2M4XZ`, `t-8kq2`, `8KQ2`) into one ticket id, like git's short hashes.
    public func resolveTicketID(_ input: String) throws -> TicketID {
        let trimmed = input.trimmingCharacters(in: .whitespaces)
        let withPrefix = trimmed.uppercased().hasPrefix(TicketID.prefix) ? trimmed : TicketID.prefix + trimmed
        guard let normalized = Crockford.normalizeID(withPrefix, prefix: TicketID.prefix),
              normalized.count > TicketID.prefix.count,
              normalized.count <= TicketID.prefix.count + TicketID.randomLength else {
            throw DeskError.invalidID(input)
        }
        let body = normalized.dropFirst(TicketID.prefix.count)
        guard let tree = try gitCall("reading HEAD", { try repository.headCommitID().map { try repository.commit($0).tree } }) else {
            throw DeskError.ticketNotFound(normalized, suggestions: [])
        }
        let shards: [String]
        if body.count >= 2 {
            shards = [String(body.prefix(2))]
        } else {
            guard let ticketsTree = try gitCall("reading tickets/", { try repository.treeEntry(tree, path: "tickets") }) else {
                throw DeskError.ticketNotFound(normalized, suggestions: [])
            }
            shards = try gitCall("reading tickets/") { try repository.treeEntries(ticketsTree.id) }
                .filter { $0.kind == .tree && $0.name.hasPrefix(body) }.map(\.name)
        }
        var candidates: [String] = []
        var shardIDs: [String] = []
        for shard in shards {
            guard let entry = try gitCall("reading tickets/\(shard)", { try repository.treeEntry(tree, path: "tickets/" + shard) }),
                  entry.kind == .tree else { continue }
            for file in try gitCall("reading tickets/\(shard)", { try repository.treeEntries(entry.id) })
            where file.kind == .blob && file.name.hasSuffix(".md") {
                let id = String(file.name.dropLast(3))
                shardIDs.append(id)
                if id.hasPrefix(normalized) { candidates.append(id) }
            }
        }
        switch candidates.count {
        case 1:
            return TicketID(unchecked: candidates[0])
        case 0:
            throw DeskError.ticketNotFound(normalized, suggestions: nearMisses(normalized, in: shardIDs))
        default:
            if let exact = candidates.first(where: { $0 == normalized }) { return TicketID(unchecked: exact) }
            throw DeskError.ambiguousID(normalized, candidates: candidates.sorted())
        }
    }

    /// Ids one character away from a complete id that was not found (a typo read over the phone).
    private func nearMisses(_ id: String, in ids: [String]) -> [String] {
        guard id.count == TicketID.prefix.count + TicketID.randomLength else { return [] }
        let target = Array(id)
        return ids.filter { other in
            let chars = Array(other)
            guard chars.count == target.count else { return false }
            return zip(chars, target).filter { $0 != $1 }.count == 1
        }.sorted()
    }

    /// The ticket as committed at HEAD.
    public func ticket(_ id: TicketID) throws -> Ticket {
        try readTicket(id, in: try headSnapshot()).ticket
    }

    /// The desk as committed at HEAD, for reading outside a mutation.
    func headSnapshot() throws -> Snapshot {
        try gitCall("reading HEAD") {
            let head = try repository.headCommitID()
            return Snapshot(repository: repository, head: head, tree: try head.map { try repository.commit($0).tree })
        }
    }

    func readTicket(_ id: TicketID, in snapshot: Snapshot) throws -> (ticket: Ticket, blob: ObjectID) {
        guard let file = try gitCall("reading \(id.path)", { try snapshot.file(id.path) }) else {
            throw DeskError.ticketNotFound(id.rawValue, suggestions: [])
        }
        do {
            return (try TicketCodec.decodeFile(file.bytes, path: id.path), file.id)
        } catch let error as FormatError {
            throw DeskError.invalidFile(error)
        }
    }

    /// Refuses to build on a ticket whose working-tree file differs from HEAD (an uncommitted hand edit).
    func ensureUnmodified(_ path: String, committed blob: ObjectID) throws {
        guard let bytes = AtomicFile.read(absolutePath(path)) else {
            throw DeskError.uncommittedChanges(path: path)
        }
        let onDisk = try gitCall("hashing \(path)") { try Repository.hashBlob(bytes) }
        if onDisk != blob { throw DeskError.uncommittedChanges(path: path) }
    }
}
