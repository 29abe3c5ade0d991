extension Ingester {
    /// What an ingest run knows of each source file (hash, size, time, article) and which inputs failed
    /// in earlier runs, kept up to date by the writer as it stores.
    ///
    /// A batch written without savepoints is rolled back and written again when one of its articles
    /// fails, and must then start from the state at its start. The batch's changes are journalled and
    /// undone for that, instead of keeping a copy of both maps from the start of every batch: the first
    /// change after such a copy duplicated the whole map, once per batch, a cost that grew with the
    /// corpus (a million-file run copied an average of half a million entries at each of 500 commits).
    struct KnownSources {
        private(set) var files: [String: Known]
        private(set) var failed: Set<String>
        /// Changes since the last `commit()`, oldest first: the key and its entry before the change.
        private var fileChanges: [(key: String, old: Known?)] = []
        /// Changes to `failed` since the last `commit()`, oldest first: the key and whether it was in.
        private var failedChanges: [(key: String, wasFailed: Bool)] = []

        init(files: [String: Known], failed: Set<String>) {
            self.files = files
            self.failed = failed
        }

        subscript(key: String) -> Known? { files[key] }

        func hasFailed(_ key: String) -> Bool { failed.contains(key) }

        mutating func record(_ known: Known, for key: String) {
            fileChanges.append((key, files.updateValue(known, forKey: key)))
        }

        mutating func markFailed(_ key: String) {
            if failed.insert(key).inserted { failedChanges.append((key, false)) }
        }

        mutating func clearFailed(_ key: String) {
            if failed.remove(key) != nil { failedChanges.append((key, true)) }
        }

        /// Keeps every change made so far (the batch committed).
        mutating func commit() {
            fileChanges.removeAll(keepingCapacity: true)
            failedChanges.removeAll(keepingCapacity: true)
        }

        /// Undoes the changes since the last `commit()`, newest first (the batch rolled back).
        mutating func rollBack() {
            for change in fileChanges.reversed() { files[change.key] = change.old }
            for change in failedChanges.reversed() {
                if change.wasFailed { failed.insert(change.key) } else { failed.remove(change.key) }
            }
            commit()
        }
    }
}
