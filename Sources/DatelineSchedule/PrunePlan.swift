import Foundation

/// Files to delete so that each job keeps only its newest N successful and newest N failed runs.
public struct PrunePlan: Hashable, Sendable {
    /// Runs whose files go, newest first.
    public var prunedRuns: [RunRecord] = []
    /// Output files to delete.
    public var outputsToDelete: [String] = []
    /// Log files to delete.
    public var logsToDelete: [String] = []

    /// Plans pruning of `runs` (any mix of jobs) keeping the newest `keep` successes (`ok`) and newest
    /// `keep` failures (script-error, timeout, killed) per job, by nominal time. Running and skipped runs
    /// are never pruned; a path still used by a kept run is never deleted. `keep` below 0 counts as 0.
    public init(runs: [RunRecord], keep: Int) {
        let keep = max(keep, 0)
        var kept: [RunRecord] = []
        for (_, jobRuns) in Dictionary(grouping: runs, by: \.job) {
            let newestFirst = jobRuns.sorted { ($0.nominal, $0.started) > ($1.nominal, $1.started) }
            let successes = newestFirst.filter { $0.status == .ok }
            let failures = newestFirst.filter { $0.status.isFailure }
            kept += newestFirst.filter { $0.status != .ok && !$0.status.isFailure }
            for group in [successes, failures] {
                kept += group.prefix(keep)
                prunedRuns += group.dropFirst(keep)
            }
        }
        prunedRuns.sort { ($0.nominal, $0.job) > ($1.nominal, $1.job) }
        let inUse = Set(kept.flatMap { [$0.outputPath, $0.logPath].compactMap { $0 } })
        var seen = Set<String>()
        func collect(_ path: String?) -> String? {
            guard let path, !inUse.contains(path), seen.insert(path).inserted else { return nil }
            return path
        }
        outputsToDelete = prunedRuns.compactMap { collect($0.outputPath) }
        logsToDelete = prunedRuns.compactMap { collect($0.logPath) }
    }
}
