import DatelineSchedule
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The signal number last caught by `TerminationSignal`'s handler (0 = none). Written from the
/// signal handler, so it is a plain global read by polling.
private var caughtTerminationSignal: Int32 = 0

/// SIGTERM / SIGINT / SIGHUP handling for the daemon and `run-due`: a real handler (not SIG_IGN, which
/// children would inherit) records the signal; the loop polls `received` and shuts down cleanly.
public enum TerminationSignal {
    /// Installs the handler for SIGTERM, SIGINT and SIGHUP. The handler also interrupts `sleep`.
    public static func install() {
        for signalNumber in [SIGTERM, SIGINT, SIGHUP] {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { caughtTerminationSignal = $0 }
            #else
            action.__sigaction_u.__sa_handler = { caughtTerminationSignal = $0 }
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0 // no SA_RESTART: a sleeping loop wakes up at once
            sigaction(signalNumber, &action, nil)
        }
    }

    /// The signal received since `install`, or nil.
    public static var received: Int32? { caughtTerminationSignal == 0 ? nil : caughtTerminationSignal }
}

/// The daemon loop: plans at every wake (the next fire time of any job, at most `maxSleep` seconds
/// away, re-reading the schedules each time), polls children often while any run, and on a
/// termination request stops running jobs (recorded `killed`) and returns.
public final class SchedulerDaemon {
    public let scheduler: Scheduler
    /// Longest time between two planning passes (schedules added meanwhile are seen at the next one).
    public var maxSleep: TimeInterval = 30
    /// Seconds between polls of running children.
    public var pollInterval: TimeInterval = 0.1

    public init(scheduler: Scheduler) {
        self.scheduler = scheduler
    }

    /// Runs until `shouldStop` returns true (checked at least every `pollInterval` while jobs run and
    /// every second otherwise), then stops all running jobs. Marks runs left by a crash as killed first.
    public func run(shouldStop: () -> Bool = { TerminationSignal.received != nil }) throws {
        try scheduler.recoverStaleRuns()
        var nextPlan = Date.distantPast
        while !shouldStop() {
            let now = scheduler.clock.now()
            if now >= nextPlan {
                do {
                    try scheduler.planAndStart()
                } catch {
                    // A locked or briefly unavailable database must not end the daemon: retry next wake.
                    scheduler.onEvent(SchedulerEvent(time: Date(), job: nil, message: "planning failed: \(error)"))
                }
                let wake = (try? scheduler.nextWake(after: now)) ?? nil
                nextPlan = min(wake ?? now.addingTimeInterval(maxSleep), now.addingTimeInterval(maxSleep))
            }
            do { try scheduler.poll() } catch {
                scheduler.onEvent(SchedulerEvent(time: Date(), job: nil, message: "polling failed: \(error)"))
            }
            let untilPlan = nextPlan.timeIntervalSince(scheduler.clock.now())
            let nap = scheduler.isIdle ? min(max(untilPlan, 0.01), 1) : min(max(untilPlan, 0.01), pollInterval)
            if !shouldStop() { usleep(UInt32(nap * 1_000_000)) }
        }
        try scheduler.stopAll(reason: TerminationSignal.received.map { "received \(ChildProcess.signalName($0))" } ?? "stop requested")
    }
}
