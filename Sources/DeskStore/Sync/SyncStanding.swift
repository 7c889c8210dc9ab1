/// Where this desk stands against one remote, from what the last fetch saw (no network).
public struct RemoteStanding: Sendable {
    public var remote: RemoteInfo
    /// `refs/remotes/NAME/BRANCH`.
    public var tracking: String
    /// False until the first sync or fetch brought the remote's branch.
    public var fetched: Bool
    /// Commits here that the remote lacks (to push), and the other way round (to merge).
    public var ahead: Int
    public var behind: Int
}

extension Desk {
    /// The current branch and, per remote, commits ahead and behind its remote-tracking branch.
    public func syncStanding() throws -> (branch: String, remotes: [RemoteStanding]) {
        let refName = try gitCall("reading HEAD") { try repository.headReferenceName() }
        let branch = refName.hasPrefix("refs/heads/") ? String(refName.dropFirst("refs/heads/".count)) : refName
        let head = try gitCall("reading HEAD") { try repository.headCommitID() }
        let standings = try gitCall("reading the remotes") { try repository.remotes() }.map { remote -> RemoteStanding in
            let tracking = "refs/remotes/\(remote.name)/\(branch)"
            let tip = try gitCall("reading \(tracking)") { try repository.referenceTarget(tracking) }
            var standing = RemoteStanding(remote: remote, tracking: tracking, fetched: tip != nil, ahead: 0, behind: 0)
            switch (head, tip) {
            case let (head?, tip?):
                (standing.ahead, standing.behind) = try gitCall("counting commits") { try repository.aheadBehind(local: head, upstream: tip) }
            case let (head?, nil):
                standing.ahead = try gitCall("counting commits") { try repository.commits(to: head, hiding: []).count }
            default:
                break
            }
            return standing
        }
        return (branch, standings)
    }
}
