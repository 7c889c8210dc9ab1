import Foundation

/// A made-up fleet of laptops with 90 days of realistic telemetry and degradations injected on
/// known days, so the detector can be scored (`DetectorEvaluation`) in tests and by
/// `make bench`. Deterministic: the same seeded generator gives the same fleet.
public struct SyntheticFleet: Sendable {
    /// One laptop and its hardware model (peers of a model behave alike).
    public struct Device: Sendable, Equatable {
        public let id: String
        public let model: String
    }

    /// A degradation the generator put in, i.e. the answer key.
    public struct Injection: Sendable, Equatable {
        /// The shape of the injected change.
        public enum Shape: String, Sendable, CaseIterable {
            case gradual, step, diskFilling, crashBurst
        }

        public let device: String
        public let metric: TelemetryMetric
        public let shape: Shape
        /// First day with the change.
        public let start: Int
        /// Final relative size (0.25 = 25 % worse). Crash bursts add `8 × size` crashes a day.
        public let size: Double
        /// The day the change reached 25 % (the start for steps and bursts): detection delay is
        /// counted from here, since before it the change is not yet one the detector must see.
        public let onset: Int
        /// Days a gradual change takes to reach its full size (1 for steps and bursts).
        public let rampDays: Int
    }

    public let devices: [Device]
    public let series: [DailySeries]
    public let injections: [Injection]
    /// Days are numbered 0..<days; day 0 is a Monday (slot 0 of `day % 7`).
    public let days: Int

    static let models = ["LAT-5440", "T14-G3", "EB-840-G9", "XPS-13-9320", "SURF-L5"]

    /// Generates `deviceCount` devices; about `degradedShare` of them get one injected
    /// degradation starting somewhere in `injectionStarts`.
    public static func generate<R: RandomNumberGenerator>(
        deviceCount: Int, days: Int = 90, degradedShare: Double = 0.35,
        injectionStarts: ClosedRange<Int> = 52...80, using rng: inout R
    ) -> SyntheticFleet {
        var random = Draw(rng: rng)
        defer { rng = random.rng }
        var devices: [Device] = []
        var series: [DailySeries] = []
        var injections: [Injection] = []
        let modelFactors = models.map { _ in random.uniform(0.85, 1.25) }
        for number in 1...max(deviceCount, 1) {
            let id = String(format: "LPT-%04d", number)
            let modelIndex = random.int(models.count)
            devices.append(Device(id: id, model: models[modelIndex]))
            let injection = random.uniform() < degradedShare
                ? inject(device: id, days: days, starts: injectionStarts, &random) : nil
            if let injection { injections.append(injection) }
            // Days the laptop was off: most weekends, a few random days, sometimes a holiday.
            var off = [Bool](repeating: false, count: days)
            for day in 0..<days {
                off[day] = random.uniform() < (day % 7 >= 5 ? 0.6 : 0.04)
            }
            if random.uniform() < 0.1 {
                let first = random.int(days)
                for day in first..<min(days, first + 7 + random.int(8)) { off[day] = true }
            }
            for metric in TelemetryMetric.allCases {
                let applied = injection?.metric == metric ? injection : nil
                series.append(DailySeries(device: id, metric: metric,
                                          samples: samples(metric, modelFactors[modelIndex], off, applied, &random)))
            }
        }
        return SyntheticFleet(devices: devices, series: series, injections: injections, days: days)
    }

    private static func inject<R>(device: String, days: Int, starts: ClosedRange<Int>, _ random: inout Draw<R>) -> Injection {
        let pick = random.uniform()
        let shape: Injection.Shape = pick < 0.3 ? .gradual : pick < 0.6 ? .step : pick < 0.8 ? .diskFilling : .crashBurst
        let metric: TelemetryMetric
        switch shape {
        case .gradual, .step:
            let choices: [TelemetryMetric] = [.bootSeconds, .loginSeconds, .appStartSeconds, .cpuPercent, .memoryPercent]
            metric = choices[random.int(choices.count)]
        case .diskFilling: metric = .diskFreePercent
        case .crashBurst: metric = .crashes
        }
        let size = random.uniform(0.10, 0.60)
        let start = starts.lowerBound + random.int(starts.count)
        let ramps = shape == .gradual || shape == .diskFilling
        var rampDays = ramps ? 7 + random.int(15) : 1
        var onset = start
        if ramps, size > 0.25 {
            // Short enough that 25 % is reached a few days before the data ends.
            let reach = max(1, days - 5 - start)
            rampDays = max(1, min(rampDays, Int(Double(reach) * size / 0.25)))
            onset = start + Int((0.25 / size * Double(rampDays)).rounded(.up)) - 1
        }
        return Injection(device: device, metric: metric, shape: shape, start: start, size: size,
                         onset: onset, rampDays: rampDays)
    }

