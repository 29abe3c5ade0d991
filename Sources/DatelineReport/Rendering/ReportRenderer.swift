import Foundation

/// Turns a report document into the bytes of one output format.
public protocol ReportRenderer {
    /// Renders the whole document as text in this renderer's format.
    func render(_ doc: ReportDocument) throws -> String
    /// Renders the whole document as bytes ready to write to a file (UTF-8 unless a renderer says otherwise).
    func renderData(_ doc: ReportDocument) throws -> Data
}

extension ReportRenderer {
    public func renderData(_ doc: ReportDocument) throws -> Data {
        Data(try render(doc).utf8)
    }
}

/// Settings shared by renderers; each renderer uses the ones that apply to it.
public struct RenderOptions: Sendable, Equatable {
    /// ANSI colour in the text renderer (off by default: output is often piped or saved).
    public var color: Bool
    /// Target line width of the text renderer, in terminal columns.
    public var width: Int
    /// Longest a text-table cell may be before it is truncated with "…", in terminal columns.
    public var maxCellWidth: Int

    public init(color: Bool = false, width: Int = 100, maxCellWidth: Int = 40) {
        self.color = color
        self.width = max(width, 40)
        self.maxCellWidth = max(maxCellWidth, 4)
    }
}

/// The output formats, chosen by `--format` or by the output file's extension.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, md, csv, json, html

    /// Maps a file extension (with or without the dot, any case) to a format; `nil` when unknown.
    public init?(fileExtension: String) {
        var ext = fileExtension.lowercased()
        if ext.hasPrefix(".") { ext.removeFirst() }
        switch ext {
        case "txt", "text": self = .text
        case "md", "markdown": self = .md
        case "csv": self = .csv
        case "json": self = .json
        case "html", "htm", "xhtml": self = .html
        default: return nil
        }
    }

    /// Maps a `--format` name (`text`, `md`, `markdown`, `csv`, `json`, `html`) to a format.
    public init?(name: String) {
        if let format = ReportFormat(rawValue: name.lowercased()) {
            self = format
        } else {
            self.init(fileExtension: name)
        }
    }

    /// The format for an output path, from its extension; `nil` when the extension is missing or unknown.
    public init?(path: String) {
        let ext = (path as NSString).pathExtension
        guard !ext.isEmpty else { return nil }
        self.init(fileExtension: ext)
    }

    /// The usual file extension for this format.
    public var fileExtension: String {
        switch self {
        case .text: return "txt"
        default: return rawValue
        }
    }

    /// A renderer for this format.
    public func renderer(options: RenderOptions = RenderOptions()) -> any ReportRenderer {
        switch self {
        case .text: return TextRenderer(options: options)
        case .md: return MarkdownRenderer()
        case .csv: return CSVRenderer()
        case .json: return JSONReportRenderer()
        case .html: return HTMLRenderer()
        }
    }
}

/// Errors raised while rendering a report.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    /// The document could not be encoded in the named format.
    case encodingFailed(format: String, reason: String)

    public var description: String {
        switch self {
        case .encodingFailed(let format, let reason): return "report: cannot render \(format): \(reason)"
        }
    }
}
