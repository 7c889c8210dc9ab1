import XCTest
@testable import DeskStore

/// The fast reader must accept every file desk writes, and agree with the full YAML reader.
final class CanonicalTicketParserTests: XCTestCase {
    func testAcceptsEveryExampleTicketAndAgreesWithTheFullParser() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/desk/tickets")
        let files = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".md") }
        XCTAssertGreaterThanOrEqual(files.count, 12)
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent(file)))
            let fast = CanonicalTicketParser.parse(bytes, path: file)
            XCTAssertNotNil(fast, "the fast reader refused \(file)")
            let document = try FrontMatter.parse(bytes, path: file)
            XCTAssertFalse(document.fields.isEmpty)
            XCTAssertEqual(fast.map(TicketCodec.encode), String(decoding: bytes, as: UTF8.self), file)
        }
    }

    func testRefusesHandWrittenYAMLSoTheFullParserDecides() {
        let file = """
        ---
        id: T-8KQ2M4XZ
        title: 'single quoted'   # a comment
        status: new
        created: 2026-11-23T14:00:00Z
        ---

        """
        XCTAssertNil(CanonicalTicketParser.parse(Array(file.utf8), path: "x"))
        XCTAssertEqual(try TicketCodec.decode(Array(file.utf8), path: "x").title, "single quoted")
    }
}
