import ArgumentParser

/// Flags every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customShort("C"), help: ArgumentHelp("Use the desk at DIR (default: $DESK_DIR, else search upward from here).", valueName: "DIR"))
    var directory: String?

    @Flag(help: "Print one JSON document on stdout.")
    var json = false

    @Flag(name: .customLong("no-color"), help: "Never colour the output (NO_COLOR is honoured too).")
    var noColor = false
}
