import ArgumentParser
import DeskStore
import Foundation

/// What a command needs around its one DeskStore call: the desk, the actor, the terminal.
struct CommandContext {
    let options: GlobalOptions
    let environment = ProcessInfo.processInfo.environment
    let terminal: Terminal

    init(_ options: GlobalOptions) {
        self.options = options
        terminal = Terminal(noColor: options.noColor, environment: ProcessInfo.processInfo.environment)
    }

    /// The directory the desk is looked up from: `-C`, `DESK_DIR`, or the current directory.
    var startDirectory: String {
        options.directory ?? environment["DESK_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.currentDirectoryPath
    }

    func openDesk(proposingConfig: Bool = false) throws -> Desk {
        try Desk.open(at: startDirectory, proposingConfig: proposingConfig, warn: { Terminal.warn($0) })
    }

    func actor(for desk: Desk?) throws -> Actor {
        try Actor.resolve(environment: environment, repository: desk?.repository)
    }

    /// Reads a text argument, or all of stdin when it is `-`.
    func text(_ value: String) throws -> String {
        guard value == "-" else { return value }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else {
            throw DeskError.invalidInput("standard input is not valid UTF-8 text")
        }
        return text
    }

    /// `--set KEY=VALUE` options as pairs; the value of `textKey` may be `-` for stdin.
    func assignments(_ texts: [String], textKey: String) throws -> [(key: String, value: String)] {
        try texts.map { text in
            guard let eq = text.firstIndex(of: "=") else {
                throw DeskError.invalidValue(field: "--set", value: text, expected: "KEY=VALUE")
            }
            let key = String(text[..<eq])
            let value = String(text[text.index(after: eq)...])
            return (key, key == textKey ? try self.text(value) : value)
        }
    }

    func printJSON(_ value: OrderedFields) {
        JSONOutput.print(value)
    }

    func printJSON(_ values: [OrderedFields]) {
        JSONOutput.print(values)
    }
}

/// A leaf command: does its work in `execute`; errors become messages and exit codes here, once.
protocol DeskCommand: ParsableCommand {
    var global: GlobalOptions { get }
    func execute(_ context: CommandContext) throws
}

extension DeskCommand {
    func run() throws {
        let context = CommandContext(global)
        do {
            try execute(context)
        } catch let error as DeskError {
            report(error.code, error.description, context: context)
            throw ExitCode(error.exitCode)
        } catch let error as ExitCode {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch {
            report("internal", "\(error)", context: context)
            throw ExitCode(10)
        }
    }

    private func report(_ code: String, _ message: String, context: CommandContext) {
        if context.options.json {
            var body = OrderedFields()
            body.add("code", code)
            body.add("message", message)
            var document = OrderedFields()
            document.add("error", body)
            JSONOutput.print(document)
        }
        Terminal.error(message)
    }
}
