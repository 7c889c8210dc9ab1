import Foundation
import GRDB
// The two bulk loops step SQLite directly: GRDB's per-row argument arrays and row objects cost
// more than SQLite's own work at 630,000 rows. Everything else goes through GRDB.
#if canImport(GRDBSQLite)
internal import GRDBSQLite
#else
internal import SQLite3
#endif

/// What a telemetry store holds, in brief.
public struct TelemetrySummary: Sendable, Equatable {
    public var samples: Int
    public var devices: Int
    /// Oldest and newest sample times (epoch seconds), nil when the store is empty.
    public var first: Int64?
    public var last: Int64?
}

/// Device telemetry samples in SQLite (desk keeps it at `.git/desk/telemetry.sqlite`).
///
/// Samples are measurements, never committed to git: the store is the only copy of what was
/// ingested, keyed by (device, metric, time) so ingesting a file twice stores it once.
public final class TelemetryStore: Sendable {
    /// `PRAGMA user_version` of the layout below.
    ///
    /// 1: `samples(device, metric, time, value)`, primary key (device, metric, time), WITHOUT ROWID.
    static let schemaVersion = 1

    public let path: String
    private let queue: DatabaseQueue

    /// Opens the store at `path`, creating it when missing.
    ///
    /// Throws `DeskError.io` when the file is not a telemetry store this desk can read (corrupt,
    /// not SQLite, or written by a newer desk); `remove(at:)` deletes it.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.journalMode = .wal
        configuration.prepareDatabase { db in
            // 16 KiB pages (set before WAL mode, so only a new file takes them) make bulk inserts
            // a tenth faster than 4 KiB. Losing the last transaction on power loss is acceptable:
            // the file can be ingested again.
            try db.execute(sql: "PRAGMA page_size = 16384; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in try db.inTransaction(.immediate) { try Self.prepareSchema(db, path: path) } }
        } catch let error as DatabaseError {
            throw DeskError.io(path: path, detail: "cannot read the telemetry store (\(error.message ?? "\(error.resultCode)")); "
                + "delete it to start again (its samples are lost)")
        }
    }

    /// Creates the schema in a new file, or rebuilds it when the file holds an older layout.
    ///
    /// Rebuilt rather than migrated: there is no older layout yet, and a pre-version table cannot
    /// be trusted to mean the same. A newer layout is refused, so an older desk never wipes it.
    private static func prepareSchema(_ db: Database, path: String) throws -> Database.TransactionCompletion {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if version == schemaVersion { return .commit }
        guard version < schemaVersion else {
            throw DeskError.io(path: path, detail: "written by a newer desk (telemetry schema \(version), this desk reads "
                + "\(schemaVersion)); upgrade desk, or delete the file to start again")
        }
        try db.execute(sql: """
            DROP TABLE IF EXISTS samples;
            CREATE TABLE samples(
                device TEXT NOT NULL,
                metric TEXT NOT NULL,
                time INTEGER NOT NULL,
                value REAL NOT NULL,
                PRIMARY KEY(device, metric, time)
            ) WITHOUT ROWID;
            PRAGMA user_version = \(schemaVersion);
            """)
        return .commit
    }

    /// Deletes the store at `path` with its WAL files; the next open creates an empty one.
    public static func remove(at path: String) {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }

    // MARK: Writing

    /// Stores `samples` in one transaction. A sample whose device, metric and time are already
    /// stored is a `duplicate` reject naming its line in `source`; the stored value is kept.
    public func ingest(_ samples: [TelemetrySample], source: String) throws -> (stored: Int, rejects: [TelemetryReject]) {
        try queue.writeWithoutTransaction { db in
            var result: (stored: Int, rejects: [TelemetryReject]) = (0, [])
            try db.inTransaction(.immediate) {
                var writer = try SampleWriter(db)
                result = try writer.write(samples, source: source)
                return .commit
            }
            return result
        }
    }

    /// Inserts samples 64 to a statement (SQLite's per-statement work dominates one-row inserts)
    /// and finds duplicates without asking SQLite row by row: a sample whose time lies outside
    /// every time its series holds (stored or written earlier) cannot be one, and once a sample
    /// falls inside, the series' stored times are read into a set.
    private struct SampleWriter {
        static let batchSize = 64

        /// What is known of one series' times.
        private final class Series {
            /// Oldest and newest time stored or written; nil when there is none.
            var span: ClosedRange<Int64>?
            /// Every time stored or written, once a sample fell inside `span`.
            var times: Set<Int64>?

            init(span: ClosedRange<Int64>?) {
                self.span = span
            }
        }

        private let connection: SQLiteConnection?
        private let batch: Statement
        private let one: Statement
        private let span: Statement
        private let times: Statement
        /// The series of the current device by metric ordinal (input is mostly grouped by
        /// device); other devices' wait in `otherSeries`.
        private var device: String?
        private var series: [Series?] = []
        private var otherSeries: [String: [Series?]] = [:]
        private var pending: [Int] = []