    /// Raw samples for one metric of one device: level, noise, weekly pattern, patch days,
    /// spikes, missing days, several boots a day, plus the injected change.
    private static func samples<R>(_ metric: TelemetryMetric, _ modelFactor: Double, _ off: [Bool],
                                   _ injection: Injection?, _ random: inout Draw<R>) -> [(day: Int, value: Double)] {
        // (typical level, relative daily noise, Monday factor, patch-Tuesday factor, samples a day)
        let profile: (level: Double, noise: Double, monday: Double, patch: Double, perDay: Int)
        switch metric {
        case .bootSeconds: profile = (35, 0.08, 1.25, 1.5, 3)
        case .loginSeconds: profile = (15, 0.10, 1.15, 1.3, 3)
        case .appStartSeconds: profile = (3, 0.10, 1.05, 1.2, 3)
        case .cpuPercent: profile = (22, 0.10, 1.15, 1.4, 1)
        case .memoryPercent: profile = (55, 0.05, 1.0, 1.1, 1)
        case .diskFreePercent: profile = (0, 0, 1, 1, 1)
        case .crashes: profile = (0, 0, 1, 1, 1)
        }
        var result: [(day: Int, value: Double)] = []
        let level = profile.level * modelFactor * random.uniform(0.75, 1.35)
        var diskFree = random.uniform(20, 70)
        let diskDrift = random.uniform(0, 0.08)
        let crashRate = random.uniform(0, 0.4)
        for day in 0..<off.count {
            let change = injection.map { $0.change(on: day) } ?? 0
            diskFree = max(1, diskFree - diskDrift + (random.uniform() < 0.01 ? random.uniform(2, 8) : 0))
            if off[day] { continue }
            switch metric {
            case .diskFreePercent:
                var value = diskFree * (1 - change) + random.normal() * 0.5
                if random.uniform() < 0.02 { value -= random.uniform(5, 15) }  // a big download, gone tomorrow
                result.append((day, min(100, max(0, value))))
            case .crashes:
                var count = random.poisson(crashRate + 8 * change)
                if random.uniform() < 0.01 { count += 3 + random.int(8) }  // one bad afternoon
                result.append((day, Double(count)))
            default:
                var dayLevel = level * (1 + change)
                if day % 7 == 0 { dayLevel *= profile.monday }
                if day % 14 == 1 { dayLevel *= profile.patch }
                let samplesToday = profile.perDay == 1 ? 1 : 1 + random.int(profile.perDay)
                for _ in 0..<samplesToday {
                    var value = dayLevel * exp(random.normal() * profile.noise)
                    if random.uniform() < 0.02 { value *= random.uniform(1.5, 3) }
                    result.append((day, metric == .memoryPercent || metric == .cpuPercent ? min(99, value) : value))
                }
            }
        }
        return result
    }
}

extension SyntheticFleet.Injection {
    /// Relative change applied on `day`: 0 before the start, ramping to `size` for gradual shapes.
    func change(on day: Int) -> Double {
        guard day >= start else { return 0 }
        return size * min(1, Double(day - start + 1) / Double(rampDays))
    }
}

/// Uniform, normal and Poisson draws from any seeded generator, spelled out rather than
/// taken from the standard library so a fleet stays identical across Swift versions.
struct Draw<R: RandomNumberGenerator> {
    var rng: R

    mutating func uniform() -> Double {
        Double(rng.next() >> 11) * 0x1p-53
    }

    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// 0..<bound.
    mutating func int(_ bound: Int) -> Int {
        Int(rng.next() % UInt64(max(bound, 1)))
    }

    /// Standard normal by Box–Muller.
    mutating func normal() -> Double {
        let u = max(uniform(), 0x1p-53)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * uniform())
    }

    /// Knuth's multiplication method; fine for the small rates crashes have.
    mutating func poisson(_ lambda: Double) -> Int {
        let limit = exp(-lambda)
        var product = uniform()
        var count = 0
        while product > limit {
            count += 1
            product *= uniform()
        }
        return count
    }
}
