import CLua
import DatelineCore
import DatelineStore
import Foundation

/// One stored article as seen from Lua: its compact row plus lazily loaded children.
///
/// Scalar fields come from the row the scan already read; captions, related teasers, mentions and
/// tags are read from the store the first time a script touches them.
public final class ArticleBox {
    public let row: ArticleRow
    let store: CorpusStore
    private var cachedMentions: [Mention]?
    private var cachedText: String?

    public init(row: ArticleRow, store: CorpusStore) {
        self.row = row
        self.store = store
    }

    /// Entity mentions in order (read once).
    func mentions() throws -> [Mention] {
        if let cachedMentions { return cachedMentions }
        let mentions = try store.mentions(articleID: row.id)
        cachedMentions = mentions
        return mentions
    }

    /// Distinct canonical names of one kind, in order of first mention.
    func entities(_ kind: EntityKind) throws -> [String] {
        var seen = Set<String>()
        return try mentions().filter { $0.kind == kind && seen.insert($0.name).inserted }.map(\.name)
    }

    /// What `a:count`, `a:contains`, `a:kwic` and the stats module search: the title, the lede (when
    /// it is not already the first paragraph) and the body, separated by blank lines.
    var text: String {
        if let cachedText { return cachedText }
        let text = ArticleText.full(row)
        cachedText = text
        return text
    }
}

/// The searchable text of an article row (see `ArticleBox.text`).
enum ArticleText {
    static func full(_ row: ArticleRow) -> String {
        var parts: [String] = []
        let body = row.body
        if let title = row.title, !title.isEmpty { parts.append(title) }
        if let lede = row.lede, !lede.isEmpty, !body.hasPrefix(lede) { parts.append(lede) }
        if !body.isEmpty { parts.append(body) }
        return parts.joined(separator: "\n\n")
    }

    /// The units the stats module tokenizes: the parts of `full` split at blank lines (windows never cross them).
    static func units(_ row: ArticleRow) -> [String] {
        var parts: [String] = []
        if let title = row.title, !title.isEmpty { parts.append(title) }
        let body = row.body
        if let lede = row.lede, !lede.isEmpty, !body.hasPrefix(lede) { parts.append(lede) }
        parts.append(contentsOf: ArticleRow.paragraphs(ofBody: body))
        return parts
    }
}

/// The Lua face of `ArticleBox`: lazy, cached fields, methods, `tostring`, `==`, `#` and `pairs`.
public enum ArticleObject {
    /// Every field name, in the order `pairs(a)` and the docs list them.
    public static let fieldNames = [
        "id", "title", "lang", "sources", "date", "datetime", "dateline", "author", "section", "lede",
        "paragraphs", "body", "text", "captions", "related", "mentions", "people", "organizations", "places",
        "word_count", "tags", "date_confidence", "date_text", "path", "duplicate_of", "ingested_at",
    ]

    /// The shared object type (metatables are created per Lua state on first push).
    public static let type: LuaObjectType<ArticleBox> = {
        let type = LuaObjectType<ArticleBox>(name: "Article")
        type.field = { call, box, key in
            guard let value = try fieldValue(box, key, stack: call.stack) else { return false }
            if let value { call.stack.push(value) }
            return true
        }
        type.tostring = { card($0.row) }
        type.equals = { $0.row.id == $1.row.id }
        type.length = { $0.row.wordCount }
        type.pairs = { box in
            fieldNames.compactMap { name in
                guard let value = try? fieldValue(box, name, stack: nil) else { return nil }
                return (name, value ?? .nil)
            }
        }
        type.methods = [
            "count": { call, box in
                call.returning(.int(Kwic.count(try call.string(2), in: box.text)))
            },
            "contains": { call, box in
                call.returning(.bool(Kwic.contains(try call.string(2), in: box.text)))
            },
            "kwic": { call, box in
                let term = try call.string(2)
                let width = try call.optionalInteger(3) ?? 40
                guard width >= 0 else { throw call.argumentError(3, "width must not be negative, got \(width)") }
                let hits = Kwic.find(term, in: box.text, width: width).map { hit -> LuaValue in
                    .table([
                        "left": .string(hit.left), "match": .string(hit.match), "right": .string(hit.right),
                        "start": .int(hit.byteOffset + 1), "stop": .int(hit.byteOffset + hit.match.utf8.count),
                        "id": .string(box.row.id),
                    ])
                }
                return call.returning(.list(hits))
            },
            "sentences": { call, box in
                call.stack.push(strings: box.row.paragraphs.flatMap { Sentences.split($0) })
                return 1
            },
            "tokens": { call, box in
                let options = try call.options(2)
                try options.requireKnown(["lower", "fold", "stopwords"])
                let fold = try options.bool("fold", default: false)
                let lower = try options.bool("lower", default: false)
                let stopwords = try options.bool("stopwords", default: false) ? Stopwords.foldedList(for: box.row.lang ?? "") : []
                var tokens: [String] = []
                for token in Tokenizer.tokens(box.row.body) {
                    if !stopwords.isEmpty && stopwords.contains(TextFold.key(token)) { continue }
                    tokens.append(fold ? TextFold.key(token) : lower ? token.lowercased() : token)
                }
                call.stack.push(strings: tokens)
                return 1
            },
            "tag": { call, box in
                let key = try call.string(2)
                guard !key.isEmpty else { throw call.argumentError(2, "tag key must not be empty") }
                let value: String?
                switch call.stack.type(at: 3) {
                case LUA_TNIL, LUA_TNONE: value = ""
                case LUA_TBOOLEAN: value = call.stack.bool(at: 3) ? "" : nil
                default: value = try call.string(3)
                }
                do {
                    try box.store.setTag(articleID: box.row.id, key: key, value: value)
                } catch {
                    throw call.error("cannot tag \(box.row.id): \(error)")
                }
                forgetCachedField("tags", objectAt: 1, stack: call.stack)
                return 0
            },
        ]
        return type
    }()

