import DatelineCore

extension LuaModule {
    /// `text`: folding, tokens, sentences, n-grams, stopwords, regex, KWIC and language detection,
    /// bound to DatelineCore's Text API.
    public static let text = LuaModule(
        name: "text",
        summary: "Text utilities: folding, tokens, sentences, n-grams, stopwords, regex, KWIC, language.",
        details: "Folding (`text.fold`) is the one matching key used across Dateline: lower case, no diacritics, đ -> d.",
        functions: [
            LuaFunction(
                "fold", signature: "text.fold(s) -> string",
                summary: "The folded matching key: lower case, diacritics stripped, đ -> d, unified quotes and dashes.",
                example: "print(text.fold(\"Tô Lâm\"))  --> to lam"
            ) { call in
                call.returning(.string(TextFold.key(try call.string(1))))
            },
            LuaFunction(
                "normalize", signature: "text.normalize(s) -> string",
                summary: "Display normalization: NFC, traditional Vietnamese tone placement, unified quotes, collapsed spaces.",
                example: "print(text.normalize(\"hoà  bình\"))  --> hòa bình"
            ) { call in
                call.returning(.string(TextFold.normalize(try call.string(1))))
            },
            LuaFunction(
                "tokens", signature: "text.tokens(s [, opts]) -> {string}",
                summary: "Word tokens of s, in order (a list).",
                details: """
                Options: `lower` (lower-case tokens), `fold` (folded tokens, see `text.fold`), \
                `stopwords` (true: drop the stopwords of `lang`, compared case- and diacritic-insensitively), \
                `lang` (ISO 639-1 code for `stopwords`; detected from s when absent).
                """,
                example: "local words = text.tokens(\"The Prime Minister met the press\", {stopwords = true, lower = true})\n-- {\"prime\", \"minister\", \"met\", \"press\"}",
                body: tokens
            ),
            LuaFunction(
                "word_count", signature: "text.word_count(s) -> integer",
                summary: "Number of word tokens in s (same tokenizer as text.tokens)."
            ) { call in
                call.returning(.int(Tokenizer.wordCount(try call.string(1))))
            },
            LuaFunction(
                "sentences", signature: "text.sentences(s) -> {string}",
                summary: "The sentences of s, trimmed (knows titles, abbreviations, initials, decimals; breaks at newlines).",
                example: "text.sentences(\"Dr. Lan spoke. He left.\")  -- {\"Dr. Lan spoke.\", \"He left.\"}"
            ) { call in
                call.stack.push(strings: Sentences.split(try call.string(1)))
                return 1
            },
            LuaFunction(
                "ngrams", signature: "text.ngrams(tokens, n [, sep]) -> {string}",
                summary: "Runs of n consecutive tokens, each joined with sep (default \" \").",
                example: "text.ngrams({\"ban\", \"chấp\", \"hành\"}, 2)  -- {\"ban chấp\", \"chấp hành\"}"
            ) { call in
                let tokens = try call.strings(1)
                let n = try call.integer(2)
                guard n >= 1 else { throw call.argumentError(2, "n must be at least 1, got \(n)") }
                let separator = try call.optionalString(3) ?? " "
                call.stack.push(strings: NGrams.joined(tokens, n: n, separator: separator))
                return 1
            },
            LuaFunction(
                "stopwords", signature: "text.stopwords(lang) -> {string}",
                summary: "The stopword list of a language (en, vi, fr, de, es, id), sorted; empty for others."
            ) { call in
                call.stack.push(strings: Stopwords.list(for: try call.string(1)).sorted())
                return 1
            },
            LuaFunction(
                "match", signature: "text.match(s, pattern [, opts]) -> {match}",
                summary: "All matches of an ICU regular expression: {text, start, stop, captures}.",
                details: """
                `start`/`stop` are 1-based byte positions, so `s:sub(m.start, m.stop) == m.text` \
                (`m["end"]` is the same as `m.stop`). \
                `captures` lists one {text, start, stop} per group (false when the group did not take part). \
                Options: `ignore_case`, `ignore_diacritics` (match folded text: "lam" finds "Lâm"; implies \
                ignore_case), `whole_word`, `limit` (maximum number of matches).
                """,
                example: "for _, m in ipairs(text.match(body, [[(\\d+)\\s*tỷ]], {ignore_case = true})) do\n  print(m.text, m.captures[1].text)\nend",
                body: match
            ),
            LuaFunction(
                "kwic", signature: "text.kwic(s, term [, width]) -> {hit}",
                summary: "Keyword in context: each whole-word, case- and diacritic-insensitive occurrence as {left, match, right, start, stop}.",
                details: "`width` is the context in characters on each side (default 40). `start`/`stop` are the 1-based byte positions of the match in s.",
                example: "for _, h in ipairs(text.kwic(body, \"to lam\", 30)) do print(h.left .. \"[\" .. h.match .. \"]\" .. h.right) end"
            ) { call in
                let s = try call.string(1)
                let term = try call.string(2)
                let width = try call.optionalInteger(3) ?? 40
                guard width >= 0 else { throw call.argumentError(3, "width must not be negative, got \(width)") }
                let hits = Kwic.find(term, in: s, width: width).map { hit -> LuaValue in
                    .table([
                        "left": .string(hit.left), "match": .string(hit.match), "right": .string(hit.right),
                        "start": .int(hit.byteOffset + 1), "stop": .int(hit.byteOffset + hit.match.utf8.count),
                    ])
                }
                return call.returning(.list(hits))
            },
            LuaFunction(
                "count", signature: "text.count(s, term) -> integer",
                summary: "Number of whole-word, case- and diacritic-insensitive occurrences of term in s.",
                example: "text.count(\"Tô Lâm and TO LAM\", \"to lam\")  -- 2"
            ) { call in
                call.returning(.int(Kwic.count(try call.string(2), in: try call.string(1))))
            },
            LuaFunction(
                "detect_language", signature: "text.detect_language(s) -> string|nil",
                summary: "ISO 639-1 code of the language of s (en, vi, fr, de, es, id, zh, ru, ...), nil when unclear or too short."
            ) { call in
                call.returning(LanguageDetector.detect(try call.string(1)).map(LuaValue.string) ?? .nil)
            },
        ]
    )

