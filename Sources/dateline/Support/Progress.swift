import DatelineStore
import Foundation

/// Progress on stderr: a redrawn bar with rate and ETA on a terminal, plain lines every few seconds otherwise.
final class ProgressReporter {
    private let label: String
    private let tty: Bool
    private var lastPlain = Date.distantPast
    private var drawn = false
    /// Seconds between plain (non-terminal) lines.
    var plainInterval: TimeInterval = 5

    init(label: String, tty: Bool = Terminal.stderrIsTTY) {
        self.label = label
        self.tty = tty
    }

    func update(_ p: IngestProgress) {
        let rate = p.elapsed > 0 ? Double(p.done) / p.elapsed : 0
        let mbps = p.elapsed > 0 ? Double(p.bytes) / 1_048_576 / p.elapsed : 0
        let fraction = p.total > 0 ? Double(p.done) / Double(p.total) : 1
        let remaining = rate > 0 ? Double(p.total - p.done) / rate : 0
        let numbers = "\(p.done)/\(p.total) \(Int(fraction * 100))%  \(Int(rate))/s  \(String(format: "%.1f", mbps)) MB/s  ETA \(Self.clock(remaining))"
        if tty {
            let width = 28
            let filled = min(width, Int(fraction * Double(width)))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(label) \(bar) \(numbers)".utf8))
            drawn = true
        } else if Date().timeIntervalSince(lastPlain) >= plainInterval || p.done == p.total {
            lastPlain = Date()
            FileHandle.standardError.write(Data("\(label): \(numbers)\n".utf8))
        }
    }

    /// Clears the bar (terminal) so the summary starts on a clean line.
    func finish() {
        if tty && drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        drawn = false
    }

    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--:--" }
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
