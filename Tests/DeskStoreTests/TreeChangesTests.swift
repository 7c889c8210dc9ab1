@testable import DeskStore
import DeskTestSupport
import XCTest

/// `Repository.changedFiles` walks two trees side by side; git's own diff is the reference.
final class TreeChangesTests: XCTestCase {
    func testMatchesGitDiffTreeOnRandomHistories() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["DESK_TEST_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64.max)
        print("TreeChangesTests seed \(seed) (set DESK_TEST_SEED to repeat)")
        var rng = SplitMix64(seed: seed)
        let desk = try TemporaryDesk()
        defer { desk.remove() }
        // Names chosen to exercise git's tree order: "a" vs "a.md" vs "a/" and "a-b" sorting before "a/".
        let names = ["a", "a.md", "a-b", "a0", "b", "tickets", "kb", "x.y"]
        var files = Set<String>()
        for round in 0..<25 {
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let depth = 1 + Int(rng.next() % 3)
                let path = "z/" + (0..<depth).map { _ in names[Int(rng.next() % UInt64(names.count))] }.joined(separator: "/")
                let existing = files.first { $0 == path || $0.hasPrefix(path + "/") || path.hasPrefix($0 + "/") }
                if let existing, rng.next() % 2 == 0 {
                    try FileManager.default.removeItem(at: desk.url(existing))
                    files.remove(existing)
                } else if existing == nil || existing == path, !isDirectory(desk.url(path)),
                          !ancestorIsFile(desk.url(path).deletingLastPathComponent()) {
                    try FileManager.default.createDirectory(at: desk.url(path).deletingLastPathComponent(),
                                                            withIntermediateDirectories: true)
                    try desk.write(path, "round \(round) \(rng.next())\n")
                    files.insert(path)
                }
            }
            XCTAssertTrue(try desk.git("add", "-A").succeeded)
            XCTAssertTrue(try desk.git("commit", "-q", "--allow-empty", "-m", "round \(round)").succeeded)
            let repository = try Repository.open(at: desk.root.path)
            let head = try XCTUnwrap(repository.headCommitID())
            let info = try repository.commit(head)
            let parentTree = try info.parents.first.map { try repository.commit($0).tree }
            let ours = try repository.changedFiles(from: parentTree, to: info.tree).map(\.path)
            let git = try desk.gitOutput("diff-tree", "-r", "--no-commit-id", "--name-only", "HEAD~1", "HEAD")
            XCTAssertEqual(ours.sorted(), git.split(separator: "\n").map(String.init).sorted(), "round \(round), seed \(seed)")
        }
    }

    // Removed files leave empty folders behind, and a file may sit where a folder is wanted.
    private func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }

    private func ancestorIsFile(_ url: URL) -> Bool {
        var current = url
        while current.path.count > 1 {
            var directory: ObjCBool = false
            if FileManager.default.fileExists(atPath: current.path, isDirectory: &directory), !directory.boolValue { return true }
            current = current.deletingLastPathComponent()
        }
        return false
    }
}
