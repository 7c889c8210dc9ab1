/// A field both sides changed to different values, resolved in favour of the later side.
struct FieldConflict: Equatable {
    var field: String
    /// The values as text; nil for an empty (unset) value.
    var kept: String?
    var dropped: String?

    func note(path: String) -> MergeConflictNote {
        MergeConflictNote(path: path, field: field, kept: kept ?? "", dropped: dropped ?? "")
    }
}

/// The three versions of one document (ticket or article) and the field-by-field rules.
///
/// A field changed on one side takes that side's value; changed on both sides to the same value
/// is no conflict; changed to different values, the winning side's value is kept and the
/// conflict is recorded. A missing base (both sides added the file) counts as every field unset.
struct ThreeWay<Document> {
    let base: Document?
    let ours: Document
    let theirs: Document
    let order: MergeOrder
    private(set) var conflicts: [FieldConflict] = []

    init(base: Document?, ours: Document, theirs: Document, order: MergeOrder) {
        self.base = base
        self.ours = ours
        self.theirs = theirs
        self.order = order
    }

    /// A required field: without a base, any difference is a conflict.
    mutating func value<T: Equatable>(_ field: String, _ key: KeyPath<Document, T>, show: (T) -> String?) -> T {
        resolve(field, base: base.map { $0[keyPath: key] }, ours: ours[keyPath: key], theirs: theirs[keyPath: key],
                show: show)
    }

    /// An optional field: without a base it counts as unset there, so a value set on one side is kept.
    mutating func optional<T: Equatable>(_ field: String, _ key: KeyPath<Document, T?>,
                                         show: (T) -> String) -> T? {
        resolve(field, base: .some(base.flatMap { $0[keyPath: key] }), ours: ours[keyPath: key],
                theirs: theirs[keyPath: key], show: { $0.map(show) })
    }

    mutating func resolve<T: Equatable>(_ field: String, base: T?, ours o: T, theirs t: T, show: (T) -> String?) -> T {
        if o == t { return o }
        if let b = base {
            if o == b { return t }
            if t == b { return o }
        }
        let (kept, dropped) = order.oursWins ? (o, t) : (t, o)
        conflicts.append(FieldConflict(field: field, kept: show(kept), dropped: show(dropped)))
        return kept
    }

    /// A list merged as a set (`tags`, `links`, `kb`, `source`).
    func set(_ key: KeyPath<Document, [String]>) -> [String] {
        ListMerge.merge(base: base.map { $0[keyPath: key] } ?? [], ours: ours[keyPath: key], theirs: theirs[keyPath: key])
    }

    /// Front matter keys desk does not know: merged key by key like optional fields; keys in base
    /// order, then keys added on either side sorted by their bytes.
    mutating func extra(_ key: KeyPath<Document, [ExtraField]>) -> [ExtraField] {
        let o = ours[keyPath: key], t = theirs[keyPath: key], b = base.map { $0[keyPath: key] } ?? []
        if o == t { return o }
        if base != nil, o == b { return t }
        if base != nil, t == b { return o }
        func value(_ fields: [ExtraField], _ name: String) -> String? { fields.first { $0.key == name }?.value }
        var names: [String] = []
        for field in b where !names.contains(field.key) { names.append(field.key) }
        let baseCount = names.count
        for field in o + t where !names.contains(field.key) { names.append(field.key) }
        names[baseCount...].sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var merged: [ExtraField] = []
        for name in names {
            let resolved = resolve(name, base: .some(value(b, name)), ours: value(o, name), theirs: value(t, name),
                                   show: { $0 })
            if let resolved { merged.append(ExtraField(key: name, value: resolved)) }
        }
        return merged
    }

    /// The Markdown body: git's line merge; when both sides changed the same lines the later
    /// side's whole body is kept and the other recorded as a conflict (nothing is lost).
    mutating func body(path: String, _ key: KeyPath<Document, String>, field: String = "body") -> String {
        let o = ours[keyPath: key], t = theirs[keyPath: key], b = base.map { $0[keyPath: key] }
        if o == t { return o }
        if let b, o == b { return t }
        if let b, t == b { return o }
        if let merged = try? TextMerge.merge(ancestor: Array((b ?? "").utf8), ours: Array(o.utf8), theirs: Array(t.utf8),
                                             path: path), merged.clean,
           let text = String(validating: merged.bytes, as: UTF8.self) {
            return text
        }
        let (kept, dropped) = order.oursWins ? (o, t) : (t, o)
        conflicts.append(FieldConflict(field: field, kept: kept, dropped: dropped))
        return kept
    }
}
