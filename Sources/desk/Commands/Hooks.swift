import ArgumentParser
import DeskStore
import Foundation

struct Hooks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Wire desk into git: lint before commits and pushes, merge desk files with desk.",
        subcommands: [HooksInstall.self]
    )
}

struct HooksInstall: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the pre-commit hook and merge driver here, or a pre-receive hook in a server repository.",
        discussion: """
          desk hooks install
          desk hooks install --server /srv/git/helpdesk.git

        The pre-commit hook runs `desk lint --staged`; the pre-receive hook runs
        `desk lint --range OLD..NEW` for every pushed ref and refuses the push on findings.
        Both call the desk binary that installed them (else `desk` on the PATH).
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Install the pre-receive hook in this (bare) repository.", valueName: "REPO"))
    var server: String?
    @Flag(help: "Replace hooks that desk did not write.") var force = false

    func execute(_ context: CommandContext) throws {
        let executable = Executable.path
        let result: HooksInstallResult
        if let server {
            result = try GitHooks.installServer(repositoryPath: server, executable: executable, force: force)
        } else {
            let desk = try context.openDesk()
            let actor = try context.actor(for: desk)
            try desk.config.require(.configure("install hooks and the merge driver"), by: actor)
            result = try GitHooks.installClient(desk: desk, executable: executable, force: force, actor: actor)
        }
        if context.options.json {
            var out = OrderedFields()
            out.add("hooks", result.hooks)
            out.add("config", result.config)
            out.add("commit", result.attributesCommit?.hex)
            context.printJSON(out)
        } else {
            for hook in result.hooks { Terminal.note("Installed \(hook)") }
            if !result.config.isEmpty { Terminal.note("Set \(result.config.joined(separator: ", "))") }
            if let commit = result.attributesCommit { Terminal.note("Committed .gitattributes (\(commit.short))") }
        }
    }
}
