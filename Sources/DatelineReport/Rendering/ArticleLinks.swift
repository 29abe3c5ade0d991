import Foundation

/// Decides where an article reference points: its appendix section, or its URL/path when the appendix
/// has no text for it. Shared by the HTML and Markdown renderers so both link the same way.
struct ArticleLinks {
    private let index: [String: ArticleRef]

    init(_ doc: ReportDocument) {
        index = doc.articleIndex()
    }

    /// Anchor name of an article's appendix section: `a-` plus the id reduced to `[A-Za-z0-9_-]`.
    static func anchor(_ id: String) -> String {
        var out = "a-"
        for scalar in id.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_": out.unicodeScalars.append(scalar)
            default: out += String(format: "_%X", scalar.value)
            }
        }
        return out
    }

    /// The article in the appendix with this id, if any.
    func article(_ id: String?) -> ArticleRef? {
        guard let id else { return nil }
        return index[id]
    }

    /// Link target for an article id, or nil when there is nowhere to go.
    func href(for id: String?) -> String? {
        guard let article = article(id) else { return nil }
        if article.paragraphs.isEmpty, let external = ArticleLinks.externalHref(article) { return external }
        return "#" + ArticleLinks.anchor(article.id)
    }

    /// A safe link to the article's original: http(s)/file URLs as given, local paths percent-encoded.
    /// Other schemes (such as `javascript:`) are never linked.
    static func externalHref(_ article: ArticleRef) -> String? {
        if let url = article.url?.trimmingCharacters(in: .whitespaces), !url.isEmpty {
            let lower = url.lowercased()
            if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("file://") { return url }
        }
        if let path = article.path, !path.isEmpty {
            guard let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) else { return nil }
            return path.hasPrefix("/") ? "file://" + encoded : encoded
        }
        return nil
    }
}
