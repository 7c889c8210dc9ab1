/// Every failure a person or script sees: what happened and what to do next.
public enum DeskError: Error, CustomStringConvertible, Sendable {
    case notADesk(path: String)
    case alreadyADesk(path: String)
    case ticketNotFound(String, suggestions: [String])
    case ambiguousID(String, candidates: [String])
    case invalidID(String)
    case invalidFile(FormatError)
    case illegalTransition(id: String, from: String, to: String, legal: [String])
    case uncommittedChanges(path: String)
    /// `desk sync` found hand edits it would not carry over silently.
    case uncommittedWork(paths: [String])
    /// A sync met a conflict no rule settles (desk.yml, other text files); nothing was changed.
    case syncConflict(paths: [String], remote: String)
    /// The remote could not be reached, refused the login or the push.
    case remote(name: String, detail: String)
    case unknownField(String, settable: [String])
    case invalidValue(field: String, value: String, expected: String)
    case invalidInput(String)
    /// The actor's role in `desk.yml` does not allow the action.
    case notAllowed(String)
    case noIdentity
    case busy(lock: String, holder: String)
    case unsupportedIndex(detail: String)
    case git(GitError, context: String)
    case io(path: String, detail: String)

    /// A stable code for scripts (`{"error": {"code": …}}`).
    public var code: String {
        switch self {
        case .notADesk: return "not_a_desk"
        case .alreadyADesk: return "already_a_desk"
        case .ticketNotFound: return "not_found"
        case .ambiguousID: return "ambiguous_id"
        case .invalidID: return "invalid_id"
        case .invalidFile: return "invalid_file"
        case .illegalTransition: return "illegal_transition"
        case .uncommittedChanges, .uncommittedWork: return "uncommitted_changes"
        case .syncConflict: return "sync_conflict"
        case .remote: return "remote"
        case .unknownField: return "unknown_field"
        case .invalidValue: return "invalid_value"
        case .invalidInput: return "invalid_input"
        case .notAllowed: return "not_allowed"
        case .noIdentity: return "no_identity"
        case .busy: return "busy"
        case .unsupportedIndex: return "unsupported_index"
        case .git: return "git"
        case .io: return "io"
        }
    }

    /// The process exit code (documented in the README).
    public var exitCode: Int32 {
        switch self {
        case .invalidID, .unknownField, .invalidValue, .invalidInput, .noIdentity: return 2
        case .notADesk, .ticketNotFound: return 3
        case .ambiguousID, .illegalTransition, .uncommittedChanges, .uncommittedWork, .alreadyADesk, .syncConflict: return 4
        case .invalidFile: return 5
        case .busy: return 6
        case .notAllowed: return 7
        case .remote: return 8
        case .unsupportedIndex, .git, .io: return 10
        }
    }

    public var description: String {
        switch self {
        case .notADesk(let path):
            return "\(path) is not inside a desk (no git repository with desk.yml); run `desk init` or pass -C DIR"
        case .alreadyADesk(let path):
            return "\(path) is already a desk (desk.yml exists); nothing to do"
        case .ticketNotFound(let id, let suggestions):
            if id.hasPrefix(ArticleID.prefix) { return "article \(id) not found; `desk kb list` shows the articles" }
            let hint = suggestions.isEmpty ? "; `desk list` shows the tickets" : "; did you mean \(suggestions.joined(separator: ", "))?"
            return "ticket \(id) not found\(hint)"
        case .ambiguousID(let prefix, let candidates):
            let shown = candidates.prefix(10).joined(separator: ", ")
            let more = candidates.count > 10 ? " and \(candidates.count - 10) more" : ""
            return "\(prefix) is ambiguous: it matches \(shown)\(more); type more characters"
        case .invalidID(let text):
            return "\(text.debugDescription) is not a ticket id (like T-8KQ2M4XZ, or a unique prefix such as T-8KQ)"
        case .invalidFile(let error):
            return "\(error) [\(error.rule)]"
        case .illegalTransition(let id, let from, let to, let legal):
            let moves = legal.isEmpty ? "none (\(from) is final)" : legal.joined(separator: ", ")
            return "\(id): cannot move from \(from) to \(to); from \(from) the workflow in desk.yml allows: \(moves)"
        case .uncommittedChanges(let path):
            return "\(path) has uncommitted changes in the working tree; commit them with git (or undo them with `git checkout -- \(path)`) and try again"
        case .uncommittedWork(let paths):
            let shown = paths.prefix(20).map { "  " + $0 }.joined(separator: "\n")
            let more = paths.count > 20 ? "\n  … and \(paths.count - 20) more" : ""
            return "the working tree has changes that are not committed; desk sync never discards them. Commit them (`desk sync --commit` commits them after checking them with desk lint) or undo them, then sync again:\n\(shown)\(more)"
        case .syncConflict(let paths, let remote):
            return "cannot merge \(remote): both sides changed the same lines of \(paths.joined(separator: ", ")) and no desk rule settles that; nothing was changed. Merge by hand with `git pull \(remote)`, commit, and sync again"
        case .remote(let name, let detail):
            return "remote \(name): \(detail)"
        case .unknownField(let key, let settable):
            return "unknown field `\(key)`; fields that can be set: \(settable.joined(separator: ", "))"
        case .invalidValue(let field, let value, let expected):
            return "`\(field)` cannot be \(value.debugDescription): expected \(expected)"
        case .invalidInput(let message), .notAllowed(let message):
            return message
        case .noIdentity:
            return "who is acting? set DESK_USER (e.g. DESK_USER=alice) or `git config user.name`"
        case .busy(let lock, let holder):
            return "the desk is busy: \(lock) is held by \(holder)"
        case .unsupportedIndex(let detail):
            return "git's index uses \(detail), which libgit2 1.5 cannot update; nothing was changed. Turn it off with: git config core.splitIndex false && git config index.sparse false && git config index.skipHash false && git config feature.manyFiles false && git update-index --no-split-index --index-version 2"
        case .git(let error, let context):
            return "\(context): \(error.message)"
        case .io(let path, let detail):
            return "\(path): \(detail)"
        }
    }
}
