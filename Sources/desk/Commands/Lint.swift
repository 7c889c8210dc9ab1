import ArgumentParser
import DeskStore
import Foundation

/// How `desk lint` prints its findings.
enum LintFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github

    var reporter: any LintReporter {
        switch self {
        case .text: TextLintReporter()
        case .json: JSONLintReporter()
        case .github: GitHubLintReporter()
        }
    }
}

struct Lint: DeskCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check tickets, articles, assets and desk.yml like code; with --range, the changes too.",
        discussion: """
          desk lint
          desk lint --staged
          desk lint --range origin/main..HEAD --format github

        Exit codes: 0 clean (warnings allowed unless --strict), 1 findings, 2 bad usage,
        3 not a desk, 10 git or file-system failure (lint could not run).
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Only these files or folders (default: the whole desk).") var paths: [String] = []
    @Flag(help: "Check what is staged in git's index, and the staged changes themselves.") var staged = false
    @Option(help: ArgumentHelp("Check every commit in A..B and the files it changed.", valueName: "A..B")) var range: String?
    @Option(help: "text, json or github (workflow annotations).") var format: LintFormat = .text
    @Flag(help: "Fail on warnings too.") var strict = false

    func validate() throws {
        if [!paths.isEmpty, staged, range != nil].filter({ $0 }).count > 1 {
            throw ValidationError("give paths, --staged or --range, not several")
        }
    }

    func execute(_ context: CommandContext) throws {
        let linter = DeskLinter(repository: try openRepository(context))
        let report: LintReport
        if staged {
            let actor = try? context.actor(for: nil)
            let name = actor?.handle ?? ""
            report = try linter.lintStaged(
                author: ChangeAuthor(name: name, email: actor?.email ?? "", label: "staged change" + (name.isEmpty ? "" : " by \(name)")),
                indexPath: context.environment["GIT_INDEX_FILE"].map { absolute($0, base: FileManager.default.currentDirectoryPath) })
        } else if let range {
            report = try linter.lintRange(range)
        } else if !paths.isEmpty, case let relative = try deskRelative(paths, root: linter.repository.workdir),
                  !relative.contains(".") {
            report = try linter.lint(paths: relative)
        } else {
            report = try linter.lintWorkingTree()
        }
        Terminal.out((global.json ? .json : format).reporter.render(report))
        let failed = report.errors > 0 || (strict && report.warnings > 0)
        if !global.json, format != .json {
            func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
            var scope = count(report.filesChecked, "file")
            if report.commitsChecked > 0 { scope = count(report.commitsChecked, "commit") + ", " + scope }
            Terminal.note("desk lint: \(count(report.errors, "error")), \(count(report.warnings, "warning")) (\(scope) checked)")
        }
        if failed { throw ExitCode(1) }
    }

    /// The repository to lint: as git's environment names it inside a hook, else like every command.
    private func openRepository(_ context: CommandContext) throws -> Repository {
        do {
            if global.directory == nil, context.environment["DESK_DIR"] == nil,
               ["GIT_DIR", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY"].contains(where: { context.environment[$0] != nil }) {
                return try Repository.openFromEnvironment()
            }
            return try Repository.discover(from: context.startDirectory)
        } catch let error as GitError where error.code == .notFound {
            throw DeskError.notADesk(path: context.startDirectory)
        } catch let error as GitError {
            throw DeskError.git(error, context: "cannot open the repository at \(context.startDirectory)")
        }
    }

    private func deskRelative(_ paths: [String], root: String?) throws -> [String] {
        guard let root else { throw DeskError.invalidInput("a bare repository has no files to lint: use --range A..B") }
        let base = global.directory.map { absolute($0, base: FileManager.default.currentDirectoryPath) }
            ?? FileManager.default.currentDirectoryPath
        // Not resolving symbolic links: a link inside the desk is reported, never followed out of it.
        let rootPath = URL(fileURLWithPath: root).standardizedFileURL.path
        return try paths.map { path in
            let full = URL(fileURLWithPath: absolute(path, base: base)).standardizedFileURL.path
            if full == rootPath { return "." }
            guard full.hasPrefix(rootPath + "/") else {
                throw DeskError.invalidInput("\(path) is outside the desk at \(rootPath)")
            }
            return String(full.dropFirst(rootPath.count + 1))
        }
    }

    private func absolute(_ path: String, base: String) -> String {
        path.hasPrefix("/") ? path : base + "/" + path
    }
}
