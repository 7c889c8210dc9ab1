import DeskTestSupport
import Foundation
import XCTest

/// `desk monitor ingest|scan|show` through the real binary: telemetry in, one ticket per
/// problem out, no duplicates on a re-scan or across two desks that scan and then sync.
final class MonitorTests: DeskTestCase {
    /// 2026-11-23, the last day of the generated telemetry.
    static let lastDay = LastDay(year: 2026, month: 11, day: 23)

    struct LastDay {
        let year: Int, month: Int, day: Int
        var date: Date {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 8))!
        }
    }

    /// Six laptops of one model, `LPT-0001` … `LPT-0006`, owned by `user1` … `user6`.
    static func addFleet(_ desk: TemporaryDesk) throws {
        for n in 1...6 {
            try desk.require(desk.run("asset", "add", "LPT-000\(n)", "--kind", "laptop", "--model", "Latitude 5440",
                                      "--owner", "user\(n)", "--department", "sales"), "asset add")
        }
    }

    /// CSV telemetry for `days` days ending `daysBeforeEnd` before the last day: every metric with
    /// a little noise; `boot` gives LPT-0003's boot time as a factor of its usual on a day offset.
    static func csv(days: Int, endingDaysBefore end: Int = 0, seed: UInt64 = 7, header: Bool = true,
                    boot: (Int) -> Double = { _ in 1 }) -> String {
        var rng = SplitMix64(seed: seed)
        func noise(_ share: Double) -> Double {
            1 + share * (Double(rng.next() % 2001) / 1000 - 1)
        }
        var text = header ? "device,time,metric,value\n" : ""
        let formatter = ISO8601DateFormatter()
        for offset in stride(from: days - 1, through: 0, by: -1) {
            let daysBefore = offset + end
            let time = formatter.string(from: lastDay.date.addingTimeInterval(-Double(daysBefore) * 86_400))
            for n in 1...6 {
                let device = "LPT-000\(n)"
                let factor = n == 3 ? boot(daysBefore) : 1
                let rows: [(String, Double)] = [
                    ("boot_s", 30 * factor * noise(0.05)), ("login_s", 11 * noise(0.05)), ("app_start_s", 3.2 * noise(0.05)),
                    ("cpu_pct", 20 * noise(0.1)), ("mem_pct", 55 * noise(0.05)), ("disk_free_pct", 40 * noise(0.01)),
                    ("crashes", 0),
                ]
                for (metric, value) in rows { text += "\(device),\(time),\(metric),\(String(format: "%.2f", value))\n" }
            }
        }
        return text
    }

    /// LPT-0003 boots 70 % slower for the last 8 days.
    static func slowerBoot(_ daysBefore: Int) -> Double { daysBefore < 8 ? 1.7 : 1 }

    private func scan(_ args: String...) throws -> [String: Any] {
        let result = try desk.run(arguments: ["monitor", "scan", "--json"] + args)
        assertSuccess(result)
        return try JSON.object(result.stdout)
    }

    private func items(_ scan: [String: Any]) -> [[String: Any]] { scan["items"] as? [[String: Any]] ?? [] }

    func testIngestScanOpensOneTicketWithEvidenceAndNoDuplicateOnRescan() throws {
        try Self.addFleet(desk)
        try desk.write("telemetry.csv", Self.csv(days: 60, boot: Self.slowerBoot))
        let ingested = try desk.run("monitor", "ingest", desk.url("telemetry.csv").path, "--json")
        assertSuccess(ingested)
        let report = try JSON.object(ingested.stdout)
        XCTAssertEqual(report["stored"] as? Int, 60 * 6 * 7)
        XCTAssertEqual(report["rejected"] as? Int, 0)
        try FileManager.default.removeItem(at: desk.url("telemetry.csv"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: desk.url(".git/desk/telemetry.sqlite").path), "samples live under .git/desk")

        let commits = try desk.commitCount()
        let dry = try scan("--dry-run")
        XCTAssertEqual(items(dry).map { $0["action"] as? String }, ["opened"])
        XCTAssertEqual(try desk.commitCount(), commits, "--dry-run writes nothing")

        let first = try scan()
        XCTAssertEqual(first["day"] as? String, "2026-11-23")
        let opened = items(first)
        XCTAssertEqual(opened.count, 1, "only the slow laptop: \(opened)")
        XCTAssertEqual(opened.first?["action"] as? String, "opened")
        XCTAssertEqual(opened.first?["fingerprint"] as? String, "LPT-0003|boot_s|slower")
        XCTAssertEqual(opened.first?["ticket"] as? String, items(dry).first?["ticket"] as? String, "the id is derived, not drawn")
        let id = try XCTUnwrap(opened.first?["ticket"] as? String)
        XCTAssertEqual(try desk.commitCount(), commits + 1, "one commit per scan")

        let ticket = try desk.show(id)
        XCTAssertEqual(ticket["channel"] as? String, "monitor")
        XCTAssertEqual(ticket["asset"] as? String, "LPT-0003")
        XCTAssertEqual(ticket["requester"] as? String, "user3", "the device's owner is the requester")
        XCTAssertEqual(ticket["department"] as? String, "sales")
        XCTAssertEqual(ticket["category"] as? String, "hardware/performance")
        XCTAssertNotNil(ticket["resolve_due"] as? String, "due times on the SLA calendar, like any ticket")
        let file = String(decoding: try desk.read("tickets/\(id.dropFirst(2).prefix(2))/\(id).md"), as: UTF8.self)
        assertContains(file, "fingerprint: \"LPT-0003|boot_s|slower\"")
        assertContains(file, "monitor_since: \"2026-11-1")
        assertContains(file, "LPT-0003 boots slower")
        assertContains(file, "now against a usual ")
        assertContains(file, "Baseline: the device's own median")
        assertContains(file, "Peers: the median of the 6 Latitude 5440 devices")
        XCTAssertTrue(file.contains("▁") || file.contains("▂"), "a sparkline of the metric:\n\(file)")

        let again = try scan()
        XCTAssertEqual(items(again).map { $0["action"] as? String }, ["ongoing"])
        XCTAssertEqual(try desk.commitCount(), commits + 1, "a re-scan opens nothing new")
        XCTAssertEqual(try desk.listIDs("--channel", "monitor"), [id])
        try assertWorkingTreeClean("after scans")
        assertSuccess(try desk.run("lint"), "monitor tickets pass lint")

        let shown = try desk.run("monitor", "show", "lpt-0003", "--metric", "boot_s")
        assertSuccess(shown)
        assertContains(shown.stdout, "Boot time")
        assertContains(shown.stdout, "finding")
        assertContains(shown.stdout, id)
    }

    func testWorseCommentsThenRecoveryIsReportedOnce() throws {
        try Self.addFleet(desk)
        try desk.write("a.csv", Self.csv(days: 60, endingDaysBefore: 20, boot: { $0 < 28 ? 1.5 : 1 }))
        assertSuccess(try desk.run("monitor", "ingest", desk.url("a.csv").path))
        let id = try XCTUnwrap(items(try scan()).first?["ticket"] as? String)

        // Much worse for the next days: one comment, then quiet while it stays at that level.
        try desk.write("b.csv", Self.csv(days: 10, endingDaysBefore: 10, seed: 8, boot: { _ in 2.6 }))
        assertSuccess(try desk.run("monitor", "ingest", desk.url("b.csv").path))
        // A hand edit of the ticket not yet committed is never overwritten by a scan.
        let path = "tickets/\(id.dropFirst(2).prefix(2))/\(id).md"
        let committed = try desk.read(path)
        try desk.write(path, committed + Data("\nNote: replaced the SSD on Friday.\n".utf8))
        let refused = try desk.run("monitor", "scan")
        assertExit(refused, 4)
        assertContains(refused.stderr, path)
        XCTAssertTrue(String(decoding: try desk.read(path), as: UTF8.self).contains("replaced the SSD"), "the edit is kept")
        try desk.write(path, committed)
        XCTAssertEqual(items(try scan()).map { $0["action"] as? String }, ["worse"])
        XCTAssertEqual(items(try scan()).map { $0["action"] as? String }, ["ongoing"])

        // Repaired: ten normal days; the scan says so once.
        try desk.write("c.csv", Self.csv(days: 10, seed: 9))
        assertSuccess(try desk.run("monitor", "ingest", desk.url("c.csv").path))
        XCTAssertEqual(items(try scan()).map { $0["action"] as? String }, ["recovered"])
        XCTAssertEqual(items(try scan()).map { $0["action"] as? String }, [], "recovery is reported once")
        let activity = try desk.show(id)["activity"] as? [[String: Any]] ?? []
        let comments = activity.filter { $0["kind"] as? String == "comment" }.compactMap { $0["text"] as? String }
        XCTAssertEqual(comments.count, 2, "\(comments)")
        assertContains(comments.first ?? "", "worse")
        assertContains(comments.last ?? "", "back to its usual level")
        XCTAssertEqual(try desk.show(id)["status"] as? String, "new", "by default a person closes it")
    }

    func testRecoveryResolvesWhenDeskYmlSaysSo() throws {
        try Self.addFleet(desk)
        let config = String(decoding: try desk.read("desk.yml"), as: UTF8.self)
        try desk.commitByHand("desk.yml", config + "\nmonitor:\n  on_recovery: resolve\n  recovery_days: 5\n")
        try desk.write("a.csv", Self.csv(days: 60, endingDaysBefore: 10, boot: { $0 < 18 ? 1.6 : 1 }))
        assertSuccess(try desk.run("monitor", "ingest", desk.url("a.csv").path))
        let id = try XCTUnwrap(items(try scan()).first?["ticket"] as? String)
        try desk.write("b.csv", Self.csv(days: 10, seed: 3))
        assertSuccess(try desk.run("monitor", "ingest", desk.url("b.csv").path))
        XCTAssertEqual(items(try scan()).map { $0["action"] as? String }, ["resolved"])
        XCTAssertEqual(try desk.show(id)["status"] as? String, "resolved")
    }

    func testBadRowsAreCountedByLineAndNeverStopTheRest() throws {
        try Self.addFleet(desk)
        let text = """
            device,time,metric,value
            LPT-0001,2026-11-23T08:00:00Z,boot_s,31.5
            LPT-9999,2026-11-23T08:00:00Z,boot_s,31.5
            LPT-0001,2026-11-23T08:00:00Z,login_s,eleven
            LPT-0001,23/11/2026,cpu_pct,20
            LPT-0001,2026-11-23T08:00:00Z,boot_s,31.5
            LPT-0002,2026-11-23T08:00:00Z,fan_rpm,3000
            lpt-0002,2026-11-23T08:00:00Z,boot_s,29

            """
        try desk.write("bad.csv", text)
        let commits = try desk.commitCount()
        let result = try desk.run("monitor", "ingest", desk.url("bad.csv").path, "--json")
        assertExit(result, 1, "refused rows make the exit non-zero")
        let report = try JSON.object(result.stdout)
        XCTAssertEqual(report["stored"] as? Int, 2, "the good rows are stored, device ids in any case")
        let rejects = report["rejects"] as? [[String: Any]] ?? []
        XCTAssertEqual(rejects.compactMap { $0["line"] as? Int }, [3, 4, 5, 6, 7])
        XCTAssertEqual(rejects.compactMap { $0["reason"] as? String },
                       ["unknown_device", "bad_value", "bad_time", "duplicate", "unknown_metric"])
        let plain = try desk.run("monitor", "ingest", desk.url("bad.csv").path)
        assertExit(plain, 1)
        assertContains(plain.stderr, "bad.csv:3:")
        assertContains(plain.stderr, "LPT-9999")
        XCTAssertEqual(try desk.commitCount(), commits, "ingest never commits")
        XCTAssertEqual(items(try scan()).count, 0, "bad rows never make tickets")
        XCTAssertEqual(try desk.commitCount(), commits)

        let json = #"{"device":"LPT-0004","time":"2026-11-23T08:00:00Z","metric":"boot_s","value":30.1}"# + "\n"
            + #"{"device":"LPT-0004","time":1763884800,"metric":"crashes","value":"2"}"# + "\nnot json\n"
        let lines = try desk.run("monitor", "ingest", "-", "--json", stdin: json)
        assertExit(lines, 1)
        let fromStdin = try JSON.object(lines.stdout)
        XCTAssertEqual(fromStdin["stored"] as? Int, 2)
        XCTAssertEqual((fromStdin["rejects"] as? [[String: Any]])?.first?["line"] as? Int, 3)
        XCTAssertEqual((fromStdin["rejects"] as? [[String: Any]])?.first?["source"] as? String, "-")
    }

    func testConcurrentScansOpenOneTicket() throws {
        try Self.addFleet(desk)
        try desk.write("telemetry.csv", Self.csv(days: 60, boot: Self.slowerBoot))
        assertSuccess(try desk.run("monitor", "ingest", desk.url("telemetry.csv").path))
        try FileManager.default.removeItem(at: desk.url("telemetry.csv"))
        let scans = try (0..<4).map { _ in try desk.start(arguments: ["monitor", "scan", "--json"]) }
        for scan in scans { assertSuccess(scan.wait()) }
        XCTAssertEqual(try desk.listIDs("--channel", "monitor").count, 1, "one ticket whatever the interleaving")
        let file = try desk.gitOutput("log", "--format=%s", "--grep", "monitor scan")
        XCTAssertEqual(lines(file).count, 1, "one scan committed, the others found it done: \(file)")
        try assertWorkingTreeClean("after concurrent scans")
    }

    func testScanWithoutTelemetrySaysWhatToDo() throws {
        try Self.addFleet(desk)
        let result = try desk.run("monitor", "scan")
        XCTAssertNotEqual(result.exitCode, 0)
        assertContains(result.stderr, "desk monitor ingest")
    }
}

