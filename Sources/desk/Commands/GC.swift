import ArgumentParser
import DeskStore

struct GC: DeskCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Pack loose git objects (libgit2 has no gc), fold packs, optionally rebuild the query index.",
        discussion: """
          desk gc
          desk gc --reindex
          desk gc --full      # one pack for everything (nothing unreachable is dropped)
        """
    )

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Also rebuild the query index from git.") var reindex = false
    @Flag(help: "Fold every pack into one even when there are few.") var full = false

    func execute(_ context: CommandContext) throws {
        let desk = try context.openDesk()
        let packed = try desk.collectGarbage(full: full)
        var indexed = 0
        if reindex { indexed = try desk.rebuildIndex().filesParsed }
        if context.options.json {
            var out = OrderedFields()
            out.add("packed_objects", packed)
            out.add("reindexed_files", indexed)
            context.printJSON(out)
        } else {
            Terminal.note("Packed \(packed) object\(packed == 1 ? "" : "s")" + (reindex ? "; reindexed \(indexed) ticket files" : ""))
        }
    }
}
