/// What a command asks to do, for the role check.
public enum DeskAction: Sendable {
    /// Raise a ticket.
    case create
    /// A public comment.
    case comment
    /// Assign, change status, resolve, edit, escalate, write internal notes, edit articles.
    case work(String)
    /// Change `desk.yml`, hooks or other configuration.
    case configure(String)
}

extension DeskConfig {
    /// The person acting, matched by handle first (`DESK_USER`), then by the git identity.
    public func person(acting actor: Actor) -> Person? {
        person(actor.handle) ?? person(authorName: actor.handle, email: actor.email)
    }

    /// Refuses `action` when the actor's role does not allow it. A desk that lists no people does
    /// not check roles; someone it does not list counts as a requester.
    public func require(_ action: DeskAction, by actor: Actor) throws {
        guard !people.isEmpty else { return }
        let person = person(acting: actor)
        let role = person?.role ?? .requester
        let who = person.map { "\($0.handle) is a \($0.role.rawValue)" }
            ?? "\(actor.handle) is not under `people` in desk.yml, so counts as a requester"
        switch action {
        case .create, .comment:
            return
        case .work(let what):
            guard role.worksTickets else {
                throw DeskError.notAllowed("only operators may \(what); \(who) (requesters may raise tickets and comment)")
            }
        case .configure(let what):
            guard role.changesConfiguration else {
                throw DeskError.notAllowed("only leads and admins may \(what); \(who)")
            }
        }
    }
}
