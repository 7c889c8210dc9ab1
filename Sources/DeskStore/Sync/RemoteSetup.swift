import Foundation

extension Desk {
    /// Adds a remote; a local path (relative to `folder`, where the user is) is stored
    /// absolute, so it means the same from any folder.
    public func addRemote(name: String, url: String, relativeTo folder: String) throws -> RemoteInfo {
        guard Repository.isValidRemoteName(name) else {
            throw DeskError.invalidValue(field: "remote name", value: name, expected: "a name git accepts, such as origin")
        }
        guard !url.isEmpty else { throw DeskError.invalidValue(field: "URL", value: url, expected: "a path or URL") }
        if try gitCall("reading the remotes", { try repository.remote(named: name) }) != nil {
            throw DeskError.invalidInput("a remote named \(name) exists already; `desk remote remove \(name)` first to change it")
        }
        var stored = url
        if !url.hasPrefix("file://"), let local = LocalRemote(url: url, root: folder) {
            stored = URL(fileURLWithPath: local.path).standardizedFileURL.path
        }
        try gitCall("adding remote \(name)") { try repository.addRemote(name: name, url: stored) }
        return RemoteInfo(name: name, url: stored)
    }

    /// Removes a remote; an unknown name is an error that lists the known ones.
    public func removeRemote(name: String) throws -> RemoteInfo {
        guard let remote = try gitCall("reading the remotes", { try repository.remote(named: name) }) else {
            let known = try gitCall("reading the remotes") { try repository.remotes() }.map(\.name)
            throw DeskError.invalidInput("no remote named \(name) (\(known.isEmpty ? "there are none" : "known: " + known.joined(separator: ", ")))")
        }
        try gitCall("removing remote \(name)") { try repository.removeRemote(name: name) }
        return remote
    }
}
