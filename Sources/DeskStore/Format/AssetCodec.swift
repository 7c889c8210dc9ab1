/// Reads and writes asset files (`assets/LPT-0042.md`), with the conventions of tickets and
/// articles: fixed key order, every key present, unknown scalar keys kept.
///
/// Format version 1 (2026-12): `id, kind, model, owner, department, purchased, os, created,
/// updated`, then unknown keys; the body is free notes.
public enum AssetCodec {
    public static let keys = ["id", "kind", "model", "owner", "department", "purchased", "os", "created", "updated"]
    static let knownKeys = Set(keys)

    public static func encode(_ asset: Asset) -> String {
        var out = "---\n"
        func scalar(_ key: String, _ value: String?) {
            out += value.map { "\(key): \(YAMLScalar.inline($0))\n" } ?? "\(key):\n"
        }
        out += "id: \(asset.id.rawValue)\n"
        scalar("kind", asset.kind)
        scalar("model", asset.model)
        scalar("owner", asset.owner)
        scalar("department", asset.department)
        scalar("purchased", asset.purchased)
        scalar("os", asset.os)
        out += "created: \(asset.created)\n"
        out += "updated: \(asset.updated)\n"
        for field in asset.extra { scalar(YAMLScalar.inline(field.key), field.value) }
        out += "---\n"
        out += asset.body
        return out
    }

    /// Parses the asset stored at `path` and checks its id is the one its file name says.
    public static func decodeFile(_ bytes: [UInt8], path: String) throws -> Asset {
        let asset = try decode(bytes, path: path)
        guard asset.id.path == path else {
            throw FormatError(path: path, line: 2, rule: "id-mismatch",
                              message: "`id: \(asset.id)` does not match the file's name (\(path))")
        }
        return asset
    }

    public static func decode(_ bytes: [UInt8], path: String) throws -> Asset {
        let document = try FrontMatter.parse(bytes, path: path)
        let reader = FieldReader(path: path, fields: document.fields)
        let idText = try reader.requiredString("id")
        guard let id = AssetID(idText.value) else {
            throw FormatError(path: path, line: idText.line, rule: "id",
                              message: "`id: \(idText.value)` is not an asset id (letters, a dash, letters or digits: LPT-0042)")
        }
        let kind = try reader.requiredString("kind")
        var asset = Asset(id: id, kind: kind.value, created: try reader.requiredTime("created"))
        asset.model = try reader.optionalString("model")
        asset.owner = try reader.optionalString("owner")
        asset.department = try reader.optionalString("department")
        if let purchased = try reader.optionalString("purchased") {
            guard LocalDate(iso: purchased) != nil else {
                throw reader.error(reader.line(of: "purchased"), "value", "`purchased: \(purchased)` is not a date like 2025-03-14")
            }
            asset.purchased = purchased
        }
        asset.os = try reader.optionalString("os")
        asset.updated = try reader.optionalTime("updated") ?? asset.created
        asset.extra = try reader.unknownFields(known: knownKeys)
        asset.body = document.body
        return asset
    }
}