    private static func tokens(_ call: LuaCall) throws -> Int32 {
        let s = try call.string(1)
        let options = try call.options(2)
        try options.requireKnown(["lang", "stopwords", "fold", "lower"])
        let fold = try options.bool("fold", default: false)
        let lower = try options.bool("lower", default: false)
        let dropStopwords = try options.bool("stopwords", default: false)
        var stopwords: Set<String> = []
        if dropStopwords {
            guard let lang = try options.string("lang") ?? LanguageDetector.detect(s) else {
                throw call.argumentError(2, "cannot detect the language of the text for stopwords; pass opts.lang")
            }
            stopwords = Stopwords.foldedList(for: lang)
        }
        var result: [String] = []
        for token in Tokenizer.tokens(s) {
            if dropStopwords && stopwords.contains(TextFold.key(token)) { continue }
            result.append(fold ? TextFold.key(token) : lower ? token.lowercased() : token)
        }
        call.stack.push(strings: result)
        return 1
    }

    private static func match(_ call: LuaCall) throws -> Int32 {
        let s = try call.string(1)
        let source = try call.string(2)
        let options = try call.options(3)
        try options.requireKnown(["ignore_case", "ignore_diacritics", "whole_word", "limit"])
        var patternOptions: TextPattern.Options = []
        if try options.bool("ignore_case", default: false) { patternOptions.insert(.caseInsensitive) }
        if try options.bool("ignore_diacritics", default: false) { patternOptions.insert(.diacriticInsensitive) }
        if try options.bool("whole_word", default: false) { patternOptions.insert(.wholeWord) }
        let limit = try options.integer("limit") ?? Int.max
        let pattern: TextPattern
        do {
            pattern = try TextPattern(source, options: patternOptions)
        } catch {
            throw call.argumentError(2, "\(error)")
        }
        func span(_ text: String, _ bytes: Range<Int>) -> LuaValue {
            .table([
                "text": .string(text), "start": .int(bytes.lowerBound + 1), "stop": .int(bytes.upperBound),
                "end": .int(bytes.upperBound),
            ])
        }
        let matches = pattern.matches(in: s, limit: limit).map { m -> LuaValue in
            var entry: [String: LuaValue] = [
                "text": .string(m.text), "start": .int(m.byteRange.lowerBound + 1), "stop": .int(m.byteRange.upperBound),
                "end": .int(m.byteRange.upperBound),
            ]
            entry["captures"] = .list(m.captures.map { capture in
                capture.map { span($0.text, $0.byteRange) } ?? .bool(false)
            })
            return .table(entry)
        }
        return call.returning(.list(matches))
    }
}
