import ArgumentParser
import DeskStore
import Foundation

struct Remote: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The remotes this desk syncs with (kept in the repository's git config).",
        subcommands: [RemoteAdd.self, RemoteList.self, RemoteRemove.self]
    )
}

struct RemoteAdd: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a remote: a bare repository path, file://, git://, ssh:// (or host:path) or https:// URL.",
        discussion: """
          desk remote add origin /srv/git/helpdesk.git
          desk remote add origin ssh://git@git.example.com/it/helpdesk.git
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A name for it, such as origin.") var name: String
    @Argument(help: "Where it is.") var url: String

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let remote = try desk.addRemote(name: name, url: url, relativeTo: context.startDirectory)
        if context.options.json {
            context.printJSON(SyncOutput.remote(remote))
        } else {
            Terminal.note("Added remote \(remote.name) → \(remote.url); `desk sync \(remote.name)` shares this desk through it")
        }
    }
}

struct RemoteList: DeskCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the remotes, with commits ahead and behind as of the last sync.")

    @OptionGroup var global: GlobalOptions

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let standing = try desk.syncStanding()
        if context.options.json {
            context.printJSON(standing.remotes.map(SyncOutput.standing))
        } else {
            SyncOutput.printStanding(branch: standing.branch, standing.remotes, terminal: context.terminal)
        }
    }
}

struct RemoteRemove: DeskCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a remote and its remote-tracking branches.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The remote's name.") var name: String

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let removed = try desk.removeRemote(name: name)
        if context.options.json {
            context.printJSON(SyncOutput.remote(removed))
        } else {
            Terminal.note("Removed remote \(removed.name) (\(removed.url))")
        }
    }
}
