import Foundation
import GRDB
import GRDBSQLite

/// Copies committed WAL frames into the database on a thread and connection of its own during a long
/// ingest, instead of the writer doing it inside a commit.
///
/// SQLite's automatic checkpoint runs on the committing connection: at every checkpoint the ingest
/// writer stopped to copy the frames and wait for two `fdatasync`s (a 10k-article ingest showed the
/// writer blocked, and the parsing threads idle once they were a window ahead, at every one). Here a
/// WAL hook on the writer connection (in place of the automatic checkpoint's) records the WAL's size
/// after each commit and queues a passive checkpoint beside the next batch. The WAL file is rewound
/// only when a write transaction starts with every frame copied, so before a batch the writer calls
/// `settle`, which waits for the pass over the previous commit when that commit left `limit` frames
/// or more (`Ingester.checkpointLimit`: the WAL file stays within that plus one batch). The decision
/// uses the writer's own count, never a pass that has not finished yet, so the bound holds however slow
/// the checkpoint thread is.
/// Durability is unchanged: checkpoints sync the WAL before copying and the database before the WAL
/// is reused, as before.
final class WALCheckpointer: @unchecked Sendable {
    private let queue: DatabaseQueue
    private let passes = DispatchQueue(label: "dateline.ingest.checkpoint")
    private let lock = NSLock()
    /// WAL frames after the writer's latest commit, and whether a pass is queued but not started.
    private var walFrames = 0
    private var queued = false
    let limit: Int

    /// Opens a second connection to the database at `path`; `limit` is the WAL size, in frames, past
    /// which `settle` waits.
    init(path: String, limit: Int) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        self.limit = limit
    }

    /// Takes over the writer connection's WAL hook (and with it the automatic checkpoint) until
    /// `detach`. The hook keeps the checkpointer alive while it is installed.
    func attach(to db: Database) {
        // The hook it replaces is SQLite's automatic checkpoint, whose argument is a frame count.
        sqlite3_wal_hook(db.sqliteConnection, walHook, Unmanaged.passRetained(self).toOpaque())
    }

    /// Gives the writer connection its automatic checkpoint back, every `frames` frames.
    func detach(from db: Database, autocheckpoint frames: Int32 = 1_000) {
        let ours = Unmanaged.passUnretained(self).toOpaque()
        if sqlite3_wal_hook(db.sqliteConnection, nil, nil) == ours {
            Unmanaged<WALCheckpointer>.fromOpaque(ours).release()
        }
        sqlite3_wal_autocheckpoint(db.sqliteConnection, frames)
    }

    /// After a commit on the writer: records the WAL's size and schedules a passive checkpoint of what
    /// is committed (at most one waits behind a running one).
    fileprivate func committed(frames: Int) {
        lock.lock()
        walFrames = frames
        if queued { lock.unlock(); return }
        queued = true
        lock.unlock()
        passes.async { [self] in
            lock.lock(); queued = false; lock.unlock()
            // A pass that fails (the disk is full, say) leaves the frames to the next pass and, after the
            // run, to SQLite's automatic checkpoint; the writer reports its own errors.
            _ = try? queue.writeWithoutTransaction { db in try db.checkpoint(.passive) }
        }
    }

    /// Before a write transaction: when the last commit left the WAL at `limit` frames or more, waits
    /// for the pass queued after it, so the transaction finds every frame copied and SQLite writes
    /// from the start of the WAL again.
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

/// SQLite calls this on the writer's thread after each commit, with the WAL's size in frames.
private func walHook(_ context: UnsafeMutableRawPointer?, _ db: OpaquePointer?, _ name: UnsafePointer<CChar>?,
                     _ frames: Int32) -> Int32 {
    guard let context else { return SQLITE_OK }
    Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(frames: Int(frames))
    return SQLITE_OK
}
