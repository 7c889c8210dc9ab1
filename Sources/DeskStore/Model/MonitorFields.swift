/// The two front matter fields `desk monitor scan` writes on its tickets. They live with the
/// fields desk does not model (`extra`) so every other command keeps them as they are.
extension Ticket {
    /// `fingerprint`: `device|metric|family`, the problem the ticket is about.
    public static let fingerprintKey = "fingerprint"
    /// `monitor_since`: the first day of the problem; the baseline before it is what recovery
    /// is judged against.
    public static let monitorSinceKey = "monitor_since"
    /// `monitor_change`: the change last reported (`+58%`), or `recovered`.
    public static let monitorChangeKey = "monitor_change"
    /// Keys desk itself writes beyond the ticket model; lint knows them.
    public static let monitorKeys: Set<String> = [fingerprintKey, monitorSinceKey, monitorChangeKey]

    public var fingerprint: String? {
        get { extra.first { $0.key == Ticket.fingerprintKey }?.value }
        set { setExtra(Ticket.fingerprintKey, newValue) }
    }

    public var monitorSince: LocalDate? {
        get { extra.first { $0.key == Ticket.monitorSinceKey }.flatMap { LocalDate(iso: $0.value) } }
        set { setExtra(Ticket.monitorSinceKey, newValue?.description) }
    }

    /// The worsening last reported as a positive share (0.58), nil when none was or it was
    /// reported recovered.
    public var monitorChange: Double? {
        get {
            guard var text = extra.first(where: { $0.key == Ticket.monitorChangeKey })?.value, text.hasSuffix("%") else { return nil }
            text.removeLast()
            return Double(text.replacingOccurrences(of: "+", with: "")).map { abs($0) / 100 }
        }
        set { setExtra(Ticket.monitorChangeKey, newValue.map { "+\(Int(($0 * 100).rounded()))%" } ?? "recovered") }
    }

    private mutating func setExtra(_ key: String, _ value: String?) {
        if let index = extra.firstIndex(where: { $0.key == key }) {
            if let value { extra[index].value = value } else { extra.remove(at: index) }
        } else if let value {
            extra.append(ExtraField(key: key, value: value))
        }
    }
}
