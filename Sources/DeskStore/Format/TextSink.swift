/// Where an encoder writes: into a string, or against bytes already on disk.
///
/// The fast ticket reader proves a file is exactly what desk writes by encoding the ticket it
/// read; `MatchingSink` does that without building the text, stopping at the first difference.
protocol TextSink {
    mutating func write(_ text: String)
    mutating func write(_ text: Substring)
}

/// Collects the text.
struct StringSink: TextSink {
    var text = ""

    init(capacity: Int) { text.reserveCapacity(capacity) }

    mutating func write(_ text: String) { self.text += text }
    mutating func write(_ text: Substring) { self.text += text }
}

/// Compares what is written with `expected`, byte by byte.
struct MatchingSink: TextSink {
    let expected: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    private(set) var matches = true

    init(_ expected: UnsafeBufferPointer<UInt8>) { self.expected = expected }

    /// True when everything written equals `expected` exactly, to its last byte.
    var matchesAll: Bool { matches && position == expected.count }

    mutating func write(_ text: String) {
        guard matches else { return }
        var text = text
        text.withUTF8 { compare($0) }
    }

    mutating func write(_ text: Substring) {
        guard matches else { return }
        var text = text
        text.withUTF8 { compare($0) }
    }

    private mutating func compare(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard position + bytes.count <= expected.count else {
            matches = false
            return
        }
        for i in 0..<bytes.count where expected[position + i] != bytes[i] {
            matches = false
            return
        }
        position += bytes.count
    }
}
