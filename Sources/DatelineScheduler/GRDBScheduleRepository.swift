import DatelineSchedule
import DatelineStore
import Foundation
import GRDB

/// The `ScheduleRepository` kept in the corpus database (tables `schedule` and `schedule_run` of the
/// store's `v3-schedules` migration), so schedules and run history travel with the corpus.
/// UNIQUE(job, nominal_time) makes a second record of a slot fail even across processes and restarts.
public final class GRDBScheduleRepository: ScheduleRepository, @unchecked Sendable {
    /// The store the tables live in.
    public let store: CorpusStore

    /// Uses the schedule tables of `store` (opened read-write, so its migrations have run).
    public init(store: CorpusStore) {
        self.store = store
    }

    // MARK: - Jobs

    public func jobs() throws -> [Job] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM schedule ORDER BY name").map(Self.job(from:)) }
    }

    public func job(named name: String) throws -> Job? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM schedule WHERE name = ?", arguments: [name]).map(Self.job(from:)) }
    }

    public func add(_ job: Job) throws {
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM schedule WHERE name = ?", arguments: [job.name]) == true {
                throw ScheduleRepositoryError.duplicateJob(job.name)
            }
            try db.execute(sql: """
                INSERT INTO schedule (name, cron, tz, kind, path, args, format, keep, timeout, overlap, catch_up,
                                      on_failure, enabled, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: StatementArguments(Self.values(for: job)))
        }
    }

    public func update(_ job: Job) throws {
        try write { db in
            var values = Self.values(for: job)
            values.append(values.removeFirst()) // name goes last, for the WHERE clause
            try db.execute(sql: """
                UPDATE schedule SET cron = ?, tz = ?, kind = ?, path = ?, args = ?, format = ?, keep = ?, timeout = ?,
                                    overlap = ?, catch_up = ?, on_failure = ?, enabled = ?, created_at = ?
                WHERE name = ?
                """, arguments: StatementArguments(values))
            if db.changesCount == 0 { throw ScheduleRepositoryError.unknownJob(job.name) }
        }
    }

    public func removeJob(named name: String) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM schedule WHERE name = ?", arguments: [name])
            if db.changesCount == 0 { throw ScheduleRepositoryError.unknownJob(name) }
        }
    }

    // MARK: - Runs

    public func record(_ run: RunRecord) throws {
        do {
            try write { db in
                try db.execute(sql: """
                    INSERT INTO schedule_run (job, nominal_time, started, ended, status, message, output_path, log_path, pid)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [run.job, Self.nominalText(run.nominal), Self.stamp(run.started),
                                     run.ended.map(Self.stamp), run.status.rawValue, run.message,
                                     run.outputPath, run.logPath, run.pid.map { Int64($0) }])
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw ScheduleRepositoryError.duplicateRun(run.key)
        }
    }

    public func finish(_ key: RunKey, ended: Date, status: RunStatus, message: String?,
                       outputPath: String?, logPath: String?) throws {
        guard status != .running else { throw ScheduleRepositoryError.notAFinalStatus(status) }
        try write { db in
            try db.execute(sql: """
                UPDATE schedule_run SET ended = ?, status = ?, message = ?,
                       output_path = coalesce(?, output_path), log_path = coalesce(?, log_path)
                WHERE job = ? AND nominal_time = ?
                """, arguments: [Self.stamp(ended), status.rawValue, message, outputPath, logPath,
                                 key.job, Self.nominalText(key)])
            if db.changesCount == 0 { throw ScheduleRepositoryError.unknownRun(key) }
        }
    }

    public func hasRun(_ key: RunKey) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM schedule_run WHERE job = ? AND nominal_time = ?",
                              arguments: [key.job, Self.nominalText(key)]) == true
        }
    }

    public func latestNominal(job: String) throws -> Date? {
        let text = try read { db in
            try String.fetchOne(db, sql: "SELECT max(nominal_time) FROM schedule_run WHERE job = ?", arguments: [job])
        }
        return text.flatMap(Self.date(from:))
    }

    public func history(job: String?, limit: Int?) throws -> [RunRecord] {
        try read { db in
            var sql = "SELECT * FROM schedule_run"
            var arguments: StatementArguments = []
            if let job { sql += " WHERE job = ?"; arguments += [job] }
            sql += " ORDER BY nominal_time DESC, job DESC"
            if let limit { sql += " LIMIT ?"; arguments += [max(limit, 0)] }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.run(from:))
        }
    }

    public func runningRuns(job: String) throws -> [RunRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM schedule_run WHERE job = ? AND status = 'running' ORDER BY started, id",
                             arguments: [job]).map(Self.run(from:))
        }
    }

    // MARK: - Beyond the protocol

    /// The recorded run for `key`, or nil.
    public func run(_ key: RunKey) throws -> RunRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM schedule_run WHERE job = ? AND nominal_time = ?",
                             arguments: [key.job, Self.nominalText(key)]).map(Self.run(from:))
        }
    }

    /// Every run still marked `running`, oldest first.
    public func allRunning() throws -> [RunRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM schedule_run WHERE status = 'running' ORDER BY started, id").map(Self.run(from:))
        }
    }

    /// Stores the process id of the child executing a run.
    public func setPID(_ key: RunKey, pid: Int32) throws {
        try write { db in
            try db.execute(sql: "UPDATE schedule_run SET pid = ? WHERE job = ? AND nominal_time = ?",
                           arguments: [Int64(pid), key.job, Self.nominalText(key)])
        }
    }

    /// Forgets the output and log paths of runs whose files were pruned (the runs stay in history).
    public func clearPaths(of keys: [RunKey], outputs: Bool, logs: Bool) throws {
        guard !keys.isEmpty, outputs || logs else { return }
        try write { db in
            for key in keys {
                try db.execute(sql: """
                    UPDATE schedule_run SET output_path = CASE WHEN ? THEN NULL ELSE output_path END,
                                            log_path = CASE WHEN ? THEN NULL ELSE log_path END
                    WHERE job = ? AND nominal_time = ?
                    """, arguments: [outputs, logs, key.job, Self.nominalText(key)])
            }
        }
    }

    // MARK: - Row mapping

    /// Column values in `INSERT` order (name first).
    private static func values(for job: Job) -> [(any DatabaseValueConvertible)?] {
        let (kind, path, args): (String, String, [String])
        switch job.kind {
        case let .script(scriptPath, arguments): (kind, path, args) = ("script", scriptPath, arguments)
        case let .ingest(ingestPath): (kind, path, args) = ("ingest", ingestPath, [])
        }
        let argsJSON = (try? JSONEncoder().encode(args)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        let values: [(any DatabaseValueConvertible)?] = [job.name, job.cron.description, job.timeZone.identifier, kind, path, argsJSON, job.format,
                job.keep, job.timeout, job.overlap.rawValue, job.catchUp.rawValue, job.onFailure, job.enabled,
                stamp(job.createdAt)]
        return values
    }

    /// Reads a `schedule` row; a row this build cannot understand (hand-edited) throws a clear error.
    static func job(from row: Row) throws -> Job {
        let name: String = row["name"] ?? ""
        func bad(_ what: String) -> Error { ScheduleStoreError.badJobRow(name: name, reason: what) }
        let cron = try CronExpression(parsing: row["cron"] ?? "")
        let zoneName: String = row["tz"] ?? ""
        guard let zone = TimeZone(identifier: zoneName) else { throw bad("unknown time zone \"\(zoneName)\"") }
        let path: String = row["path"] ?? ""
        let kind: JobKind
        switch row["kind"] as String? {
        case "script":
            let json: String = row["args"] ?? "[]"
            let args = (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
            kind = .script(path: path, arguments: args)
        case "ingest": kind = .ingest(path: path)
        case let other: throw bad("unknown kind \"\(other ?? "")\"")
        }
        guard let overlap = OverlapPolicy(rawValue: row["overlap"] ?? "") else { throw bad("unknown overlap policy") }
        guard let catchUp = CatchUpPolicy(rawValue: row["catch_up"] ?? "") else { throw bad("unknown catch-up policy") }
        guard let created = (row["created_at"] as String?).flatMap(date(from:)) else { throw bad("bad created_at") }
        return Job(name: name, cron: cron, timeZone: zone, kind: kind, format: row["format"], keep: row["keep"],
                   timeout: row["timeout"], overlap: overlap, catchUp: catchUp, onFailure: row["on_failure"],
                   enabled: row["enabled"] ?? true, createdAt: created)
    }

    static func run(from row: Row) throws -> RunRecord {
        let job: String = row["job"] ?? ""
        func time(_ column: String) -> Date? { (row[column] as String?).flatMap(date(from:)) }
        guard let nominal = time("nominal_time"), let started = time("started") else {
            throw ScheduleStoreError.badRunRow(job: job, reason: "unreadable nominal or start time")
        }
        let statusText: String = row["status"] ?? ""
        guard let status = RunStatus(rawValue: statusText) else {
            throw ScheduleStoreError.badRunRow(job: job, reason: "unknown status \"\(statusText)\"")
        }
        let pid: Int64? = row["pid"]
        return RunRecord(job: job, nominal: nominal, started: started, ended: time("ended"), status: status,
                         message: row["message"], outputPath: row["output_path"], logPath: row["log_path"],
                         pid: pid.flatMap { Int32(exactly: $0) })
    }

    // MARK: - Times

    private static let utcZone = TimeZone(secondsFromGMT: 0) ?? .current

    /// Nominal times are whole seconds (the dedupe key), e.g. `2026-11-30T00:00:00Z`.
    static func nominalText(_ date: Date) -> String { ScheduleTime.utc(date) }

    static func nominalText(_ key: RunKey) -> String {
        ScheduleTime.utc(Date(timeIntervalSince1970: TimeInterval(key.nominalSecond)))
    }

    /// Start/end/creation stamps keep milliseconds: `2026-11-30T00:00:01.250Z`.
    static func stamp(_ date: Date) -> String {
        let whole = date.timeIntervalSince1970.rounded(.down)
        let millis = min(999, Int(((date.timeIntervalSince1970 - whole) * 1000).rounded()))
        let base = ScheduleTime.utc(Date(timeIntervalSince1970: whole))
        return String(base.dropLast()) + String(format: ".%03dZ", millis)
    }

    static func date(from text: String) -> Date? { try? ScheduleTime.parse(text, in: utcZone) }

    // MARK: - Transactions

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try store.pool.read(body) } catch let error as ScheduleRepositoryError { throw error }
        catch let error as ScheduleStoreError { throw error } catch let error as CronError { throw error }
        catch { throw StoreError.wrap(error, path: store.path) }
    }

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try store.pool.write(body) } catch let error as ScheduleRepositoryError { throw error }
        catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT { throw error }
        catch { throw StoreError.wrap(error, path: store.path) }
    }
}

/// A schedule row the running build cannot read back (e.g. edited by hand).
public enum ScheduleStoreError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    case badJobRow(name: String, reason: String)
    case badRunRow(job: String, reason: String)

    public var description: String {
        switch self {
        case let .badJobRow(name, reason): return "schedule: stored job \"\(name)\" is unreadable: \(reason)"
        case let .badRunRow(job, reason): return "schedule: a stored run of \"\(job)\" is unreadable: \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
