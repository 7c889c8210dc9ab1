extension Desk {
    /// Packs loose git objects when more than `storage.pack_after_loose_objects` have piled up.
    /// Runs after a commit, under the write lock; a failure here never fails the commit.
    func packIfNeeded() {
        let threshold = config.autoPackThreshold
        guard threshold > 0, repository.estimatedLooseObjectCount() > threshold else { return }
        do {
            try repository.packLooseObjects()
        } catch {
            warn("could not pack loose objects (the commit is safe): \(error)")
        }
    }

    /// `desk gc`: packs all loose objects now. Returns how many were packed.
    public func collectGarbage() throws -> Int {
        let lock = try WriteLock(path: stateDirectory + "/write.lock")
        defer { withExtendedLifetime(lock) {} }
        try recover()
        return try gitCall("packing objects") { try repository.packLooseObjects() }
    }
}
