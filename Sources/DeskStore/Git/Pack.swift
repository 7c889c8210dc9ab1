internal import CLibGit2
import Foundation

extension Repository {
    /// Ids of the loose objects in `objects/`, read from the folder names git uses for them.
    public func looseObjectIDs() -> [ObjectID] {
        let objects = gitdir + "objects/"
        var ids: [ObjectID] = []
        let fm = FileManager.default
        for fanout in (try? fm.contentsOfDirectory(atPath: objects)) ?? [] where fanout.count == 2 {
            for rest in (try? fm.contentsOfDirectory(atPath: objects + fanout)) ?? [] where rest.count == 38 {
                if let id = ObjectID(hex: fanout + rest) { ids.append(id) }
            }
        }
        return ids
    }

    /// A cheap estimate of the loose object count: one fan-out folder times 256.
    public func estimatedLooseObjectCount() -> Int {
        guard let dir = opendir(gitdir + "objects/17") else { return 0 }
        defer { closedir(dir) }
        var count = 0
        while let entry = readdir(dir) {
            if entry.pointee.d_name.0 != 46 { count += 1 }  // skip "." and ".."
        }
        return count * 256
    }

    /// Packs every loose object into one new pack (with `git_packbuilder`), then deletes the
    /// loose copies. Returns how many objects were packed.
    @discardableResult
    public func packLooseObjects() throws -> Int {
        let ids = looseObjectIDs()
        guard !ids.isEmpty else { return 0 }
        try writePack(ids, into: gitdir + "objects/pack")
        // The pack and its index are complete on disk before any loose copy goes.
        for id in ids {
            let hex = id.hex
            unlink(gitdir + "objects/" + hex.prefix(2) + "/" + hex.dropFirst(2))
        }
        return ids.count
    }

    /// The pack files in `objects/pack`.
    public func packFiles() -> [String] {
        let folder = gitdir + "objects/pack/"
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("pack-") && $0.hasSuffix(".pack") }.map { folder + $0 }
    }

    /// Rewrites every object (packed and loose, reachable or not: nothing is dropped) into one
    /// pack, then removes the old packs and loose copies. Returns the number of objects.
    @discardableResult
    public func repackAll() throws -> Int {
        let oldPacks = packFiles()
        let loose = looseObjectIDs()
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, handle), "git_repository_odb")
        defer { git_odb_free(odb) }
        final class Collector { var ids: [git_oid] = [] }
        let collector = Collector()
        let rc = withExtendedLifetime(collector) {
            git_odb_foreach(odb, { oid, payload in
                guard let oid, let payload else { return -1 }
                Unmanaged<Collector>.fromOpaque(payload).takeUnretainedValue().ids.append(oid.pointee)
                return 0
            }, Unmanaged.passUnretained(collector).toOpaque())
        }
        try check(rc, "git_odb_foreach")
        var builder: OpaquePointer?
        try check(git_packbuilder_new(&builder, handle), "git_packbuilder_new")
        defer { git_packbuilder_free(builder) }
        git_packbuilder_set_threads(builder, 0)
        var seen = Set<ObjectID>()
        for raw in collector.ids {
            var oid = raw
            guard seen.insert(ObjectID(oid)).inserted else { continue }
            try check(git_packbuilder_insert(builder, &oid, nil), "git_packbuilder_insert")
        }
        try check(git_packbuilder_write(builder, gitdir + "objects/pack", 0, nil, nil), "git_packbuilder_write")
        let kept = git_packbuilder_name(builder).map { "pack-" + String(cString: $0) } ?? ""
        // The new pack is complete on disk before anything old goes.
        for pack in oldPacks where !pack.hasSuffix(kept + ".pack") {
            let stem = String(pack.dropLast(5))
            for suffix in [".pack", ".idx", ".rev", ".bitmap", ".keep", ".promisor"] { unlink(stem + suffix) }
        }
        for id in loose {
            let hex = id.hex
            unlink(gitdir + "objects/" + hex.prefix(2) + "/" + hex.dropFirst(2))
        }
        return seen.count
    }

    /// Writes `ids` (objects of this repository) as one pack with its index into `folder`.
    /// libgit2 writes both under temporary names and renames them, so readers never see half a pack.
    func writePack(_ ids: [ObjectID], into folder: String) throws {
        var builder: OpaquePointer?
        try check(git_packbuilder_new(&builder, handle), "git_packbuilder_new")
        defer { git_packbuilder_free(builder) }
        git_packbuilder_set_threads(builder, 0)
        for id in ids {
            var oid = id.raw
            try check(git_packbuilder_insert(builder, &oid, nil), "git_packbuilder_insert")
        }
        try check(git_packbuilder_write(builder, folder, 0, nil, nil), "git_packbuilder_write")
    }
}
