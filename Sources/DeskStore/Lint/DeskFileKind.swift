/// What a path in a desk is, as far as `desk lint` is concerned.
enum DeskFileKind: Equatable {
    case config
    case ticket
    case article
    /// `assets/<ID>.md`. Merged as text and not indexed; lint reads it.
    case asset
    /// A file in a desk folder that is not a desk file; the reason says what was expected.
    case stray(String)
    /// Not a desk file and not in a desk folder (README.md, .gitattributes, …), or a folder's README.
    case other

    /// The folders whose every file must be a desk file.
    static let folders = ["tickets", "kb", "assets"]

    init(path: String) {
        // The common case first, without splitting the path: tickets/XY/T-XXXXXXXX.md.
        let utf8 = path.utf8
        if utf8.count == 25, utf8.starts(with: "tickets/".utf8), !path.dropFirst(8).prefix(2).contains("/"),
           path.hasSuffix(".md"), path.utf8[path.utf8.index(path.utf8.startIndex, offsetBy: 10)] == UInt8(ascii: "/"),
           TicketID(String(path.dropFirst(11).dropLast(3))) != nil {
            self = .ticket
            return
        }
        if path == DeskConfigCodec.fileName { self = .config; return }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard let folder = parts.first, DeskFileKind.folders.contains(String(folder)), parts.count > 1 else {
            self = .other
            return
        }
        let name = parts.last!
        if name.hasPrefix(".") || (parts.count == 2 && name == "README.md") { self = .other; return }
        if folder == "tickets" {
            // A ticket in the wrong shard folder is still a ticket: reading it reports `id-mismatch`.
            if parts.count == 3, name.hasSuffix(".md"), TicketID(String(name.dropLast(3))) != nil {
                self = .ticket
            } else {
                self = .stray("tickets/ holds only ticket files, tickets/<shard>/T-XXXXXXXX.md")
            }
        } else if folder == "kb" {
            if parts.count == 2, name.hasSuffix(".md"), ArticleID(String(name.dropLast(3))) != nil {
                self = .article
            } else {
                self = .stray("kb/ holds only article files, kb/KB-XXXXXX.md")
            }
        } else {
            if parts.count == 2, name.hasSuffix(".md"), AssetID(String(name.dropLast(3))) != nil {
                self = .asset
            } else {
                self = .stray("assets/ holds only asset files, assets/<ID>.md such as assets/LPT-0042.md")
            }
        }
    }
}
