/// The statuses a ticket moves through and the moves that are allowed.
public struct Workflow: Sendable, Equatable, Codable {
    public var statuses: [String]
    /// The status of a new ticket.
    public var initial: String
    /// Status → statuses it may move to.
    public var transitions: [String: [String]]
    /// Statuses in which the ticket counts as resolved (`resolved`, `closed`).
    public var done: [String]
    /// The status `desk resolve` moves to, `desk close` moves to, and `desk reopen` moves to.
    public var resolvedStatus: String
    public var closedStatus: String
    public var openStatus: String

    public static let standard = Workflow(
        statuses: ["new", "open", "pending", "resolved", "closed"],
        initial: "new",
        transitions: [
            "new": ["open", "pending", "resolved"],
            "open": ["pending", "resolved"],
            "pending": ["open", "resolved"],
            "resolved": ["open", "closed"],
            "closed": [],
        ],
        done: ["resolved", "closed"],
        resolvedStatus: "resolved",
        closedStatus: "closed",
        openStatus: "open"
    )

    public func allows(from: String, to: String) -> Bool {
        transitions[from]?.contains(to) ?? false
    }

    public func legalMoves(from: String) -> [String] {
        transitions[from] ?? []
    }
}