        init(_ db: Database) throws {
            connection = db.sqliteConnection
            let rows = Array(repeating: "(?, ?, ?, ?)", count: Self.batchSize).joined(separator: ", ")
            // Plain inserts: duplicates never reach them, so a slip fails loudly instead of vanishing.
            batch = try db.makeStatement(sql: "INSERT INTO samples(device, metric, time, value) VALUES \(rows)")
            one = try db.makeStatement(sql: "INSERT INTO samples(device, metric, time, value) VALUES(?, ?, ?, ?)")
            span = try db.makeStatement(sql: "SELECT MIN(time), MAX(time) FROM samples WHERE device = ? AND metric = ?")
            times = try db.makeStatement(sql: "SELECT time FROM samples WHERE device = ? AND metric = ?")
            pending.reserveCapacity(Self.batchSize)
        }

        mutating func write(_ samples: [TelemetrySample], source: String) throws -> (stored: Int, rejects: [TelemetryReject]) {
            var rejects: [TelemetryReject] = []
            for index in samples.indices {
                let sample = samples[index]
                guard try isNew(sample, samples) else {
                    rejects.append(TelemetryReject(
                        source: source, line: sample.line, reason: .duplicate,
                        message: "\(sample.device) \(sample.metric.rawValue) at \(TelemetryTime.format(sample.time)) "
                            + "is already stored; the stored value is kept"))
                    continue
                }
                pending.append(index)
                if pending.count == Self.batchSize { try flush(samples) }
            }
            try flush(samples)
            return (samples.count - rejects.count, rejects)
        }

        /// Whether `sample`'s series has no sample at its time yet; records the time as taken.
        private mutating func isNew(_ sample: TelemetrySample, _ samples: [TelemetrySample]) throws -> Bool {
            if sample.device != device {
                if let device { otherSeries[device] = series }
                series = otherSeries.removeValue(forKey: sample.device)
                    ?? Array(repeating: nil, count: TelemetryMetric.allCases.count)
                device = sample.device
            }
            let slot = Int(sample.metric.ordinal)
            let known: Series
            if let found = series[slot] {
                known = found
            } else {
                known = Series(span: try storedSpan(sample.device, sample.metric))
                series[slot] = known
            }
            if known.times == nil, let span = known.span, span.contains(sample.time) {
                // Earlier samples of this series may still be pending: store them, then read all.
                try flush(samples)
                known.times = try storedTimes(sample.device, sample.metric)
            }
            if known.times != nil {
                return known.times!.insert(sample.time).inserted
            }
            known.span = known.span.map { min($0.lowerBound, sample.time)...max($0.upperBound, sample.time) }
                ?? sample.time...sample.time
            return true
        }

        private mutating func flush(_ samples: [TelemetrySample]) throws {
            defer { pending.removeAll(keepingCapacity: true) }
            if pending.count == Self.batchSize {
                let statement = batch.sqliteStatement
                sqlite3_reset(statement)
                for (position, index) in pending.enumerated() { bind(samples[index], to: statement, at: Int32(position * 4)) }
                try step(statement)
                return
            }
            let statement = one.sqliteStatement
            for index in pending {
                sqlite3_reset(statement)
                bind(samples[index], to: statement, at: 0)
                try step(statement)
            }
        }

        private func bind(_ sample: TelemetrySample, to statement: SQLiteStatement, at offset: Int32) {
            TelemetryStore.bind(sample.device, to: statement, at: offset + 1)
            TelemetryStore.bind(sample.metric.rawValue, to: statement, at: offset + 2)
            sqlite3_bind_int64(statement, offset + 3, sample.time)
            sqlite3_bind_double(statement, offset + 4, sample.value)
        }

        private func step(_ statement: SQLiteStatement) throws {
            let code = sqlite3_step(statement)
            guard code == SQLITE_DONE else { throw TelemetryStore.error(code, connection) }
        }

        private func storedSpan(_ device: String, _ metric: TelemetryMetric) throws -> ClosedRange<Int64>? {
            let statement = span.sqliteStatement
            sqlite3_reset(statement)
            TelemetryStore.bind(device, to: statement, at: 1)
            TelemetryStore.bind(metric.rawValue, to: statement, at: 2)
            let code = sqlite3_step(statement)
            guard code == SQLITE_ROW else { throw TelemetryStore.error(code, connection) }
            guard sqlite3_column_type(statement, 0) != SQLITE_NULL else { return nil }
            return sqlite3_column_int64(statement, 0)...sqlite3_column_int64(statement, 1)
        }

        private func storedTimes(_ device: String, _ metric: TelemetryMetric) throws -> Set<Int64> {
            let statement = times.sqliteStatement
            sqlite3_reset(statement)
            TelemetryStore.bind(device, to: statement, at: 1)
            TelemetryStore.bind(metric.rawValue, to: statement, at: 2)
            var result = Set<Int64>()
            while true {
                let code = sqlite3_step(statement)
                guard code == SQLITE_ROW else {
                    guard code == SQLITE_DONE else { throw TelemetryStore.error(code, connection) }
                    return result
                }
                result.insert(sqlite3_column_int64(statement, 0))
            }
        }
    }

    // MARK: Reading

