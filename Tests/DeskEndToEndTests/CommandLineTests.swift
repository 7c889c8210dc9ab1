import DeskTestSupport
import Foundation
import XCTest

/// The command line itself: help, version, and usage errors with exit code 2.
final class CommandLineTests: DeskTestCase {
    static let commands = ["init", "new", "show", "list", "assign", "comment", "status", "resolve", "close", "reopen",
                           "edit", "log", "gc"]

    func testHelpListsEveryCommandAndTheExitCodes() throws {
        let help = try desk.run("--help")
        assertSuccess(help)
        for command in Self.commands {
            XCTAssertNotNil(help.stdout.range(of: "(?m)^ +\(command) ", options: .regularExpression), "\(command) in --help")
        }
        assertContains(help.stdout, "Exit codes")
        for command in Self.commands {
            let result = try desk.run(command, "--help")
            assertSuccess(result, command)
            assertContains(result.stdout, "USAGE: desk \(command)", command)
            assertContains(result.stdout, "-C <DIR>", "every command takes -C (\(command))")
            assertContains(result.stdout, "--json", "every command takes --json (\(command))")
        }
    }

    func testVersion() throws {
        let result = try desk.run("--version")
        assertSuccess(result)
        XCTAssertNotNil(result.trimmedStdout.range(of: #"^\d+\.\d+\.\d+"#, options: .regularExpression), result.stdout)
    }

    func testUsageErrorsExitWithTwo() throws {
        let head = try desk.head()
        for args in [["frobnicate"], ["list", "--no-such-flag"], ["show"], ["assign", "T-AAAA0001"], ["new", "x", "--body"],
                     ["comment"], ["status", "T-AAAA0001"], ["-C"]] {
            let result = try desk.run(arguments: args)
            assertExit(result, 2, "\(args)")
            XCTAssertEqual(result.stdout, "", "\(args)")
            XCTAssertFalse(result.stderr.isEmpty, "\(args)")
        }
        XCTAssertEqual(try desk.head(), head)
    }

    func testUsageErrorWithJSONIsAJSONErrorDocument() throws {
        for args in [["list", "--no-such-flag", "--json"], ["show", "--json"], ["--json", "list", "--limit", "x"]] {
            let result = try desk.run(arguments: args)
            assertExit(result, 2, "\(args)")
            let error = try JSON.error(result.stdout)
            XCTAssertFalse(error.code.isEmpty)
            XCTAssertFalse(error.message.isEmpty)
        }
    }

    func testNoColourWhenNotATerminal() throws {
        let id = try desk.newTicket("Colourless", "--assignee", "bob")
        for args in [["list"], ["show", id], ["log"]] {
            let result = try desk.run(arguments: args, unset: ["NO_COLOR"])
            assertSuccess(result, "\(args)")
            assertNotContains(result.stdout, "\u{1B}[", "\(args)")
        }
    }
}