/// Two desks with the same telemetry scan before they sync: the derived id makes it one ticket.
final class MonitorSyncTests: XCTestCase {
    func testTwoDesksScanningTheSameProblemEndWithOneTicket() throws {
        let team = try DeskTeam(users: ["alice", "bob"])
        defer { team.remove() }
        let (alice, bob) = (team.desks[0], team.desks[1])
        try MonitorTests.addFleet(alice)
        try alice.require(alice.run("sync"), "sync the assets")
        try bob.require(bob.run("sync"), "sync the assets")
        let csv = MonitorTests.csv(days: 60, boot: MonitorTests.slowerBoot)
        var ids: [String] = []
        for desk in [alice, bob] {
            try desk.write("telemetry.csv", csv)
            try desk.require(desk.run("monitor", "ingest", desk.url("telemetry.csv").path), "ingest")
            try FileManager.default.removeItem(at: desk.url("telemetry.csv"))
            let scanned = try desk.require(desk.run("monitor", "scan", "--json"), "scan")
            let items = try JSON.object(scanned.stdout)["items"] as? [[String: Any]] ?? []
            ids += items.compactMap { $0["ticket"] as? String }
        }
        XCTAssertEqual(ids.count, 2)
        XCTAssertEqual(Set(ids).count, 1, "both desks derived the same id: \(ids)")
        try alice.require(alice.run("sync"), "alice pushes")
        try bob.require(bob.run("sync"), "bob merges")
        try alice.require(alice.run("sync"), "alice gets the merge")
        for desk in [alice, bob] {
            XCTAssertEqual(try desk.listIDs("--channel", "monitor", "--all"), [ids[0]], "one ticket on \(desk.user)'s desk")
            let rescan = try desk.require(desk.run("monitor", "scan", "--json"), "re-scan")
            let items = try JSON.object(rescan.stdout)["items"] as? [[String: Any]] ?? []
            XCTAssertEqual(items.compactMap { $0["action"] as? String }, ["ongoing"])
            assertSuccess(try desk.run("lint"))
        }
        XCTAssertEqual(try alice.head(), try bob.head())
    }
}
