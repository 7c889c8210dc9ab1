import Foundation

/// `desk.yml` as last parsed, kept under `.git/desk/` with the hash of the text it came from.
///
/// Reading YAML costs a few milliseconds per command (the YAML library compiles its regular
/// expressions first); the cached form is read back in a fraction of that. Derived data: a
/// missing, stale or unreadable cache is simply rebuilt.
enum ConfigCache {
    private struct Entry: Codable {
        var source: String
        var config: DeskConfig
    }

    static func load(_ bytes: [UInt8], stateDirectory: String, parse: () throws -> DeskConfig) throws -> DeskConfig {
        let path = stateDirectory + "/config.json"
        let source = (try? Repository.hashBlob(bytes).hex) ?? ""
        if !source.isEmpty, let data = FileManager.default.contents(atPath: path),
           let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.source == source {
            return entry.config
        }
        let config = try parse()
        if !source.isEmpty, let data = try? JSONEncoder().encode(Entry(source: source, config: config)) {
            try? AtomicFile.makeDirectories(stateDirectory)
            try? AtomicFile.write([UInt8](data), to: path, durable: false)
        }
        return config
    }
}
