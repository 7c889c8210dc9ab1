import Foundation

/// How a metric reads in a ticket or a terminal: a label, its unit, and the symptom a user
/// would describe ("boots slower"), so a ticket reads like a colleague wrote it.
extension TelemetryMetric {
    public var label: String {
        switch self {
        case .bootSeconds: "Boot time"
        case .loginSeconds: "Login time"
        case .appStartSeconds: "App start time"
        case .cpuPercent: "CPU load"
        case .memoryPercent: "Memory in use"
        case .diskFreePercent: "Free disk space"
        case .crashes: "Crashes"
        }
    }

    /// The symptom, after the device id in a ticket title.
    public var symptom: String {
        switch self {
        case .bootSeconds: "boots slower"
        case .loginSeconds: "logs in slower"
        case .appStartSeconds: "starts apps slower"
        case .cpuPercent: "CPU busier than usual"
        case .memoryPercent: "memory fuller than usual"
        case .diskFreePercent: "disk filling up"
        case .crashes: "crashing more often"
        }
    }

    /// A value with its unit: `41.2 s`, `37 %`, `3.4 a day`.
    public func format(_ value: Double) -> String {
        switch self {
        case .bootSeconds, .loginSeconds, .appStartSeconds: String(format: "%.1f s", value)
        case .cpuPercent, .memoryPercent: String(format: "%.0f %%", value)
        case .diskFreePercent: String(format: "%.0f %% free", value)
        case .crashes: String(format: "%.1f a day", value)
        }
    }

    /// A signed percentage for people: `+71 %`, `−42 %`.
    public static func percentChange(_ share: Double) -> String {
        let rounded = Int((share * 100).rounded())
        return rounded < 0 ? "−\(-rounded) %" : "+\(rounded) %"
    }
}
