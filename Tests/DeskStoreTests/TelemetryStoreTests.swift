@testable import DeskStore
import DeskTestSupport
import Foundation
import GRDB
import XCTest

/// Reading telemetry files (CSV and JSON Lines) and the SQLite store of samples.
final class TelemetryStoreTests: XCTestCase {
    static let devices: Set<String> = ["LPT-0042", "LPT-0043", "SRV-0001"]
    static let now = epoch("2026-12-01T00:00:00Z")

    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("desk-telemetry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: Helpers

    static func epoch(_ text: String) -> Int64 {
        var text = text
        return text.withUTF8 { try! TelemetryTime.parse($0).get() }
    }

    static func day(_ text: String) -> Int { TelemetryTime.day(of: epoch(text)) }

    /// Parses `text` with the fixture's devices, matched case-insensitively as assets are.
    func parse(_ text: String, source: String = "in.csv", now: Int64 = TelemetryStoreTests.now)
        -> (samples: [TelemetrySample], rejects: [TelemetryReject])
    {
        TelemetryParser.parse(Array(text.utf8), source: source, now: now) { name in
            Self.devices.contains(name.uppercased()) ? name.uppercased() : nil
        }
    }

    func store() throws -> TelemetryStore {
        try TelemetryStore(path: directory.appendingPathComponent("telemetry.sqlite").path)
    }

    func reasons(_ rejects: [TelemetryReject]) -> [String] {
        rejects.map { "\($0.line):\($0.reason.rawValue)" }
    }

    // MARK: CSV

    func testCSVWithColumnsInAnotherOrderQuotedFieldsAndCRLF() {
        let text = "# exported by the agent\r\n"
            + "Value,Metric,note,Device,TIME\r\n"
            + "38.2,boot_s,x,\"lpt-0042\",2026-11-23T08:14:00Z\r\n"
            + "\r\n"
            + "\"12.5\", login_s ,\"a, b \"\"quoted\"\"\",LPT-0043,\"2026-11-23 09:00\"\r\n"
        let (samples, rejects) = parse(text)
        XCTAssertEqual(rejects, [])
        XCTAssertEqual(samples, [
            TelemetrySample(device: "LPT-0042", metric: .bootSeconds, time: Self.epoch("2026-11-23T08:14:00Z"), value: 38.2, line: 3),
            TelemetrySample(device: "LPT-0043", metric: .loginSeconds, time: Self.epoch("2026-11-23T09:00:00Z"), value: 12.5, line: 5),
        ])
    }

    func testAFileWithoutARecognisableHeaderIsOneRejectAndNothingIsRead() {
        for text in ["LPT-0042,2026-11-23,boot_s,38\nLPT-0042,2026-11-24,boot_s,39\n",
                     "device,time,value\nLPT-0042,2026-11-23,38\n",
                     "device,time,metric,value,Device\nLPT-0042,2026-11-23,boot_s,38,x\n"] {
            let (samples, rejects) = parse(text)
            XCTAssertEqual(samples, [], text)
            XCTAssertEqual(reasons(rejects), ["1:malformed"], text)
            XCTAssertTrue(rejects.first?.message.contains("header") ?? false, text)
        }
        XCTAssertEqual(parse("").samples, [])
        XCTAssertEqual(parse("").rejects, [])
    }

    func testEveryRejectReasonNamesItsLineAndTheOtherRowsAreRead() {
        let text = """
            device,time,metric,value
            LPT-0042,2026-11-23T08:00:00Z,boot_s,38
            LPT-0042,2026-11-23T08:00:00Z,boot_s
            LPT-9999,2026-11-23T08:00:00Z,boot_s,38
            LPT-0042,2026-11-23T08:00:00Z,Boot_S,38
            LPT-0042,2026-11-23T25:00:00Z,login_s,38
            LPT-0042,2026-11-23T08:00:00Z,cpu_pct,101
            lpt-0042,2026-11-23T08:00:00Z,boot_s,40
            LPT-0042,2026-11-23T08:00:00Z,crashes,1.5
            LPT-0042,2026-11-23T08:00:00Z,login_s,-1
            "LPT-0042,2026-11-23,mem_pct,50
            LPT-0042,,mem_pct,50
            LPT-0042,2026-11-23T08:00:00Z,disk_free_pct,abc
            LPT-0042,2026-11-24T08:00:00Z,crashes,2

            """
        let (samples, rejects) = parse(text)
        XCTAssertEqual(samples.map(\.line), [2, 14])
        XCTAssertEqual(reasons(rejects), [
            "3:malformed", "4:unknown_device", "5:unknown_metric", "6:bad_time", "7:bad_value", "8:duplicate",
            "9:bad_value", "10:bad_value", "11:malformed", "12:malformed", "13:bad_value",
        ])
        let messages = Dictionary(uniqueKeysWithValues: rejects.map { ($0.line, $0.message) })
        XCTAssertTrue(messages[4]!.contains("LPT-9999"), messages[4]!)
        XCTAssertTrue(messages[5]!.contains("Boot_S"), messages[5]!)
        XCTAssertTrue(messages[6]!.contains("2026-11-23T25:00:00Z"), messages[6]!)
        XCTAssertTrue(messages[7]!.contains("101") && messages[7]!.contains("0…100"), messages[7]!)
        XCTAssertTrue(messages[8]!.contains("line 2"), messages[8]!)
        XCTAssertTrue(messages[9]!.contains("1.5") && messages[9]!.contains("whole"), messages[9]!)
        XCTAssertTrue(messages[10]!.contains("-1"), messages[10]!)
        XCTAssertTrue(messages[13]!.contains("abc"), messages[13]!)
        XCTAssertEqual(Set(rejects.map(\.source)), ["in.csv"])
    }

    func testTheDeviceResolverIsCalledOncePerDistinctSpelling() {
        var calls: [String] = []
        let text = "device,time,metric,value\n" + (1...20).map { "LPT-0042,2026-11-\(String(format: "%02d", $0)),boot_s,38\n" }.joined()
            + "lpt-0042,2026-11-21,boot_s,38\nNOPE,2026-11-21,boot_s,38\nNOPE,2026-11-22,boot_s,38\nLPT-0042,2026-11-22,boot_s,38\n"
        let (samples, rejects) = TelemetryParser.parse(Array(text.utf8), source: "in.csv", now: Self.now) { name in
            calls.append(name)
            return Self.devices.contains(name.uppercased()) ? name.uppercased() : nil
        }
        XCTAssertEqual(calls, ["LPT-0042", "lpt-0042", "NOPE"])
        XCTAssertEqual(samples.count, 22)
        XCTAssertEqual(Set(samples.map(\.device)), ["LPT-0042"])
        XCTAssertEqual(reasons(rejects), ["23:unknown_device", "24:unknown_device"])
    }

    func testValuesMustBeFiniteNumbersInTheirMetricsRange() {
        let accepted: [(String, TelemetryMetric, Double)] = [
            ("1e1", .bootSeconds, 10), ("+5", .loginSeconds, 5), (".5", .appStartSeconds, 0.5), ("100", .cpuPercent, 100),
            ("0", .crashes, 0), ("3", .crashes, 3), ("0.1", .memoryPercent, 0.1), ("-0", .diskFreePercent, 0),
            ("12345678901234567890", .bootSeconds, 12_345_678_901_234_567_890), ("2.5E-3", .bootSeconds, 0.0025),
        ]
        for (text, metric, expected) in accepted {
            let (samples, rejects) = parse("device,time,metric,value\nLPT-0042,2026-11-23,\(metric.rawValue),\(text)\n")
            XCTAssertEqual(rejects, [], text)
            XCTAssertEqual(samples.first?.value, expected, text)
        }
        let refused: [(String, TelemetryMetric)] = [
            ("nan", .bootSeconds), ("inf", .bootSeconds), ("1e400", .bootSeconds), ("0x10", .bootSeconds), ("1.2.3", .bootSeconds),
            ("e5", .bootSeconds), ("1e", .bootSeconds), ("-0.5", .diskFreePercent), ("100.01", .memoryPercent),
            ("-1", .crashes), ("2.5", .crashes), ("38 s", .bootSeconds),
        ]
        for (text, metric) in refused {
            let (samples, rejects) = parse("device,time,metric,value\nLPT-0042,2026-11-23,\(metric.rawValue),\(text)\n")
            XCTAssertEqual(samples, [], text)
            XCTAssertEqual(reasons(rejects), ["2:bad_value"], text)
        }
    }

    func testTheFastNumberReaderAgreesWithTheStandardLibrary() {
        let seed = TestSeed.value(fallback: 20_261_123)
        var rng = SplitMix64(seed: seed)
        for _ in 0..<20_000 {
            let whole = String(rng.next() % 1_000_000_000_000)
            let fraction = String(rng.next() % 10_000_000_000).prefix(Int(rng.next() % 11))
            let exponent = rng.next() % 4 == 0 ? "e\(Int(rng.next() % 61) - 30)" : ""
            let text = whole + (fraction.isEmpty ? "" : "." + fraction) + exponent
            let fast = Array(text.utf8).withUnsafeBufferPointer { TelemetryParser.number($0) }
            XCTAssertEqual(fast?.bitPattern, Double(text)?.bitPattern, "seed \(seed) (rerun with DESK_TEST_SEED=\(seed)): \(text)")
        }
    }

    // MARK: Times

    func testTimeZonesFormsAndEpochSecondsMeetOnTheSameUTCInstant() {
        let utc = Self.epoch("2026-11-22T23:30:00Z")
        for text in ["2026-11-23T01:30:00+02:00", "2026-11-23T01:30:00+0200", "2026-11-22T18:30:00-05:00",
                     "2026-11-22 23:30:00Z", "2026-11-22T23:30", "2026-11-22t23:30:00.999z", "\(utc)"] {
            XCTAssertEqual(Self.epoch(text), utc, text)
        }
        XCTAssertEqual(Self.day("2026-11-23T01:30:00+02:00"), Self.day("2026-11-22"))
        XCTAssertEqual(Self.epoch("2026-11-23"), Self.epoch("2026-11-23T00:00:00Z"))
        XCTAssertEqual(TelemetryTime.format(Self.epoch("2026-11-23T01:30:00+02:00")), "2026-11-22T23:30:00Z")
    }

    func testCivilDaysAgreeWithFoundationsCalendar() {
        let seed = TestSeed.value(fallback: 1_795_000_000)
        var rng = SplitMix64(seed: seed)
        let formatter = ISO8601DateFormatter()
        for _ in 0..<2_000 {
            let seconds = Int64(rng.next() % 4_102_444_800)  // 1970 … 2100
            let text = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            XCTAssertEqual(Self.epoch(text), seconds, "seed \(seed) (rerun with DESK_TEST_SEED=\(seed)): \(text)")
            XCTAssertEqual(TelemetryTime.format(seconds), text, "seed \(seed)")
            XCTAssertEqual(TelemetryTime.day(of: seconds), TelemetryDay.index(of: Date(timeIntervalSince1970: TimeInterval(seconds))))
        }
        for day in -800_000...800_000 where day % 97 == 0 {
            let date = TelemetryTime.civil(fromDays: day)
            XCTAssertEqual(TelemetryTime.daysFromCivil(year: date.year, month: date.month, day: date.day), day)
        }
    }

    func testImpossibleOldAndFutureTimesAreRejected() {
        let now = Self.epoch("2030-01-01T12:00:00Z")
        let refused = ["2026-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2100-02-29", "2026-11-23T24:00",
                       "2026-11-23T08:60", "2026-11-23T08:14:60Z", "2026-11-23T08:14:00+25:00", "2026-11-23T08:14:00+02",
                       "1999-12-31T23:59:59Z", "946684799", "2030-01-03T00:00:01Z", "2026-11-23T", "yesterday", "26-11-23",
                       "2026-11-23T08:14:00Q", "-5", "99999999999999"]
        for text in refused {
            let (samples, rejects) = parse("device,time,metric,value\nLPT-0042,\(text),boot_s,38\n", now: now)
            XCTAssertEqual(samples, [], text)
            XCTAssertEqual(reasons(rejects), ["2:bad_time"], text)
            XCTAssertTrue(rejects.first?.message.contains(text) ?? false, rejects.first?.message ?? text)
        }
        let accepted = ["2028-02-29", "2000-02-29T00:00:00Z", "2000-01-01", "946684800", "2030-01-02T12:00:00Z", "2026-11-23T23:59:59Z"]
        for text in accepted {
            XCTAssertEqual(parse("device,time,metric,value\nLPT-0042,\(text),boot_s,38\n", now: now).samples.count, 1, text)
        }
    }

    // MARK: JSON Lines

    func testJSONLinesWithNumbersStringsEscapesAndEpochTimes() {
        let text = """

            {"device": "LPT-0042", "time": "2026-11-23T08:14:00Z", "metric": "boot_s", "value": 38.2}
            {"metric":"login_s","value":"12.5","time":\(Self.epoch("2026-11-23T09:00:00Z")),"device":"lpt-0042","tags":["a",{"b":null}]}

            { "device" : "LPT-\\u0030043" , "time" : "2026-11-23" , "metric" : "crashes" , "value" : 2 , "ok" : true }
            """
        let (samples, rejects) = parse(text, source: "in.jsonl")
        XCTAssertEqual(rejects, [])
        XCTAssertEqual(samples, [
            TelemetrySample(device: "LPT-0042", metric: .bootSeconds, time: Self.epoch("2026-11-23T08:14:00Z"), value: 38.2, line: 2),
            TelemetrySample(device: "LPT-0042", metric: .loginSeconds, time: Self.epoch("2026-11-23T09:00:00Z"), value: 12.5, line: 3),
            TelemetrySample(device: "LPT-0043", metric: .crashes, time: Self.epoch("2026-11-23"), value: 2, line: 5),
        ])
    }

    func testJSONLinesRejects() {
        let text = """
            {"device": "LPT-0042", "time": "2026-11-23", "metric": "boot_s", "value": 38}
            {"device": "LPT-0042", "time": "2026-11-24", "metric": "boot_s"
            {"device": "LPT-0042", "time": "2026-11-24", "metric": "boot_s", "value": null}
            [1, 2]
            {"device": "LPT-0042", "time": "2026-11-24", "metric": "boot_s", "value": true}
            {"device": "LPT-0042", "time": 1795000000.5, "metric": "boot_s", "value": 38}
            {"device": "LPT-0042", "time": "2026-11-24", "metric": "boot", "value": 38}
            {"device": "LPT-0099", "time": "2026-11-24", "metric": "boot_s", "value": 38}
            {"device": "LPT-0042", "time": "2026-11-23", "metric": "boot_s", "value": 39}
            {"device": "LPT-0042", "time": "2026-11-24", "metric": "boot_s", "value": 38} trailing
            {"device": "LPT-0042", "time": "2026-11-24", "metric": "boot_s", "value": 01}
            {"device": "LPT-\\x", "time": "2026-11-24", "metric": "boot_s", "value": 1}
            {"device": "LPT-0042", "time": "2026-11-25", "metric": "cpu_pct", "value": "250"}
            {"device": "LPT-0042", "time": "2026-11-25", "metric": "cpu_pct", "value": 25}
            """
        let (samples, rejects) = parse(text, source: "in.jsonl")
        XCTAssertEqual(samples.map(\.line), [1, 14])
        XCTAssertEqual(reasons(rejects), [
            "2:malformed", "3:malformed", "4:malformed", "5:bad_value", "6:bad_time", "7:unknown_metric", "8:unknown_device",
            "9:duplicate", "10:malformed", "11:malformed", "12:malformed", "13:bad_value",
        ])
        XCTAssertTrue(rejects[1].message.contains("missing value"), rejects[1].message)
        XCTAssertTrue(rejects[4].message.contains("1795000000.5"), rejects[4].message)
        XCTAssertTrue(rejects[11].message.contains("250"), rejects[11].message)
    }

    func testTheJSONLineReaderFollowsJSONsGrammar() {
        func read(_ text: String) -> [String?]? {
            var reader = JSONLineReader()
            defer { reader.deallocate() }
            return Array(text.utf8).withUnsafeBufferPointer { bytes in
                guard reader.read(bytes) else { return nil }
                return [reader.device, reader.time, reader.metric, reader.value].map { $0.map { String(decoding: $0, as: UTF8.self) } }
            }
        }
        XCTAssertEqual(read(#"{"device":"a\"b\\c\u00e9\ud83d\ude00","value":-1.5e+3,"x":{"device":"inner"},"time":null}"#),
                       ["a\"b\\cé😀", nil, nil, "-1.5e+3"])
        XCTAssertEqual(read(#"{"value":1,"value":"2"}"#), [nil, nil, nil, "2"])
        XCTAssertEqual(read("{}"), [nil, nil, nil, nil])
        for bad in [#"{"a":1,}"#, #"{"a" 1}"#, #"{"a":01}"#, #"{"a":1.}"#, #"{"a":-}"#, #"{"a":tru}"#, #"{"a":"\q"}"#,
                    #"{"a":"\ud83d"}"#, #"{"a":[1,]}"#, #"{'a':1}"#, #"{"a":1}}"#, "{\"a\":\"tab\there\"}",
                    String(repeating: "[", count: 40)] {
            XCTAssertNil(read(bad), bad)
        }
        XCTAssertNil(read(#"{"a":"# + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}"))
        XCTAssertNotNil(read(#"{"a":"# + String(repeating: "[", count: 20) + String(repeating: "]", count: 20) + "}"))
    }

    // MARK: Store

    func testDuplicatesWithinOneInputAndAcrossTwoIngests() throws {
        let store = try store()
        let first = parse("""
            device,time,metric,value
            LPT-0042,2026-11-23T08:00:00Z,boot_s,38
            LPT-0042,2026-11-23T09:00:00Z,boot_s,40
            LPT-0042,2026-11-23T10:00:00+02:00,boot_s,41
            LPT-0043,2026-11-23T08:00:00Z,boot_s,50
            """)
        XCTAssertEqual(reasons(first.rejects), ["4:duplicate"])
        let stored = try store.ingest(first.samples, source: "first.csv")
        XCTAssertEqual(stored.stored, 3)
        XCTAssertEqual(stored.rejects, [])

        let second = parse("""
            device,time,metric,value
            LPT-0043,2026-11-24T08:00:00Z,boot_s,52
            LPT-0042,2026-11-23T09:00:00Z,boot_s,99
            LPT-0042,2026-11-22T09:00:00Z,boot_s,37
            LPT-0043,2026-11-23T08:00:00Z,boot_s,77
            """, source: "second.csv")
        XCTAssertEqual(second.rejects, [])
        let again = try store.ingest(second.samples, source: "second.csv")
        XCTAssertEqual(again.stored, 2)
        XCTAssertEqual(reasons(again.rejects), ["3:duplicate", "5:duplicate"])
        XCTAssertEqual(Set(again.rejects.map(\.source)), ["second.csv"])
        XCTAssertTrue(again.rejects[0].message.contains("LPT-0042 boot_s at 2026-11-23T09:00:00Z"), again.rejects[0].message)

        // The stored values were kept: 38 and 40 on the 23rd (median 39), 50 for LPT-0043.
        let series = try store.dailySeries(metrics: [.bootSeconds])
        XCTAssertEqual(series.map(\.device), ["LPT-0042", "LPT-0043"])
        XCTAssertEqual(series[0].days, [Self.day("2026-11-22"), Self.day("2026-11-23")])
        XCTAssertEqual(series[0].values, [37, 39])
        XCTAssertEqual(series[1].values, [50, 52])
    }

    func testIngestCatchesDuplicatesWithinOneBatchAndAcrossBatches() throws {
        let store = try store()
        let base = Self.epoch("2026-11-01")
        // 200 ascending samples go in batches; then a repeat of the 5th (written in the first batch),
        // of the last (still waiting for its batch), and a new time in between, twice.
        var samples = (0..<200).map { TelemetrySample(device: "LPT-0042", metric: .cpuPercent, time: base + Int64($0) * 60,
                                                      value: Double($0 % 100), line: $0 + 2) }
        samples.append(TelemetrySample(device: "LPT-0042", metric: .cpuPercent, time: base + 4 * 60, value: 1, line: 300))
        samples.append(TelemetrySample(device: "LPT-0042", metric: .cpuPercent, time: base + 199 * 60, value: 1, line: 301))
        samples.append(TelemetrySample(device: "LPT-0042", metric: .cpuPercent, time: base + 30, value: 1, line: 302))
        samples.append(TelemetrySample(device: "LPT-0042", metric: .cpuPercent, time: base + 30, value: 2, line: 303))
        let result = try store.ingest(samples, source: "direct")
        XCTAssertEqual(result.stored, 201)
        XCTAssertEqual(reasons(result.rejects), ["300:duplicate", "301:duplicate", "303:duplicate"])
        XCTAssertEqual(try store.summary().samples, 201)
    }

    func testDailyAggregationSumsCrashesAndTakesTheMedianOfOtherMetrics() throws {
        let store = try store()
        let (samples, rejects) = parse("""
            device,time,metric,value
            LPT-0042,2026-11-23T01:00:00Z,boot_s,30
            LPT-0042,2026-11-23T02:00:00Z,boot_s,90
            LPT-0042,2026-11-23T23:59:59Z,boot_s,31
            LPT-0042,2026-11-24T00:00:00Z,boot_s,50
            LPT-0042,2026-11-23T01:00:00Z,crashes,1
            LPT-0042,2026-11-23T05:00:00Z,crashes,2
            LPT-0042,2026-11-23T23:00:00Z,crashes,0
            LPT-0042,2026-11-24T01:30:00+02:00,crashes,4
            LPT-0042,2026-11-24T09:00:00Z,crashes,1
            LPT-0042,2026-11-23T09:00:00Z,mem_pct,40
            LPT-0042,2026-11-23T10:00:00Z,mem_pct,60
            """)
        XCTAssertEqual(rejects, [])
        _ = try store.ingest(samples, source: "in.csv")
        let series = try store.dailySeries()
        XCTAssertEqual(series.map(\.metric), [.bootSeconds, .crashes, .memoryPercent])
        let day = Self.day("2026-11-23")
        XCTAssertEqual(series[0].days, [day, day + 1])
        XCTAssertEqual(series[0].values, [31, 50])
        // The +02:00 crash belongs to the 23rd in UTC.
        XCTAssertEqual(series[1].days, [day, day + 1])
        XCTAssertEqual(series[1].values, [7, 1])
        XCTAssertEqual(series[2].values, [50])
        XCTAssertEqual(try store.newestDay(), day + 1)
    }

    func testSeriesAreSortedByDeviceThenMetricAndCanBeFiltered() throws {
        let store = try store()
        let day = Self.day("2026-11-20")
        var samples: [TelemetrySample] = []
        for device in ["SRV-0001", "LPT-0043", "LPT-0042"] {
            for metric in TelemetryMetric.allCases.reversed() {
                for offset in [2, 0, 1] {
                    samples.append(TelemetrySample(device: device, metric: metric, time: Int64(day + offset) * 86_400 + 3600,
                                                   value: Double(offset), line: samples.count + 1))
                }
            }
        }
        XCTAssertEqual(try store.ingest(samples, source: "in").stored, 63)
        let all = try store.dailySeries()
        let expected = ["LPT-0042", "LPT-0043", "SRV-0001"].flatMap { device in
            TelemetryMetric.allCases.sorted().map { "\(device) \($0.rawValue)" }
        }
        XCTAssertEqual(all.map { "\($0.device) \($0.metric.rawValue)" }, expected)
        XCTAssertTrue(all.allSatisfy { $0.days == [day, day + 1, day + 2] && $0.values == [0, 1, 2] })

        let some = try store.dailySeries(devices: ["LPT-0043", "NOPE"], metrics: [.crashes, .bootSeconds], through: day + 1)
        XCTAssertEqual(some.map { "\($0.device) \($0.metric.rawValue)" }, ["LPT-0043 boot_s", "LPT-0043 crashes"])
        XCTAssertTrue(some.allSatisfy { $0.days == [day, day + 1] })
        XCTAssertEqual(try store.dailySeries(devices: []), [])
        // A fleet-sized set is filtered outside SQL, with the same result.
        let many = Set((0..<600).map { String(format: "PC-%04d", $0) } + ["LPT-0043"])
        XCTAssertEqual(try store.dailySeries(devices: many, metrics: [.crashes, .bootSeconds], through: day + 1), some)
    }

    func testReopeningTheStoreKeepsItsSamples() throws {
        let path = directory.appendingPathComponent("telemetry.sqlite").path
        var store: TelemetryStore? = try TelemetryStore(path: path)
        XCTAssertNil(try store!.newestDay())
        XCTAssertEqual(try store!.summary(), TelemetrySummary(samples: 0, devices: 0, first: nil, last: nil))
        let (samples, _) = parse("device,time,metric,value\nLPT-0042,2026-11-23T08:00:00Z,boot_s,38\nLPT-0043,2026-11-25T08:00:00Z,boot_s,40\n")
        _ = try store!.ingest(samples, source: "in.csv")
        store = nil

        let reopened = try TelemetryStore(path: path)
        XCTAssertEqual(try reopened.summary(), TelemetrySummary(samples: 2, devices: 2, first: Self.epoch("2026-11-23T08:00:00Z"),
                                                                last: Self.epoch("2026-11-25T08:00:00Z")))
        XCTAssertEqual(try reopened.newestDay(), Self.day("2026-11-25"))
        XCTAssertEqual(try reopened.ingest(samples, source: "in.csv").rejects.count, 2)
    }

    func testACorruptStoreThrowsAClearErrorAndCanBeRemoved() throws {
        let path = directory.appendingPathComponent("telemetry.sqlite").path
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try TelemetryStore(path: path)) { error in
            guard case DeskError.io(let errorPath, let detail) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(errorPath, path)
            XCTAssertTrue(detail.contains("delete it"), detail)
        }
        TelemetryStore.remove(at: path)
        XCTAssertEqual(try TelemetryStore(path: path).summary().samples, 0)
    }

    func testANewerSchemaIsRefusedAndAnOlderOneRebuilt() throws {
        let path = directory.appendingPathComponent("telemetry.sqlite").path
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TABLE samples(x); INSERT INTO samples VALUES(1)")
        }
        XCTAssertEqual(try TelemetryStore(path: path).summary().samples, 0)

        try DatabaseQueue(path: path).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 99") }
        XCTAssertThrowsError(try TelemetryStore(path: path)) { error in
            XCTAssertTrue("\(error)".contains("newer desk"), "\(error)")
        }
    }

    func testFiftyThousandGeneratedRowsParseAndStoreInAnyOrder() throws {
        let seed = TestSeed.value(fallback: 50_000)
        var rng = SplitMix64(seed: seed)
        let devices = (0..<100).map { String(format: "LPT-%04d", $0) }
        let first = Self.day("2026-09-01")
        var rows: [String] = []
        for device in devices {
            for day in 0..<72 {
                for metric in TelemetryMetric.allCases where rows.count < 50_000 {
                    let value = metric == .crashes ? "\(rng.next() % 3)" : String(format: "%.1f", Double(rng.next() % 1000) / 10)
                    rows.append("\(device),\((first + day) * 86_400 + Int(rng.next() % 86_400)),\(metric.rawValue),\(value)")
                }
            }
        }
        XCTAssertEqual(rows.count, 50_000)
        // Half the rows in file order, then all of them shuffled: the second ingest finds the first half again.
        let ordered = "device,time,metric,value\n" + rows[..<25_000].joined(separator: "\n")
        rows.shuffle(using: &rng)
        let shuffled = "device,time,metric,value\n" + rows.joined(separator: "\n")
        let known = Set(devices)
        let resolve: (String) -> String? = { known.contains($0) ? $0 : nil }

        let store = try store()
        let part = TelemetryParser.parse(Array(ordered.utf8), source: "a.csv", now: Self.now, device: resolve)
        XCTAssertEqual(part.rejects, [], "seed \(seed)")
        XCTAssertEqual(try store.ingest(part.samples, source: "a.csv").stored, 25_000, "seed \(seed)")
        let all = TelemetryParser.parse(Array(shuffled.utf8), source: "b.csv", now: Self.now, device: resolve)
        XCTAssertEqual(all.samples.count, 50_000, "seed \(seed)")
        let result = try store.ingest(all.samples, source: "b.csv")
        XCTAssertEqual(result.stored, 25_000, "seed \(seed) (rerun with DESK_TEST_SEED=\(seed))")
        XCTAssertEqual(result.rejects.count, 25_000, "seed \(seed)")
        XCTAssertTrue(result.rejects.allSatisfy { $0.reason == .duplicate }, "seed \(seed)")

        let summary = try store.summary()
        XCTAssertEqual(summary.samples, 50_000)
        XCTAssertEqual(summary.devices, 100)
        let series = try store.dailySeries()
        XCTAssertEqual(series.count, 100 * TelemetryMetric.allCases.count)
        XCTAssertEqual(series.reduce(0) { $0 + $1.count }, 50_000)
        XCTAssertEqual(try store.newestDay(), first + 71)
    }
}
