import ArgumentParser
import DeskStore

struct Sync: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch, merge ticket by ticket and field by field, and push.",
        discussion: """
        Concurrent edits of one ticket merge field by field: a field changed on one side takes
        that side's value; changed on both, the later change wins and the other value is kept
        as a `sync` entry in the ticket's activity. Comments from both sides are all kept.
        A real conflict in desk.yml or another plain file stops the sync before anything is
        committed. Uncommitted edits are never discarded: the sync refuses, or commits them
        first with --commit.

          desk remote add origin ssh://git@git.example.com/it/helpdesk.git
          desk sync
          desk sync backup --json
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The remote (default: origin, or the only one).") var remote: String?
    @Flag(help: "Commit hand edits in the working tree first, if desk lint finds no errors in them.")
    var commit = false

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let actor = try context.actor(for: desk)
        let report = try desk.sync(SyncOptions(remote: remote, commitFirst: commit, environment: context.environment), actor: actor)
        if context.options.json {
            context.printJSON(SyncOutput.report(report))
        } else {
            SyncOutput.printReport(report, terminal: context.terminal)
        }
    }
}

struct Clone: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy a shared desk to this machine, ready to work on and sync.",
        discussion: """
          desk clone ssh://git@git.example.com/it/helpdesk.git
          desk clone /srv/git/helpdesk.git my-desk
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The remote desk: a path, file://, git://, ssh:// or https:// URL.") var url: String
    @Argument(help: "The folder to create (default: the URL's last part without .git).") var directory: String?

    func execute(_ context: CommandContext) throws {
        let folder = directory ?? Clone.defaultFolder(for: url)
        let desk = try Desk.clone(url: url, into: folder, relativeTo: context.startDirectory, environment: context.environment, mergeDriverExecutable: Executable.path)
        if context.options.json {
            var out = OrderedFields()
            out.add("path", desk.root)
            out.add("remote", "origin")
            out.add("url", url)
            out.add("head", try desk.repository.headCommitID()?.hex)
            context.printJSON(out)
        } else {
            Terminal.note("Cloned \(url) into \(desk.root); `desk sync` keeps it in step with origin")
        }
    }

    /// `…/helpdesk.git` → `helpdesk`, as git names the folder.
    static func defaultFolder(for url: String) -> String {
        var last = url.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? "desk"
        if last.hasSuffix(".git") { last = String(last.dropLast(4)) }
        return last.isEmpty ? "desk" : last
    }
}