    /// Pushes an article object.
    public static func push(_ row: ArticleRow, store: CorpusStore, on stack: LuaStack) {
        type.push(ArticleBox(row: row, store: store), on: stack)
    }

    /// `id  date  sources  title` on one line.
    static func card(_ row: ArticleRow) -> String {
        let sources = row.sources.isEmpty ? "-" : row.sources.joined(separator: ",")
        return "\(row.id)  \(row.date ?? "----------")  \(sources)  \(row.title ?? "(untitled)")"
    }

    /// The value of field `key`: nil for an unknown field, `.some(nil)` for a field pushed directly on
    /// `stack` (the body, to avoid a copy), else the value.
    static func fieldValue(_ box: ArticleBox, _ key: String, stack: LuaStack?) throws -> LuaValue?? {
        let row = box.row
        func optional(_ s: String?) -> LuaValue { s.map(LuaValue.string) ?? .nil }
        switch key {
        case "id": return .string(row.id)
        case "title": return optional(row.title)
        case "lang": return optional(row.lang)
        case "sources": return .list(row.sources.map(LuaValue.string))
        case "date": return optional(row.date)
        case "datetime": return optional(row.datetime)
        case "dateline": return optional(row.dateline)
        case "author": return optional(row.author)
        case "section": return optional(row.section)
        case "lede": return optional(row.lede)
        case "paragraphs": return .list(row.paragraphs.map(LuaValue.string))
        case "body":
            if let stack {
                stack.push(bytes: row.bodyUTF8)  // no UTF-8 pass: the store wrote valid UTF-8
                return .some(nil)
            }
            return .string(row.body)
        case "text": return .string(box.text)
        case "captions":
            return .list(try box.store.captions(articleID: row.id).map { .table(["text": .string($0.text), "credit": optional($0.credit)]) })
        case "related":
            return .list(try box.store.related(articleID: row.id).map { .table(["title": .string($0.title), "summary": optional($0.summary)]) })
        case "mentions":
            return .list(try box.mentions().map {
                .table([
                    "name": .string($0.name), "kind": .string($0.kind.rawValue), "text": .string($0.text),
                    "paragraph": .int($0.paragraph + 1), "offset": .int($0.offset),
                ])
            })
        case "people": return .list(try box.entities(.person).map(LuaValue.string))
        case "organizations": return .list(try box.entities(.organization).map(LuaValue.string))
        case "places": return .list(try box.entities(.place).map(LuaValue.string))
        case "word_count": return .int(row.wordCount)
        case "tags": return .table(try box.store.tags(articleID: row.id).mapValues(LuaValue.string))
        case "date_confidence": return .string(row.dateConfidence.rawValue)
        case "date_text": return optional(row.dateText)
        case "path": return optional(row.path)
        case "duplicate_of": return optional(row.duplicateOf)
        case "ingested_at": return .string(row.ingestedAt)
        default: return nil
        }
    }

    /// Drops `key` from the field cache of the object at `index` (after a write changed it).
    static func forgetCachedField(_ key: String, objectAt index: Int32, stack: LuaStack) {
        stack.ensure(3)
        if lua_getiuservalue(stack.state, index, 1) == LUA_TTABLE {
            stack.pushNil()
            stack.setField(key, inTableAt: -2)
        }
        stack.pop()
    }
}
