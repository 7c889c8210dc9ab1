import DeskStore
import Foundation

/// `desk-bench telemetry`: a synthetic fleet as a desk's assets plus its telemetry as CSV, for
/// timing `desk monitor ingest` and `desk monitor scan`.
enum TelemetryCommand {
    /// Day 0 of the synthetic fleet is a Monday: 2026-08-24, so 90 days end on 2026-11-21.
    static let firstDay = LocalDate(year: 2026, month: 8, day: 24).dayNumber

    static func run(_ args: Arguments) throws {
        guard args.positional.count == 1 else { throw BenchError("telemetry needs exactly one DIR (a desk)") }
        let dir = args.positional[0]
        guard let devices = Int(args.options["--devices"] ?? ""), devices > 0 else { throw BenchError("telemetry needs --devices N") }
        guard let csv = args.options["--csv"] else { throw BenchError("telemetry needs --csv FILE") }
        let days = Int(args.options["--days"] ?? "90") ?? 90
        guard let seed = UInt64(args.options["--seed"] ?? "1") else { throw BenchError("--seed must be a whole number") }
        let start = monotonicSeconds()
        var rng = SplitMix64(seed: seed)
        let fleet = SyntheticFleet.generate(deviceCount: devices, days: days, injectionStarts: (days - 38)...(days - 10), using: &rng)
        try Files.makeDirectory(dir + "/assets")
        let created = Timestamp(seconds: Int64(firstDay) * 86_400)
        for (number, device) in fleet.devices.enumerated() {
            guard let id = AssetID(device.id) else { throw BenchError("\(device.id) is not an asset id") }
            var asset = Asset(id: id, kind: "laptop", created: created)
            asset.model = device.model
            asset.owner = "user\(number % 400 + 1)"
            asset.department = ["sales", "finance", "hr", "marketing", "engineering"][number % 5]
            try Files.writeWhole(dir + "/" + id.path, AssetCodec.encode(asset))
        }
        var text = "device,time,metric,value\n"
        text.reserveCapacity(fleet.series.count * days * 40)
        var rows = 0
        for series in fleet.series {
            let spread = series.device.utf8.reduce(0) { $0 &* 31 &+ Int($1) } & 0xFFFF
            // Exactly one sample a day: a day the synthetic laptop was off repeats its last value,
            // so the file holds devices × days × 7 rows, the volume the ingest target names.
            var last = series.values.first ?? 0
            for day in 0..<days {
                if let value = series[day] { last = value }
                // Mornings, between 07:00 and 09:59 UTC, spread by device and day.
                let seconds = Int64(firstDay + day) * 86_400 + 25_200 + Int64((day * 7919 + spread) % 10_800)
                text += "\(series.device),\(Timestamp(seconds: seconds)),\(series.metric.rawValue),\(rounded(last))\n"
                rows += 1
            }
        }
        try Files.writeWhole(csv, text)
        print("wrote \(fleet.devices.count) assets in \(dir)/assets and \(rows) samples (\(text.utf8.count / 1_048_576) MiB) to \(csv) "
              + "in \(String(format: "%.1f", monotonicSeconds() - start)) s; \(fleet.injections.count) injected degradations")
    }

    private static func rounded(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}

/// `desk-bench detector-eval`: the detector scored on a synthetic fleet, as JSON for `make bench`.
enum DetectorEvalCommand {
    static func run(_ args: Arguments) throws {
        let devices = Int(args.options["--devices"] ?? "300") ?? 300
        guard let seed = UInt64(args.options["--seed"] ?? "20261204") else { throw BenchError("--seed must be a whole number") }
        var rng = SplitMix64(seed: seed)
        let fleet = SyntheticFleet.generate(deviceCount: devices, using: &rng)
        let outcome = DetectorEvaluation.run(fleet, detector: DegradationDetector(), scanDays: 50...(fleet.days - 1))
        var shapes: [String: Any] = [:]
        for shape in SyntheticFleet.Injection.Shape.allCases {
            let tally = outcome.byShape[shape]
            shapes[shape.rawValue] = ["detected": tally?.detected ?? 0, "total": tally?.total ?? 0]
        }
        let document: [String: Any] = [
            "seed": seed, "devices": devices, "days": fleet.days, "precision": outcome.precision,
            "recall": outcome.recall, "median_delay_days": outcome.medianDelay ?? -1,
            "true_positives": outcome.truePositives, "false_positives": outcome.falsePositives,
            "recall_detected": outcome.recallTally.detected, "recall_total": outcome.recallTally.total,
            "recall_by_shape": shapes, "summary": outcome.summary,
            "false_alarms": outcome.falseAlarms.map {
                "\($0.fingerprint) \($0.kind.rawValue) day \($0.detectedOn) since \($0.since) " + String(format: "%+.0f%%", $0.relativeChange * 100)
            },
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}
