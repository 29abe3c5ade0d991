import DatelineReport
import Foundation

/// Where and how a script's report is rendered: the format (from `--format`, else the output
/// file's extension, else text) and the output file (nil: standard output).
public struct ReportDestination: Equatable {
    public var format: ReportFormat
    public var path: String?

    /// Resolves `--format` and `--output`; throws a one-line message for an unknown format.
    public init(format name: String?, output path: String?) throws {
        self.path = path
        if let name {
            guard let format = ReportFormat(name: name) else {
                throw ReportOutputError("unknown report format '\(name)' (known: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            self.format = format
        } else if let path {
            self.format = ReportFormat(path: path) ?? .text
        } else {
            self.format = .text
        }
    }

    /// Whether prints are part of the report from the start: true unless the report is aligned text
    /// on standard output, where prints stream until the script first uses `report`.
    public var capturesPrintsFromStart: Bool { format != .text || path != nil }
}

/// A one-line report output failure.
public struct ReportOutputError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Writes rendered reports: whole files atomically (a temporary file in the same directory, then a
/// rename), so a reader never sees half a report and a failed run leaves the old file intact.
public enum ReportOutput {
    /// Writes `data` to `path` atomically; errors name the path and the reason.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportOutputError("cannot write \(path): no such directory \(directory.path)")
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw ReportOutputError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ReportOutputError("cannot write \(path): \(reason)")
        }
    }

    /// Renders `document` for `destination` and writes it; returns the bytes written and where to
    /// (nil for standard output, written through `standardOutput`).
    @discardableResult
    public static func render(
        _ document: ReportDocument, to destination: ReportDestination, options: RenderOptions = RenderOptions(),
        standardOutput: (Data) -> Void
    ) throws -> Int {
        let renderer = destination.format.renderer(options: options)
        var data: Data
        do {
            data = try renderer.renderData(document)
        } catch {
            throw ReportOutputError("cannot render the report as \(destination.format.rawValue): \(error)")
        }
        if let last = data.last, last != UInt8(ascii: "\n") { data.append(UInt8(ascii: "\n")) }
        if let path = destination.path {
            try writeAtomically(data, to: path)
        } else {
            standardOutput(data)
        }
        return data.count
    }
}
