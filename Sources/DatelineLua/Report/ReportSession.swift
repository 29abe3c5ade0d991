import DatelineReport

/// The report a script is building: the document the `report` module appends to, plus the script's
/// `print` output, which becomes text blocks in order.
///
/// Prints can stream to a terminal until the script first calls a `report` function (so plain
/// scripts stay interactive) and are captured from then on; with `capturesPrints` they are captured
/// from the start (for example when the report goes to a file). One session per engine.
public final class ReportSession {
    /// Key of the session in `LuaEngine.userInfo`.
    public static let userInfoKey = "dateline.report.session"

    private var doc = ReportDocument()
    private var pendingText = ""
    /// Where prints go while they are not captured.
    private let forward: ((String) -> Void)?
    /// Whether prints currently go into the report.
    public private(set) var capturesPrints: Bool
    /// Whether a `report` function has been called.
    public private(set) var isUsed = false
    /// Ids of linked articles whose text is not known yet (filled by `resolveArticles`), in first-seen order.
    private(set) var unresolvedIDs: [String] = []
    private var unresolvedSet: Set<String> = []

    /// - Parameters:
    ///   - capturesPrints: capture `print` output from the start.
    ///   - forward: receives prints while they are not captured (nil: captured regardless).
    public init(capturesPrints: Bool = true, forward: ((String) -> Void)? = nil) {
        self.capturesPrints = capturesPrints || forward == nil
        self.forward = forward
    }

    /// The print sink: set `LuaEngineOptions.output` to this (through a closure).
    public func write(_ text: String) {
        if capturesPrints {
            pendingText += text
        } else {
            forward?(text)
        }
    }

    /// The document so far, including prints not yet turned into a text block.
    public var document: ReportDocument {
        var copy = doc
        if !pendingText.isEmpty { copy.append(.text(pendingText)) }
        Self.fillKwicDetails(&copy)
        return copy
    }

    /// KWIC lines that carried only an article id (e.g. from `a:kwic`) get the title, date and
    /// sources of that article from the appendix.
    static func fillKwicDetails(_ doc: inout ReportDocument) {
        guard !doc.articles.isEmpty else { return }
        var index: [String: ArticleRef]?
        for (b, block) in doc.blocks.enumerated() {
            guard case .kwic(var kwic) = block,
                  kwic.lines.contains(where: { $0.articleID != nil && ($0.title == nil || $0.date == nil || $0.sources.isEmpty) })
            else { continue }
            let articles = index ?? doc.articleIndex()
            index = articles
            for i in kwic.lines.indices {
                guard let id = kwic.lines[i].articleID, let article = articles[id] else { continue }
                if kwic.lines[i].title == nil { kwic.lines[i].title = article.title }
                if kwic.lines[i].date == nil { kwic.lines[i].date = article.date }
                if kwic.lines[i].sources.isEmpty { kwic.lines[i].sources = article.sources }
            }
            doc.blocks[b] = .kwic(kwic)
        }
    }

    /// True when there is something to render (blocks, articles or captured prints).
    public var hasContent: Bool { !doc.blocks.isEmpty || !doc.articles.isEmpty || !pendingText.isEmpty }

    /// Makes this the engine's session, so the `report` module appends here.
    public func attach(to engine: LuaEngine) {
        engine.userInfo[Self.userInfoKey] = self
    }

    /// The engine's session, created (capturing prints that reach it) when the engine has none.
    public static func current(for engine: LuaEngine) -> ReportSession {
        if let session = engine.userInfo[userInfoKey] as? ReportSession { return session }
        let session = ReportSession()
        session.attach(to: engine)
        return session
    }

    // MARK: Building (used by the report module)

    /// Called by every `report` function: from now on prints are part of the report.
    func markUsed() {
        isUsed = true
        capturesPrints = true
    }

    /// Appends a block after any pending print output.
    func append(_ block: ReportBlock) {
        flushText()
        doc.append(block)
    }

    /// Adds an article with its text to the appendix (replacing an earlier entry with the same id).
    func addArticle(_ article: ArticleRef) {
        doc.addArticle(article)
        if !article.paragraphs.isEmpty, unresolvedSet.remove(article.id) != nil {
            unresolvedIDs.removeAll { $0 == article.id }
        }
    }

    /// Notes that `id` is linked; `known` (title, date, sources from a KWIC hit) stands in until
    /// the article's text is found. Articles already in the appendix are left alone.
    func link(_ id: String, known: ArticleRef? = nil) {
        if doc.articles.contains(where: { $0.id == id }) { return }
        doc.addArticle(known ?? ArticleRef(id: id))
        if unresolvedSet.insert(id).inserted { unresolvedIDs.append(id) }
    }

    private func flushText() {
        guard !pendingText.isEmpty else { return }
        doc.append(.text(pendingText))
        pendingText = ""
    }
}

extension ReportSession {
    /// Lua run by `resolveArticles`: fetches each id with `corpus.get` and adds it to the appendix.
    static let resolveSource = """
    local ids = {...}
    local c = corpus
    if type(c) ~= "table" or type(c.get) ~= "function" then return end
    for _, id in ipairs(ids) do
      local ok, a = pcall(c.get, id)
      if ok and a ~= nil then pcall(report.article, a) end
    end
    """

    /// Fills in the appendix entries known only by id (rows and KWIC hits that carried an id, not an
    /// article object) through the script's `corpus.get`, when the engine has a corpus module.
    /// Articles that cannot be found keep what the hit said about them.
    public func resolveArticles(in engine: LuaEngine) throws {
        let ids = unresolvedIDs
        guard !ids.isEmpty else { return }
        let wasUsed = isUsed
        try engine.run(code: Self.resolveSource, chunkName: "report appendix", arguments: ids)
        isUsed = wasUsed
    }
}
