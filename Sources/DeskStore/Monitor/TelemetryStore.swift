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

    /// Inserts samples 64 to a statement (SQLite's per-statement work dominates one-row
    /// inserts), and one at a time only where a duplicate is possible: a sample whose time lies
    /// outside every time its series holds, stored or written earlier, cannot be one.
    private struct SampleWriter {
        static let batchSize = 64

        private struct Series: Hashable {
            var device: String
            var metric: TelemetryMetric
        }

        private let connection: SQLiteConnection?
        private let batch: Statement
        private let single: Statement
        private let span: Statement
        /// Oldest and newest time of each series seen so far (stored or written); nil when empty.
        private var spans: [Series: ClosedRange<Int64>?] = [:]
        private var pending: [Int] = []

        init(_ db: Database) throws {
            connection = db.sqliteConnection
            let rows = Array(repeating: "(?, ?, ?, ?)", count: Self.batchSize).joined(separator: ", ")
            batch = try db.makeStatement(sql: "INSERT INTO samples(device, metric, time, value) VALUES \(rows)")
            single = try db.makeStatement(sql: "INSERT OR IGNORE INTO samples(device, metric, time, value) VALUES(?, ?, ?, ?)")
            span = try db.makeStatement(sql: "SELECT MIN(time), MAX(time) FROM samples WHERE device = ? AND metric = ?")
            pending.reserveCapacity(Self.batchSize)
        }

        mutating func write(_ samples: [TelemetrySample], source: String) throws -> (stored: Int, rejects: [TelemetryReject]) {
            var stored = 0
            var rejects: [TelemetryReject] = []
            for index in samples.indices {
                let sample = samples[index]
                let series = Series(device: sample.device, metric: sample.metric)
                let known = try spans[series] ?? storedSpan(series)
                spans[series] = known.map { min($0.lowerBound, sample.time)...max($0.upperBound, sample.time) }
                    ?? sample.time...sample.time
                guard let known, known.contains(sample.time) else {
                    pending.append(index)
                    if pending.count == Self.batchSize { stored += try flush(samples) }
                    continue
                }
                // The same key may be waiting in `pending`: write those first.
                stored += try flush(samples)
                if try insert(sample, into: single.sqliteStatement, at: 0) == 1 {
                    stored += 1
                } else {
                    rejects.append(TelemetryReject(
                        source: source, line: sample.line, reason: .duplicate,
                        message: "\(sample.device) \(sample.metric.rawValue) at \(TelemetryTime.format(sample.time)) "
                            + "is already stored; the stored value is kept"))
                }
            }
            stored += try flush(samples)
            return (stored, rejects)
        }

        /// Writes the pending samples; returns how many.
        private mutating func flush(_ samples: [TelemetrySample]) throws -> Int {
            defer { pending.removeAll(keepingCapacity: true) }
            if pending.count == Self.batchSize {
                let statement = batch.sqliteStatement
                sqlite3_reset(statement)
                for (position, index) in pending.enumerated() { bind(samples[index], to: statement, at: Int32(position * 4)) }
                try step(statement)
                return pending.count
            }
            for index in pending { _ = try insert(samples[index], into: single.sqliteStatement, at: 0) }
            return pending.count
        }

        /// Inserts one sample; returns 1 when it was stored, 0 when its key already was.
        private func insert(_ sample: TelemetrySample, into statement: SQLiteStatement, at offset: Int32) throws -> Int32 {
            sqlite3_reset(statement)
            bind(sample, to: statement, at: offset)
            try step(statement)
            return sqlite3_changes(connection)
        }

        private func bind(_ sample: TelemetrySample, to statement: SQLiteStatement, at offset: Int32) {
            sqlite3_bind_text(statement, offset + 1, sample.device, -1, TelemetryStore.transient)
            sqlite3_bind_text(statement, offset + 2, sample.metric.rawValue, -1, TelemetryStore.transient)
            sqlite3_bind_int64(statement, offset + 3, sample.time)
            sqlite3_bind_double(statement, offset + 4, sample.value)
        }

        private func step(_ statement: SQLiteStatement) throws {
            let code = sqlite3_step(statement)
            guard code == SQLITE_DONE else { throw TelemetryStore.error(code, connection) }
        }

        private func storedSpan(_ series: Series) throws -> ClosedRange<Int64>? {
            let statement = span.sqliteStatement
            sqlite3_reset(statement)
            sqlite3_bind_text(statement, 1, series.device, -1, TelemetryStore.transient)
            sqlite3_bind_text(statement, 2, series.metric.rawValue, -1, TelemetryStore.transient)
            let code = sqlite3_step(statement)
            guard code == SQLITE_ROW else { throw TelemetryStore.error(code, connection) }
            guard sqlite3_column_type(statement, 0) != SQLITE_NULL else { return nil }
            return sqlite3_column_int64(statement, 0)...sqlite3_column_int64(statement, 1)
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
        if let devices {
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
            return try withExtendedLifetime(select) { try Self.series(select.sqliteStatement, db) }
        }
    }

    /// Groups rows of (device, metric, time, value) in key order into series.
    private static func series(_ statement: SQLiteStatement, _ db: Database) throws -> [DailySeries] {
        var series: [DailySeries] = []
        var device = ""
        var deviceBytes: [UInt8] = []
        var metricBytes: [UInt8] = []
        var metric: TelemetryMetric?
        var daily: [(day: Int, value: Double)] = []
        func flush() {
            if let metric, !daily.isEmpty { series.append(DailySeries(device: device, metric: metric, samples: daily)) }
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
            if !rowDevice.elementsEqual(deviceBytes) || !rowMetric.elementsEqual(metricBytes) {
                flush()
                if !rowDevice.elementsEqual(deviceBytes) {
                    deviceBytes = Array(rowDevice)
                    device = String(decoding: rowDevice, as: UTF8.self)
                }
                metricBytes = Array(rowMetric)
                // A metric this desk does not know (written by a newer one) is skipped.
                metric = TelemetryMetric(rawValue: String(decoding: rowMetric, as: UTF8.self))
            }
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

    /// The text of `column` in the current row, valid until the next step.
    private static func text(_ statement: SQLiteStatement, column: Int32) -> UnsafeBufferPointer<UInt8> {
        let bytes = sqlite3_column_text(statement, column)
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column)))
    }

    /// SQLITE_TRANSIENT: SQLite copies the text, so Swift's temporary C string may go at once.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    fileprivate static func error(_ code: Int32, _ connection: SQLiteConnection?) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: connection.map { String(cString: sqlite3_errmsg($0)) })
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
}
