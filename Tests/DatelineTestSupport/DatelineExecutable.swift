import Foundation
import XCTest

/// The built `dateline` executable, for the tests that run it as a process (CLI, daemon, crash, REPL
/// terminal and browser tests); they skip, rather than fail, when it has not been built.
public enum DatelineExecutable {
    /// Why a test that needs the executable is skipped when none is found.
    public static let missingReason =
        "the dateline executable is not built next to the tests (run `swift build` first, or set DATELINE_BIN)"

    /// The paths looked at, in order: `$DATELINE_BIN`, then `dateline` and `debug/dateline` in the
    /// folders of the main bundle, the test bundle and the test process's executable (as given and with
    /// links resolved), each up to three folders up. On Linux the tests are an executable in `.build/debug`
    /// whose bundle may name a parent folder, hence `debug/dateline`.
    public static func candidates() -> [String] {
        var paths: [String] = []
        if let env = ProcessInfo.processInfo.environment["DATELINE_BIN"] { paths.append(env) }
        var starts = [Bundle.main.bundleURL, Bundle(for: Marker.self).bundleURL]
        if let first = CommandLine.arguments.first {
            starts.append(URL(fileURLWithPath: first))
            starts.append(URL(fileURLWithPath: first).resolvingSymlinksInPath())
        }
        for start in starts {
            var folder = start
            for _ in 0..<3 {
                for name in ["dateline", "debug/dateline"] {
                    let candidate = folder.appendingPathComponent(name).path
                    if !paths.contains(candidate) { paths.append(candidate) }
                }
                folder = folder.deletingLastPathComponent()
            }
        }
        return paths
    }

    /// The first candidate that is an executable file (not a folder), or nil.
    public static func path() -> String? {
        candidates().first(where: isExecutableFile)
    }

    /// `path()`, or an `XCTSkip` with `missingReason`.
    public static func require() throws -> String {
        guard let path = path() else { throw XCTSkip(missingReason) }
        return path
    }

    static func isExecutableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }

    /// A class of this module, for `Bundle(for:)`.
    private final class Marker {}
}

/// The repository's root folder (from this file's location), for tests that read `seeds/`, `Scripts/`
/// or `docs/`.
public let repositoryRoot: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
