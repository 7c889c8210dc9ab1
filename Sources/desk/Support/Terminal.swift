import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Colour and width decisions: colour only on a terminal, never with NO_COLOR or --no-color.
struct Terminal {
    let color: Bool
    let width: Int?

    init(noColor: Bool, environment: [String: String]) {
        let tty = isatty(STDOUT_FILENO) == 1
        color = tty && !noColor && environment["NO_COLOR"].map(\.isEmpty) ?? true && environment["TERM"] != "dumb"
        var size = winsize()
        width = tty && ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : nil
    }

    func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data(("desk: warning: " + message + "\n").utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("desk: error: " + message + "\n").utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
