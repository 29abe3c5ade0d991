import DatelineSchedule
import Foundation

/// Where scheduled runs put their files: `ROOT/NAME/<nominal>.<ext>` for outputs (nominal time as a
/// filesystem-safe UTC stamp such as `2026-11-30T00-00-00Z`), `ROOT/NAME/logs/<nominal>.log` for logs,
/// and `ROOT/NAME/latest`, a relative symlink to the newest successful output.
public struct ReportArchive: Sendable {
    /// The reports root (by default `reports/` beside the database).
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// The default root for a database: `reports/` in the database's folder.
    public static func defaultRoot(forDatabase database: String) -> String {
        let folder = (absolute(database) as NSString).deletingLastPathComponent
        return (folder as NSString).appendingPathComponent("reports")
    }

    /// The file extension for a report format (`text` -> `txt`, `markdown` -> `md`; nil -> `txt`).
    public static func fileExtension(forFormat format: String?) -> String {
        switch format?.lowercased() {
        case nil, "", "text", "txt": return "txt"
        case "markdown", "md": return "md"
        case "htm", "html": return "html"
        case let other?:
            let safe = other.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
            return safe.isEmpty ? "txt" : safe
        }
    }

    /// `ROOT/NAME`.
    public func folder(job: String) -> String { (root as NSString).appendingPathComponent(job) }

    /// `ROOT/NAME/<nominal>.<ext>`.
    public func outputPath(job: String, nominal: Date, format: String?) -> String {
        (folder(job: job) as NSString)
            .appendingPathComponent("\(ScheduleTime.fileStamp(nominal)).\(Self.fileExtension(forFormat: format))")
    }

    /// `ROOT/NAME/logs/<nominal>.log`.
    public func logPath(job: String, nominal: Date) -> String {
        ((folder(job: job) as NSString).appendingPathComponent("logs") as NSString)
            .appendingPathComponent("\(ScheduleTime.fileStamp(nominal)).log")
    }

    /// `ROOT/NAME/latest`.
    public func latestLink(job: String) -> String { (folder(job: job) as NSString).appendingPathComponent("latest") }

    /// Creates `ROOT/NAME/logs` (and the folders above it).
    public func prepare(job: String) throws {
        let logs = (folder(job: job) as NSString).appendingPathComponent("logs")
        do {
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        } catch {
            throw ArchiveError(path: logs, reason: "cannot create the folder (\(Self.reason(error)))")
        }
    }

    /// Points `latest` at `output` (a relative link, replaced atomically by a rename).
    public func updateLatest(job: String, output: String) throws {
        let link = latestLink(job: job)
        let temporary = link + ".tmp-\(getpid())"
        unlink(temporary)
        let target = (output as NSString).lastPathComponent
        guard symlink(target, temporary) == 0, rename(temporary, link) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw ArchiveError(path: link, reason: "cannot update the link (\(message))")
        }
    }

    /// Deletes the files a `PrunePlan` names (missing files are fine) and removes `latest` when its
    /// target is gone. Returns the paths that could not be deleted, with the reason.
    @discardableResult
    public func apply(_ plan: PrunePlan, job: String) -> [String] {
        var problems: [String] = []
        for path in plan.outputsToDelete + plan.logsToDelete {
            if unlink(path) != 0 && errno != ENOENT {
                problems.append("\(path): \(String(cString: strerror(errno)))")
            }
        }
        let link = latestLink(job: job)
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link) {
            let resolved = target.hasPrefix("/") ? target : (folder(job: job) as NSString).appendingPathComponent(target)
            if !FileManager.default.fileExists(atPath: resolved) { unlink(link) }
        }
        return problems
    }

    /// `path` made absolute against the working directory.
    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return (path as NSString).standardizingPath }
        let cwd = FileManager.default.currentDirectoryPath
        return ((cwd as NSString).appendingPathComponent(path) as NSString).standardizingPath
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}

/// A report archive file operation failed; `description` names the path and the reason.
public struct ArchiveError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    public let path: String
    public let reason: String
    public var description: String { "reports: \(path): \(reason)" }
    public var errorDescription: String? { description }
}
