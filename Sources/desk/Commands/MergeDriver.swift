import ArgumentParser
import DeskStore
import Foundation

struct MergeDriver: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-driver",
        abstract: "git's merge driver for desk files (set up by `desk hooks install`; git calls it).",
        discussion: """
          git config merge.desk.driver "desk merge-driver %O %A %B %P"

        Writes the merge of ANCESTOR, OURS and THEIRS into OURS; exits 0 when clean, 1 when the
        result has conflict markers for git to report. Currently git's line-based merge.
        """,
        shouldDisplay: false
    )

    @Argument(help: "The common ancestor's version (%O).") var ancestor: String
    @Argument(help: "Our version; receives the result (%A).") var ours: String
    @Argument(help: "Their version (%B).") var theirs: String
    @Argument(help: "The path in the repository (%P).") var path: String = ""

    func run() throws {
        func read(_ file: String) throws -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: file) else {
                Terminal.error("merge-driver: cannot read \(file)")
                throw ExitCode(2)
            }
            return [UInt8](data)
        }
        let result = try TextMerge.merge(ancestor: try read(ancestor), ours: try read(ours), theirs: try read(theirs),
                                         path: path.isEmpty ? ours : path)
        guard FileManager.default.createFile(atPath: ours, contents: Data(result.bytes)) else {
            Terminal.error("merge-driver: cannot write \(ours)")
            throw ExitCode(2)
        }
        if !result.clean { throw ExitCode(1) }
    }
}
