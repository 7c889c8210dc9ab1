import ArgumentParser
import Foundation

@main
struct DeskCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "An IT service desk in a git repository.",
        discussion: """
        Every ticket is a Markdown file with YAML front matter; every change is one git commit.

          desk init helpdesk && cd helpdesk
          desk new "VPN drops every 10 minutes" --requester jan --department finance
          desk list --status new

        Exit codes: 0 ok, 1 lint findings, 2 bad usage or value, 3 not found, 4 refused
        (illegal transition, ambiguous id, uncommitted edit), 5 invalid desk file, 6 busy,
        7 not allowed for your role, 8 remote unreachable or refused, 10 git or file-system failure.
        """,
        version: "0.1.0",
        subcommands: [
            Init.self, New.self, Show.self, List.self, Assign.self, Comment.self, Status.self, Resolve.self,
            Close.self, Reopen.self, Edit.self, Escalate.self, Log.self, SLA.self, Report.self, Policy.self, GC.self, KB.self,
            Suggest.self, Lint.self, Blame.self, Hooks.self, Remote.self, Sync.self, Clone.self, AssetCommand.self, MonitorCommand.self, MergeDriver.self,
        ]
    )

    /// Parses and runs, mapping argument errors to exit code 2 (usage) as documented.
    static func main() {
        let arguments = hoistingGlobalOptions(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit {
                exit(withError: error)
            }
            if error is ExitCode {
                Foundation.exit(code.rawValue)
            }
            if arguments.contains("--json") {
                // Scripts asked for JSON: a usage error is an error document too (DESIGN.md "JSON shapes").
                var body = OrderedFields()
                body.add("code", "usage")
                body.add("message", message(for: error))
                var document = OrderedFields()
                document.add("error", body)
                JSONOutput.print(document)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }

    /// `desk -C DIR list` (git's order) means `desk list -C DIR`: global options given before the
    /// subcommand are moved after it, where each subcommand declares them.
    /// Commands whose subcommands take the options.
    static let groups: Set<String> = ["kb", "hooks", "policy", "remote", "asset", "monitor"]

    static func hoistingGlobalOptions(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var rest = arguments[...]
        while let first = rest.first {
            if first == "-C", rest.count >= 2 {
                leading += rest.prefix(2)
                rest = rest.dropFirst(2)
            } else if first == "--json" || first == "--no-color" {
                leading.append(first)
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        guard !leading.isEmpty, let subcommand = rest.first, !subcommand.hasPrefix("-") else { return arguments }
        // Groups (`desk kb search`, `desk hooks install`): the options belong to the leaf command.
        if groups.contains(subcommand), rest.count >= 2, let leaf = rest.dropFirst().first, !leaf.hasPrefix("-") {
            return [subcommand, leaf] + leading + rest.dropFirst(2)
        }
        return [subcommand] + leading + rest.dropFirst()
    }
}
