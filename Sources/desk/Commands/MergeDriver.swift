import ArgumentParser
import DeskStore
import Foundation

struct MergeDriver: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-driver",
        abstract: "git's merge driver for desk files (set up by `desk hooks install`; git calls it).",
        discussion: """
          git config merge.desk.driver "desk merge-driver %O %A %B %P"

        Writes the merge of ANCESTOR, OURS and THEIRS into OURS. Tickets and articles merge field
        by field: a field both sides changed takes the later change and records the other in a
        `sync` activity entry, so they never conflict. Other files merge line by line as git would.
        Exits 0 when clean; 1 when the result has conflict markers for git to report, or when both
        sides added the same ticket id (the other ticket is renumbered and written beside it).
        """,
        shouldDisplay: false
    )

    @Argument(help: "The common ancestor's version (%O).") var ancestor: String
    @Argument(help: "Our version; receives the result (%A).") var ours: String
    @Argument(help: "Their version (%B).") var theirs: String
    @Argument(help: "The path in the repository (%P).") var path: String = ""

    func run() throws {
        let base = try read(ancestor), mine = try read(ours), other = try read(theirs)
        let repositoryPath = path.isEmpty ? ours : path
        // git gives an empty ancestor when both sides added the file; no desk file is empty.
        let outcome = FileMerge.merge(path: repositoryPath, base: base.isEmpty ? nil : base,
                                      ours: MergeSide(bytes: mine), theirs: MergeSide(bytes: other))
        try write(outcome.bytes ?? [], to: ours)
        for note in outcome.notes where note.field != "id" {
            Terminal.note("desk: \(note.path): both sides changed \(note.field); kept the later change (recorded in the activity)")
        }
        if let renumbered = outcome.renumbered {
            // git merges one path at a time: the renumbered ticket is left in the working tree
            // (git runs drivers at its top) and the merge stops so that it is committed too.
            guard !FileManager.default.fileExists(atPath: renumbered.path) else {
                Terminal.error("merge-driver: \(renumbered.path) already exists; not overwritten")
                throw ExitCode(2)
            }
            try? FileManager.default.createDirectory(atPath: (renumbered.path as NSString).deletingLastPathComponent,
                                                     withIntermediateDirectories: true)
            try write(renumbered.bytes, to: renumbered.path)
            let note = outcome.notes.first { $0.field == "id" }
            let what = repositoryPath.hasPrefix("kb/") ? "articles" : "tickets"
            Terminal.note("""
                desk: both sides created \(note?.kept ?? repositoryPath) as two different \(what); the later one is now \
                \(note?.dropped ?? renumbered.path) (\(renumbered.path)). Add both and commit:
                  git add \(repositoryPath) \(renumbered.path) && git commit --no-edit
                """)
            throw ExitCode(1)
        }
        if !outcome.clean { throw ExitCode(1) }
    }

    private func read(_ file: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: file) else {
            Terminal.error("merge-driver: cannot read \(file)")
            throw ExitCode(2)
        }
        return [UInt8](data)
    }

    private func write(_ bytes: [UInt8], to file: String) throws {
        guard FileManager.default.createFile(atPath: file, contents: Data(bytes)) else {
            Terminal.error("merge-driver: cannot write \(file)")
            throw ExitCode(2)
        }
    }
}
