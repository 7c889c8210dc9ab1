import DeskTestSupport
import Foundation
import XCTest

/// Base for the end-to-end tests: each test gets its own freshly initialised desk, removed afterwards.
class DeskTestCase: XCTestCase {
    // swiftlint:disable:next implicitly_unwrapped_optional
    var desk: TemporaryDesk!

    override func setUpWithError() throws {
        try super.setUpWithError()
        desk = try TemporaryDesk()
    }

    override func tearDownWithError() throws {
        desk?.remove()
        desk = nil
        try super.tearDownWithError()
    }

    /// `git status --porcelain` is empty: desk left nothing uncommitted, untracked or unstaged.
    func assertWorkingTreeClean(_ context: String = "", file: StaticString = #filePath, line: UInt = #line) throws {
        let status = try desk.git("status", "--porcelain", "--untracked-files=all")
        XCTAssertTrue(status.succeeded, "\(status)", file: file, line: line)
        XCTAssertEqual(status.stdout, "", "git status is not clean \(context)", file: file, line: line)
        try assertGitIndexMatchesHead(context, file: file, line: line)
    }

    /// git's index (which desk patches itself) is readable by git and describes exactly HEAD's tree.
    func assertGitIndexMatchesHead(_ context: String = "", file: StaticString = #filePath, line: UInt = #line) throws {
        let diff = try desk.git("diff-index", "--cached", "--quiet", "HEAD")
        XCTAssertEqual(diff.exitCode, 0, "git's index differs from HEAD \(context)\n\(diff)", file: file, line: line)
        let written = try desk.git("write-tree")
        XCTAssertTrue(written.succeeded, "git write-tree failed \(context)\n\(written)", file: file, line: line)
        XCTAssertEqual(written.trimmedStdout, try desk.gitOutput("rev-parse", "HEAD^{tree}"),
                       "git write-tree of the index is not HEAD's tree \(context)", file: file, line: line)
        let files = try desk.git("diff-files", "--quiet")
        XCTAssertEqual(files.exitCode, 0, "working tree differs from git's index \(context)\n\(files)", file: file, line: line)
    }

    /// `git fsck --strict` finds nothing wrong (dangling objects from an abandoned commit are fine).
    func assertFsckClean(_ context: String = "", file: StaticString = #filePath, line: UInt = #line) throws {
        let fsck = try desk.git("fsck", "--strict", "--no-dangling", "--no-progress")
        XCTAssertTrue(fsck.succeeded, "git fsck failed \(context)\n\(fsck)", file: file, line: line)
        XCTAssertEqual(fsck.stdout + fsck.stderr, "", "git fsck reported problems \(context)", file: file, line: line)
    }
}

/// The process exited with `code` (not killed), with the whole result in the failure message.
func assertExit(_ result: CommandResult, _ code: Int32, _ message: String = "",
                file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertFalse(result.signaled, "\(message)\n\(result)", file: file, line: line)
    XCTAssertEqual(result.exitCode, code, "\(message)\n\(result)", file: file, line: line)
}

func assertSuccess(_ result: CommandResult, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    assertExit(result, 0, message, file: file, line: line)
}

/// `text` contains `part`, showing both when it does not.
func assertContains(_ text: String, _ part: String, _ message: String = "",
                    file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertTrue(text.contains(part), "expected to find \(part.debugDescription) in:\n\(text)\n\(message)",
                  file: file, line: line)
}

func assertNotContains(_ text: String, _ part: String, _ message: String = "",
                       file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertFalse(text.contains(part), "expected no \(part.debugDescription) in:\n\(text)\n\(message)",
                   file: file, line: line)
}

/// Lines of `text`, without the empty one after the last newline.
func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
}

extension SplitMix64 {
    /// The seed from `DESK_E2E_SEED`, else a fresh one; printed so a failure can be replayed.
    static func seeded(_ testName: String) -> SplitMix64 {
        let seed = ProcessInfo.processInfo.environment["DESK_E2E_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 1...UInt64.max)
        print("\(testName): seed \(seed) (replay with DESK_E2E_SEED=\(seed))")
        return SplitMix64(seed: seed)
    }
}
