import DeskStore

/// A moment given on the command line: `2026-11-23`, `2026-11-23T14:00:00Z`, or `2026-11-23T14:00:00+01:00`.
/// A bare date means the end of that day (UTC), so `--until 2026-11-30` includes the 30th.
enum MomentArgument {
    static func parse(_ text: String, endOfDay: Bool) -> Timestamp? {
        guard let moment = Timestamp(iso: text) else { return nil }
        return text.count == 10 && endOfDay ? Timestamp(seconds: moment.seconds + 86_399) : moment
    }
}
