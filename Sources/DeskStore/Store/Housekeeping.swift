extension Desk {
    /// Packs loose git objects when more than `storage.pack_after_loose_objects` have piled up.
    /// Runs after a commit, under the write lock; a failure here never fails the commit.
    func packIfNeeded() {
        let threshold = config.autoPackThreshold
        guard threshold > 0, repository.estimatedLooseObjectCount() > threshold else { return }
        do {
            try repository.packLooseObjects()
            if repository.packFiles().count >= Desk.packsBeforeRepack * 2 {
                warn("\(repository.packFiles().count) pack files have piled up; run `desk gc` to fold them into one")
            }
        } catch {
            warn("could not pack loose objects (the commit is safe): \(error)")
        }
    }

    /// Automatic packing adds a pack each time; past this many, lookups slow down and `desk gc`
    /// folds them into one.
    static let packsBeforeRepack = 20

    /// `desk gc`: packs loose objects, and folds the packs into one when there are many (or `full`).
    /// Returns how many objects were written.
    public func collectGarbage(full: Bool = false) throws -> Int {
        let lock = try WriteLock(path: stateDirectory + "/write.lock")
        defer { withExtendedLifetime(lock) {} }
        try recover()
        return try gitCall("packing objects") {
            if full || repository.packFiles().count >= Desk.packsBeforeRepack {
                return try repository.repackAll()
            }
            return try repository.packLooseObjects()
        }
    }
}
