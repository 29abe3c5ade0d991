import Foundation

/// Turns a raw news-page dump (the text of a page copied out of a browser) into an `Article`.
///
/// The parser is a pipeline of small passes over the page's lines: decoding (`PageDecoder`),
/// line classification (`LineClassifier`), layout (`PageLayout`: title, lede, body, captions, teasers,
/// boilerplate), bylines (`SourceDetector`, `DatelineDetector`), dates (`DateExtractor`) and entities
/// (`EntityRecognizer`). It is a value type with no shared mutable state, safe to use from many threads.
public struct ArticleParser: Sendable {
    /// Bumped whenever parsing output changes, so the store knows to `reparse`.
    public static let version = 1

    public var options: ParserOptions

    public init(options: ParserOptions = ParserOptions()) {
        self.options = options
    }

    /// Decodes and parses a file's bytes. Throws `ParseError` for empty, binary, oversized or undecodable input.
    public func parse(data: Data, path: String? = nil, hints: PageHints = PageHints()) throws -> ParsedPage {
        let decoded = try PageDecoder(maxBytes: options.maxBytes).decode(data, path: path)
        var page = parse(normalized: decoded.normalized, path: path, hints: hints)
        page.warnings.insert(contentsOf: decoded.warnings, at: 0)
        return page
    }

    /// Reads and parses one file.
    public func parseFile(atPath path: String, hints: PageHints = PageHints()) throws -> ParsedPage {
        let file: PageFile
        do {
            file = try PageFile.read(path, limit: options.maxBytes)
        } catch {
            switch error {
            case let .tooLarge(bytes): throw ParseError(path: path, reason: .tooLarge(bytes: bytes, limit: options.maxBytes))
            case let .unreadable(why): throw ParseError(path: path, reason: .unreadable(why))
            }
        }
        return try parse(data: file.data, path: path, hints: hints)
    }

    /// Parses already-decoded text (used by `reparse` on stored raw text and by JSON Lines input).
    public func parse(text: String, path: String? = nil, hints: PageHints = PageHints()) -> ParsedPage {
        parse(normalized: PageDecoder.normalizeNewlines(text), path: path, hints: hints)
    }

    /// `parse(text:)` on text already in `PageDecoder.normalizeNewlines` form.
    private func parse(normalized: String, path: String?, hints: PageHints) -> ParsedPage {
        var article = PageAnalyzer(text: normalized, options: options, hints: hints).analyze()
        article.path = path ?? hints.url
        return ParsedPage(article: article, text: normalized, warnings: [])
    }
}

/// Knobs for `ArticleParser`.
public struct ParserOptions: Sendable {
    /// Files larger than this are refused (default 20 MB).
    public var maxBytes: Int
    /// Entities known in advance: the bundled gazetteer plus any analyst dictionary.
    public var dictionary: EntityDictionary

    public init(maxBytes: Int = 20 * 1024 * 1024, dictionary: EntityDictionary = .bundled) {
        self.maxBytes = maxBytes
        self.dictionary = dictionary
    }
}

/// Metadata a scraper already knows (JSON Lines input); a hint wins over what the parser would find.
public struct PageHints: Sendable, Equatable {
    public var title: String?
    /// A date or timestamp in ISO 8601 (`2026-02-05` or `2026-02-05T07:00:00+07:00`).
    public var date: String?
    public var url: String?
    public var source: String?
    public var lang: String?

    public init(title: String? = nil, date: String? = nil, url: String? = nil, source: String? = nil, lang: String? = nil) {
        self.title = title; self.date = date; self.url = url; self.source = source; self.lang = lang
    }
}

/// The result of parsing one page: the article, the decoded text it came from, and warnings
/// (e.g. "decoded as Windows-1252").
public struct ParsedPage: Sendable {
    public var article: Article
    /// The decoded, newline-normalized page text; the store keeps it so `reparse` needs no original file.
    public var text: String
    public var warnings: [String]
}

/// Why a page could not be parsed. `description` is the one-line message users see.
public struct ParseError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        case empty
        case binary
        case tooLarge(bytes: Int, limit: Int)
        case undecodable
        case unreadable(String)
    }

    public var path: String?
    public var reason: Reason

    public init(path: String?, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        let what: String
        switch reason {
        case .empty: what = "empty file"
        case .binary: what = "binary data (NUL bytes), not a text dump"
        case let .tooLarge(bytes, limit): what = "too large (\(bytes) bytes; limit is \(limit) bytes)"
        case .undecodable: what = "not decodable as UTF-8, UTF-16 or Windows-1252 text"
        case let .unreadable(why): what = "cannot read: \(why)"
        }
        return "\(path ?? "<input>"): \(what)"
    }
}
