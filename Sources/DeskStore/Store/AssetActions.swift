import Foundation

/// What `desk asset add` is asked to create.
public struct NewAssetRequest: Sendable {
    public var id: String
    public var kind: String
    public var model: String?
    public var owner: String?
    public var department: String?
    public var purchased: String?
    public var os: String?
    public var notes: String = ""

    public init(id: String, kind: String) {
        self.id = id
        self.kind = kind
    }
}

/// The outcome of a change to an asset.
public struct AssetResult: Sendable {
    public let asset: Asset
    public let commit: ObjectID?
    public var changed: Bool { commit != nil }
}

private struct AssetUnchanged: Error {
    let asset: Asset
}

extension Desk {
    /// The keys `desk asset edit --set` accepts.
    public static let settableAssetFields = ["kind", "model", "owner", "department", "purchased", "os", "notes"]

    /// `desk asset add`: a new asset file under the id on its label, in one commit.
    public func addAsset(_ request: NewAssetRequest, actor: Actor) throws -> AssetResult {
        try config.require(.work("register assets"), by: actor)
        guard let id = AssetID(request.id) else {
            throw DeskError.invalidValue(field: "asset id", value: request.id,
                                         expected: "letters, a dash, and letters or digits, as on the label (LPT-0042)")
        }
        var asset = Asset(id: id, kind: try Validate.name(request.kind, field: "kind"), created: .now())
        for (key, value) in [("model", request.model), ("owner", request.owner), ("department", request.department),
                             ("purchased", request.purchased), ("os", request.os)] {
            if let value { try Self.setAssetField(&asset, key: key, value: value) }
        }
        asset.body = try Validate.body(request.notes)
        let (commit, _) = try mutate { snapshot in
            if try gitCall("reading HEAD", { try snapshot.exists(id.path) }) {
                throw DeskError.invalidInput("asset \(id) exists already; change it with `desk asset edit \(id) --set KEY=VALUE`")
            }
            return Change(files: [FileChange(path: id.path, content: Array(AssetCodec.encode(asset).utf8))],
                          subject: "\(id): add \(asset.kind)\(asset.model.map { " " + $0 } ?? "")", ticket: nil,
                          action: "asset-add", actor: actor, time: asset.created)
        }
        return AssetResult(asset: asset, commit: commit)
    }

    /// `desk asset edit ID --set KEY=VALUE…`: one commit, or none when nothing changes.
    public func editAsset(_ input: String, assignments: [(key: String, value: String)], actor: Actor) throws -> AssetResult {
        try config.require(.work("change assets"), by: actor)
        let id = try resolveAssetID(input)
        var after: Asset?
        do {
            let (commit, _) = try mutate { snapshot in
                let (asset, blob) = try readAsset(id, in: snapshot)
                try ensureUnmodified(id.path, committed: blob)
                var updated = asset
                for (key, value) in assignments { try Self.setAssetField(&updated, key: key, value: value) }
                guard updated != asset else { throw AssetUnchanged(asset: asset) }
                let now = Timestamp.now()
                updated.updated = max(now, asset.updated)
                after = updated
                return Change(files: [FileChange(path: id.path, content: Array(AssetCodec.encode(updated).utf8))],
                              subject: "\(id): edit \(assignments.map(\.key).joined(separator: ", "))", ticket: nil,
                              action: "asset-edit", actor: actor, time: now)
            }
            return AssetResult(asset: after!, commit: commit)
        } catch let unchanged as AssetUnchanged {
            return AssetResult(asset: unchanged.asset, commit: nil)
        }
    }

    static func setAssetField(_ asset: inout Asset, key: String, value: String) throws {
        let trimmed = value.trimmingWhitespace()
        let optional: String? = trimmed.isEmpty ? nil : trimmed
        switch key {
        case "kind":
            guard let optional else { throw DeskError.invalidValue(field: key, value: value, expected: "a kind such as laptop") }
            asset.kind = try Validate.name(optional, field: key)
        case "model": asset.model = try optional.map { try Validate.name($0, field: key) }
        case "owner": asset.owner = try optional.map { try Validate.name($0, field: key) }
        case "department": asset.department = try optional.map { try Validate.name($0, field: key) }
        case "os": asset.os = try optional.map { try Validate.name($0, field: key) }
        case "purchased":
            if let optional, LocalDate(iso: optional) == nil {
                throw DeskError.invalidValue(field: key, value: value, expected: "a date like 2025-03-14")
            }
            // Lint refuses a purchase in the future; so does the command, with the same "today".
            if let optional, let date = LocalDate(iso: optional), date > LintContext.latestToday() {
                throw DeskError.invalidValue(field: key, value: value, expected: "the date the device was bought, not after today")
            }
            asset.purchased = optional
        case "notes": asset.body = try Validate.body(value)
        default: throw DeskError.unknownField(key, settable: settableAssetFields)
        }
    }

    // MARK: Reading assets

    /// `lpt-0042` → `LPT-0042`, when that asset exists.
    public func resolveAssetID(_ input: String) throws -> AssetID {
        guard let id = AssetID(input) else {
            throw DeskError.invalidValue(field: "asset", value: input, expected: "an asset id like LPT-0042")
        }
        guard try headSnapshot().exists(id.path) else {
            throw DeskError.invalidInput("asset \(id) not found; `desk asset list` shows the assets")
        }
        return id
    }

    /// The asset as committed at HEAD.
    public func asset(_ id: AssetID) throws -> Asset {
        try readAsset(id, in: try headSnapshot()).asset
    }

    /// Every asset at HEAD, by id; files that do not read are returned apart, with the reason.
    public func assets() throws -> (assets: [Asset], unreadable: [FormatError]) {
        try gitCall("reading assets/") {
            guard let head = try repository.headCommitID(),
                  let folder = try repository.treeEntry(try repository.commit(head).tree, path: "assets"),
                  folder.kind == .tree else { return ([], []) }
            var assets: [Asset] = [], unreadable: [FormatError] = []
            for entry in try repository.treeEntries(folder.id)
            where entry.kind == .blob && entry.name.hasSuffix(".md") && entry.name != "README.md" {
                do {
                    assets.append(try AssetCodec.decodeFile(try repository.readBlob(entry.id), path: "assets/" + entry.name))
                } catch let error as FormatError {
                    unreadable.append(error)
                }
            }
            return (assets.sorted { $0.id < $1.id }, unreadable)
        }
    }

    func readAsset(_ id: AssetID, in snapshot: Snapshot) throws -> (asset: Asset, blob: ObjectID) {
        guard let (blob, bytes) = try gitCall("reading \(id.path)", { try snapshot.file(id.path) }) else {
            throw DeskError.invalidInput("asset \(id) not found; `desk asset list` shows the assets")
        }
        do {
            return (try AssetCodec.decodeFile(bytes, path: id.path), blob)
        } catch let error as FormatError {
            throw DeskError.invalidFile(error)
        }
    }
}
