import Foundation
import GRDB

/// Copies committed WAL frames into the database on a thread and connection of its own during a long
/// ingest, instead of the writer doing it inside a commit.
///
/// SQLite's automatic checkpoint runs on the committing connection: every 64 MB of WAL the ingest
/// writer stopped to copy the frames and wait for two `fdatasync`s (a 10k-article ingest showed the
/// writer blocked, and the parsing threads idle once they were a window ahead, at every one). Here the
/// writer only `kick`s after a commit; a passive checkpoint runs beside the next batch. The WAL file
/// is rewound only when a write transaction starts with every frame copied, so before a batch the
/// writer calls `settle`, which waits for the pass over the previous commit when the WAL has grown past
/// `limit` frames (the same bound the automatic checkpoint kept). Durability is unchanged: checkpoints
/// sync the WAL before copying and the database before the WAL is reused, as before.
final class WALCheckpointer: @unchecked Sendable {
    private let queue: DatabaseQueue
    private let passes = DispatchQueue(label: "dateline.ingest.checkpoint")
    private let lock = NSLock()
    /// WAL frames after the latest pass, and whether a pass is queued or running.
    private var walFrames = 0
    private var queued = false
    let limit: Int

    /// Opens a second connection to the database at `path`.
    init(path: String, limit: Int = 16_384) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        self.limit = limit
    }

    /// Schedules a passive checkpoint of what is committed (at most one waits behind a running one).
    func kick() {
        lock.lock()
        if queued { lock.unlock(); return }
        queued = true
        lock.unlock()
        passes.async { [self] in
            lock.lock(); queued = false; lock.unlock()
            // A pass that fails (the disk is full, say) leaves the frames to the next pass and, after the
            // run, to SQLite's automatic checkpoint; the writer reports its own errors.
            if let result = try? queue.writeWithoutTransaction({ db in try db.checkpoint(.passive) }) {
                lock.lock(); walFrames = result.walFrameCount; lock.unlock()
            }
        }
    }

    /// Before a write transaction: when the WAL has outgrown `limit`, waits for the queued pass so the
    /// transaction finds every frame copied and SQLite writes from the start of the WAL again.
    func settle() {
        lock.lock()
        let frames = walFrames
        lock.unlock()
        guard frames >= limit else { return }
        passes.sync {}
        lock.lock(); walFrames = 0; lock.unlock()
    }

    /// Waits for the last pass and closes the connection.
    func stop() {
        passes.sync {}
        try? queue.close()
    }
}
