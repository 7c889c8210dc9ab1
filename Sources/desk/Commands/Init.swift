import ArgumentParser
import DeskStore
import Foundation

struct Init: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a desk: a git repository with desk.yml, folders and a first commit.",
        discussion: """
          desk init helpdesk
          desk init              # make the current folder a desk
          DESK_USER=alice desk init /srv/desk --json
        """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Folder to create the desk in (default: -C, $DESK_DIR or the current folder).")
    var directory: String?

    func execute(_ context: CommandContext) throws {
        let path = directory ?? context.startDirectory
        // An identity is optional here, but one that is set must be usable as a commit author.
        do { _ = try context.actor(for: nil) } catch DeskError.noIdentity {}
        let desk = try Desk.initialize(at: path, environment: context.environment, mergeDriverExecutable: Executable.path)
        if context.options.json {
            var out = OrderedFields()
            out.add("path", desk.root)
            out.add("config", desk.root + "/desk.yml")
            context.printJSON(out)
        } else {
            Terminal.note("Initialised a desk in \(desk.root)")
        }
    }
}
