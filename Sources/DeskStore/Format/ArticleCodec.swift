/// Reads and writes knowledge article files (`kb/KB-….md`), with the same conventions as tickets:
/// fixed key order, every key present, unknown scalar keys kept.
///
/// Format version 1 (2026-11): `id, title, status, audience, tags, category, created, updated,
/// owner, source`, then unknown keys; the body is the solution.
public enum ArticleCodec {
    public static let formatVersion = 1
    public static let keys = ["id", "title", "status", "audience", "tags", "category", "created", "updated", "owner", "source"]
    static let knownKeys = Set(keys)

    public static func encode(_ article: Article) -> String {
        var out = "---\n"
        func scalar(_ key: String, _ value: String?) {
            out += value.map { "\(key): \(YAMLScalar.inline($0))\n" } ?? "\(key):\n"
        }
        out += "id: \(article.id.rawValue)\n"
        out += "title: \(YAMLScalar.inline(article.title))\n"
        out += "status: \(article.status.rawValue)\n"
        out += "audience: \(article.audience.rawValue)\n"
        out += "tags: \(YAMLScalar.flowList(article.tags))\n"
        scalar("category", article.category)
        out += "created: \(article.created)\n"
        out += "updated: \(article.updated)\n"
        scalar("owner", article.owner)
        out += "source: \(YAMLScalar.flowList(article.source))\n"
        for field in article.extra { scalar(YAMLScalar.inline(field.key), field.value) }
        out += "---\n"
        out += article.body
        return out
    }

    /// Parses the article stored at `path` and checks its id is the one its file name says.
    public static func decodeFile(_ bytes: [UInt8], path: String) throws -> Article {
        let article = try decode(bytes, path: path)
        guard article.id.path == path else {
            throw FormatError(path: path, line: 2, rule: "id-mismatch",
                              message: "`id: \(article.id)` does not match the file's name (\(path))")
        }
        return article
    }

    public static func decode(_ bytes: [UInt8], path: String) throws -> Article {
        let document = try FrontMatter.parse(bytes, path: path)
        let reader = FieldReader(path: path, fields: document.fields)
        let idText = try reader.requiredString("id")
        guard let id = ArticleID(idText.value) else {
            throw FormatError(path: path, line: idText.line, rule: "id",
                              message: "`id: \(idText.value)` is not an article id (KB- and up to 7 letters or digits)")
        }
        let title = try reader.requiredString("title")
        let created = try reader.requiredTime("created")
        var article = Article(id: id, title: title.value, created: created)
        article.status = try reader.optionalEnum("status") { ArticleStatus(rawValue: $0) } ?? .draft
        article.audience = try reader.optionalEnum("audience") { Audience(rawValue: $0) } ?? .internal
        article.tags = try reader.stringList("tags")
        article.category = try reader.optionalString("category")
        article.updated = try reader.optionalTime("updated") ?? created
        article.owner = try reader.optionalString("owner")
        article.source = try reader.stringList("source")
        article.extra = try reader.unknownFields(known: knownKeys)
        article.body = document.body
        return article
    }
}
