import ArgumentParser
import DatelineLua
import DatelineReport
import Foundation

/// Plugs the `report` module into `dateline run`: routes `print` into the report, and after the
/// script succeeds renders the report to stdout or `--output` (atomically, noting the file on stderr).
enum ReportRunSetup {
    /// The session of the current run (one engine per `dateline run`).
    private static var session: ReportSession?
    private static var destination: ReportDestination?

    static let setup = RunSetup(
        configure: { options, settings in
            let destination: ReportDestination
            do {
                destination = try ReportDestination(format: settings.format, output: settings.output)
            } catch {
                Terminal.error("run: \(error)")
                throw ExitCode(2)
            }
            let forward = options.output
            let session = ReportSession(capturesPrints: destination.capturesPrintsFromStart, forward: forward)
            options.output = { session.write($0) }
            ReportRunSetup.session = session
            ReportRunSetup.destination = destination
        },
        prepare: { engine, _ in
            session?.attach(to: engine)
        },
        finish: { engine, _ in
            guard let session, let destination else { return }
            // Nothing to render for a plain script printing to the terminal (its prints went out already).
            guard destination.path != nil || session.hasContent else { return }
            let started = DispatchTime.now()
            do {
                try session.resolveArticles(in: engine)
            } catch let error as LuaError {
                Terminal.warn("report: article appendix incomplete: \(error.message)")
            }
            let resolved = DispatchTime.now()
            StandardOutput.flush()
            let options = RenderOptions(
                color: destination.path == nil && Terminal.stdoutIsTTY && ProcessInfo.processInfo.environment["NO_COLOR"] == nil,
                width: terminalWidth())
            do {
                let bytes = try ReportOutput.render(session.document, to: destination, options: options) { data in
                    FileHandle.standardOutput.write(data)
                }
                if let path = destination.path {
                    Terminal.note("report: wrote \(path) (\(destination.format.rawValue), \(sizeText(bytes)))")
                }
                // For benchmarks: the time the report adds after the script (appendix lookups, render, write).
                if ProcessInfo.processInfo.environment["DATELINE_REPORT_TIMING"] != nil {
                    let done = DispatchTime.now()
                    func seconds(_ a: DispatchTime, _ b: DispatchTime) -> String {
                        String(format: "%.3f", Double(b.uptimeNanoseconds - a.uptimeNanoseconds) / 1e9)
                    }
                    Terminal.note("report-timing: format=\(destination.format.rawValue) bytes=\(bytes) articles=\(session.document.articles.count) resolve_s=\(seconds(started, resolved)) render_write_s=\(seconds(resolved, done)) total_s=\(seconds(started, done))")
                }
            } catch {
                Terminal.error("\(error)")
                throw ExitCode(1)
            }
        }
    )

    /// Columns of the terminal on stdout (`COLUMNS`, else the tty size, else 100).
    private static func terminalWidth() -> Int {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        if Terminal.stdoutIsTTY, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return 100
    }

    private static func sizeText(_ bytes: Int) -> String {
        bytes < 10_240 ? "\(bytes) bytes" : "\(bytes / 1024) KB"
    }
}