    /// One series per device and metric with data, sorted by device then metric, with samples
    /// bucketed by UTC day: crashes of a day are summed (they are counts), other metrics take
    /// the day's median (so a reboot loop does not count ten times). `day` is the last day read.
    public func dailySeries(devices: Set<String>? = nil, metrics: Set<TelemetryMetric>? = nil,
                            through day: Int? = nil) throws -> [DailySeries] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        // A fleet-sized set would pass SQLite's limit on parameters; it is read whole and filtered here.
        let filterHere = devices.map { $0.count > 500 } ?? false
        if let devices, !filterHere {
            conditions.append("device IN (\(Array(repeating: "?", count: devices.count).joined(separator: ", ")))")
            arguments += devices.sorted() as [any DatabaseValueConvertible]
        }
        if let metrics {
            conditions.append("metric IN (\(Array(repeating: "?", count: metrics.count).joined(separator: ", ")))")
            arguments += metrics.map(\.rawValue).sorted() as [any DatabaseValueConvertible]
        }
        if let day {
            conditions.append("time < ?")
            arguments.append(Int64(day + 1) * 86_400)
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT device, metric, time, value FROM samples\(filter) ORDER BY device, metric, time"
        return try queue.read { db in
            let select = try db.makeStatement(sql: sql)
            try select.setArguments(StatementArguments(arguments))
            return try withExtendedLifetime(select) {
                try Self.series(select.sqliteStatement, db, devices: filterHere ? devices : nil)
            }
        }
    }

    /// The last UTC day with any sample, or nil when the store is empty.
    public func newestDay() throws -> Int? {
        try queue.read { db in
            try Int64.fetchOne(db, sql: "SELECT MAX(time) FROM samples").map(TelemetryTime.day(of:))
        }
    }

    /// Counts and the time span of what is stored.
    public func summary() throws -> TelemetrySummary {
        try queue.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), COUNT(DISTINCT device), MIN(time), MAX(time) FROM samples")!
            return TelemetrySummary(samples: row[0], devices: row[1], first: row[2], last: row[3])
        }
    }

    // MARK: SQLite

    /// Groups rows of (device, metric, time, value) in key order into series of `devices` (all when nil).
    private static func series(_ statement: SQLiteStatement, _ db: Database, devices: Set<String>?) throws -> [DailySeries] {
        var series: [DailySeries] = []
        var device = ""
        var wanted = true
        var deviceBytes: [UInt8] = []
        var metricBytes: [UInt8] = []
        var metric: TelemetryMetric?
        var daily: [(day: Int, value: Double)] = []
        func flush() {
            if let metric, wanted, !daily.isEmpty { series.append(DailySeries(device: device, metric: metric, samples: daily)) }
            daily.removeAll(keepingCapacity: true)
        }
        defer { sqlite3_reset(statement) }
        while true {
            let code = sqlite3_step(statement)
            guard code == SQLITE_ROW else {
                guard code == SQLITE_DONE else { throw Self.error(code, db.sqliteConnection) }
                break
            }
            // Device and metric are compared as bytes: a String is made once per series, not per row.
            let rowDevice = Self.text(statement, column: 0)
            let rowMetric = Self.text(statement, column: 1)
            let sameDevice = Self.equal(rowDevice, deviceBytes)
            if !sameDevice || !Self.equal(rowMetric, metricBytes) {
                flush()
                if !sameDevice {
                    deviceBytes = Array(rowDevice)
                    device = String(decoding: rowDevice, as: UTF8.self)
                    wanted = devices?.contains(device) ?? true
                }
                metricBytes = Array(rowMetric)
                // A metric this desk does not know (written by a newer one) is skipped.
                metric = TelemetryMetric(rawValue: String(decoding: rowMetric, as: UTF8.self))
            }
            guard wanted else { continue }
            let day = TelemetryTime.day(of: sqlite3_column_int64(statement, 2))
            let value = sqlite3_column_double(statement, 3)
            // Rows come in time order, so a day's crashes are adjacent and summed in place;
            // other metrics keep every sample and DailySeries takes the median.
            if metric == .crashes, let last = daily.last, last.day == day {
                daily[daily.count - 1].value += value
            } else {
                daily.append((day, value))
            }
        }
        flush()
        return series
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ other: [UInt8]) -> Bool {
        bytes.count == other.count && (bytes.isEmpty || other.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 })
    }

    /// The text of `column` in the current row, valid until the next step.
    private static func text(_ statement: SQLiteStatement, column: Int32) -> UnsafeBufferPointer<UInt8> {
        let bytes = sqlite3_column_text(statement, column)
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column)))
    }

    /// SQLITE_TRANSIENT: SQLite copies the text, so the pointer need only live through the call.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// Binds text without the C string Swift would allocate for a String argument (a metric's
    /// `rawValue` is a literal, so its bytes are at hand too).
    fileprivate static func bind(_ text: String, to statement: SQLiteStatement, at index: Int32) {
        var text = text
        text.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) { sqlite3_bind_text(statement, index, $0.baseAddress, Int32($0.count), transient) }
        }
    }

    fileprivate static func error(_ code: Int32, _ connection: SQLiteConnection?) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: connection.map { String(cString: sqlite3_errmsg($0)) })
    }
}
