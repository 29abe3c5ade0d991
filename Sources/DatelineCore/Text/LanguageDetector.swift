import Foundation

/// Cheap language identification for article text (ISO 639-1), from the first ~4,000 characters.
///
/// Non-Latin scripts decide by script (lo, th, zh, ja, ko, ru, ar). Latin text is "vi" when
/// Vietnamese-specific letters are a meaningful share of letters (a few names such as "Tô Lâm" in
/// English text are not), otherwise the language whose common words make up the largest share of
/// words (en, fr, de, es, id, vi). `nil` when there are fewer than 20 letters or no clear winner.
public enum LanguageDetector {
    /// Scalars examined at most.
    static let sampleLimit = 4_000

    /// The detected ISO 639-1 code, or `nil` when the text is too short or the evidence unclear.
    public static func detect(_ s: String) -> String? {
        var counts = ScriptCounts()
        var sample = ""
        TextFold.withUTF8(s) { buf in
            var i = 0, seen = 0
            while i < buf.count && seen < sampleLimit {
                let b = buf[i]
                if b < 0x80 {
                    counts.add(Unicode.Scalar(b))  // no decoding for ASCII
                    i += 1
                    seen += 1
                    continue
                }
                let (u, len) = UTF8Scan.decode(buf, at: i)
                counts.add(u)
                i += len
                seen += 1
            }
            sample = String(decoding: UnsafeBufferPointer(rebasing: buf[0..<i]), as: UTF8.self)
        }
        guard counts.letters >= 20 else { return nil }
        if let script = counts.dominantScript() { return script }
        guard counts.latin * 2 >= counts.letters else { return nil }
        return latinLanguage(sample, counts: counts)
    }

    /// Vietnamese-letter share above which Latin text is Vietnamese outright (real Vietnamese text is
    /// ~20%; English with Vietnamese names ~1%).
    static let vietnameseShare = 0.15
    /// Share above which Vietnamese wins unless another language's common words clearly dominate.
    static let vietnameseHint = 0.04

    static func latinLanguage(_ text: String, counts: ScriptCounts) -> String? {
        let viShare = Double(counts.vietnamese) / Double(max(1, counts.latin))
        if viShare >= vietnameseShare { return "vi" }
        let (wordCount, hits) = commonWordHits(text)
        let hinted = viShare >= vietnameseHint
        guard wordCount >= 4 else { return hinted ? "vi" : nil }
        var scores: [(lang: String, ratio: Double)] = []
        for (k, lang) in languages.enumerated() {
            scores.append((lang, Double(hits[k]) / Double(wordCount)))
        }
        scores.sort { $0.ratio > $1.ratio }
        guard let best = scores.first, best.ratio >= 0.08 else { return hinted ? "vi" : nil }
        if hinted && best.lang != "vi" {
            // Vietnamese letters but another language's function words: names inside that language.
            let viRatio = scores.first(where: { $0.lang == "vi" })?.ratio ?? 0
            return best.ratio >= 0.1 && best.ratio > viRatio * 2 ? best.lang : "vi"
        }
        let second = scores.count > 1 ? scores[1].ratio : 0
        guard best.ratio >= second * 1.25 else { return nil }
        return best.lang
    }

    /// The languages scored on common words, in tie-breaking order.
    static let languages = ["en", "fr", "de", "es", "id", "vi"]

    /// The longest detection word, in UTF-8 bytes.
    static let longestWord = detectionWords.values.flatMap { $0 }.map(\.utf8.count).max() ?? 0

    /// Each detection word → a bit mask of the `languages` whose list has it (one lookup per word).
    static let languagesOfWord: WordMap<UInt8> = {
        var map = WordMap<UInt8>(capacity: 256)
        for (k, lang) in languages.enumerated() {
            for word in detectionWords[lang] ?? [] { map.set(word, (map.value(word) ?? 0) | 1 << k) }
        }
        return map
    }()

    /// The number of words (`Tokenizer` tokens) in `text` and, per language of `languages`, how many
    /// of them (lower-cased) are in its detection list.
    static func commonWordHits(_ text: String) -> (words: Int, hits: [Int]) {
        var words = 0
        var hits = [Int](repeating: 0, count: languages.count)
        let longest = longestWord
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, longest)) { lowered in
            TextFold.withUTF8(text) { buf in
                Tokenizer.scanBytes(text) { range in
                    words += 1
                    let mask: UInt8?
                    if range.count <= longest, let ascii = lowerASCII(buf, range, into: lowered) {
                        // Lower-casing ASCII keeps the length: a longer token cannot be a detection word.
                        mask = languagesOfWord.value(UnsafeBufferPointer(rebasing: ascii[0..<range.count]))
                    } else if buf[range].contains(where: { $0 >= 0x80 }) {
                        mask = languagesOfWord.value(String(decoding: UnsafeBufferPointer(rebasing: buf[range]), as: UTF8.self).lowercased())
                    } else {
                        mask = nil  // a long ASCII token
                    }
                    guard let mask else { return }
                    for k in 0..<hits.count where mask & (1 << k) != 0 { hits[k] += 1 }
                }
            }
        }
        return (words, hits)
    }

    /// Copies the ASCII token `buf[range]` lower-cased into `out`; `nil` when it is not all ASCII.
    @inline(__always)
    private static func lowerASCII(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                   into out: UnsafeMutableBufferPointer<UInt8>) -> UnsafeMutableBufferPointer<UInt8>? {
        var k = 0
        for i in range {
            let b = buf[i]
            if b >= 0x80 { return nil }
            out[k] = b &- 65 < 26 ? b &+ 32 : b
            k += 1
        }
        return out
    }

    /// Short lists of very frequent words per language (same size for a fair comparison).
    static let detectionWords: [String: Set<String>] = [
        "en": ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by", "at",
               "it", "from", "his", "he", "this", "be", "are", "have", "has", "an", "its", "their", "which",
               "will", "said"],
        "fr": ["le", "la", "les", "de", "des", "du", "et", "est", "que", "qui", "dans", "pour", "pas", "sur",
               "au", "aux", "avec", "ce", "cette", "il", "elle", "une", "un", "par", "plus", "ont", "sont",
               "été", "ses", "leur"],
        "de": ["der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "des", "ein", "eine", "zu",
               "von", "im", "auf", "für", "sich", "auch", "es", "sie", "er", "dass", "wird", "wurde", "hat",
               "bei", "nach", "aus", "über"],
        "es": ["el", "la", "los", "las", "de", "del", "y", "en", "que", "es", "por", "con", "para", "se", "no",
               "su", "sus", "al", "lo", "como", "más", "pero", "una", "un", "fue", "son", "ha", "este", "esta",
               "entre"],
        "id": ["yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada", "adalah", "dalam",
               "tidak", "akan", "juga", "oleh", "sebagai", "telah", "atau", "karena", "bahwa", "mereka",
               "kami", "kita", "saya", "sudah", "bisa", "ada", "para", "tersebut"],
        "vi": ["và", "của", "là", "các", "những", "được", "có", "trong", "cho", "với", "đã", "sẽ", "này",
               "đó", "một", "không", "người", "khi", "để", "từ", "theo", "về", "tại", "cũng", "như", "thì",
               "mà", "nhiều", "hai", "đến"],
    ]
}

/// Letter counts by script over a sample.
struct ScriptCounts {
    var letters = 0, latin = 0, vietnamese = 0
    var lao = 0, thai = 0, han = 0, kana = 0, hangul = 0, cyrillic = 0, arabic = 0

    mutating func add(_ u: Unicode.Scalar) {
        let v = u.value
        if v < 0x80 {
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) { letters += 1; latin += 1 }
            return
        }
        guard ScalarClass.has(u, ScalarClass.alphabetic) else { return }
        letters += 1
        switch v {
        case 0x00C0...0x024F, 0x1E00...0x1EFF:
            latin += 1
            if Self.isVietnamese(v) { vietnamese += 1 }
        case 0x0E80...0x0EFF: lao += 1
        case 0x0E00...0x0E7F: thai += 1
        case 0x3040...0x30FF, 0x31F0...0x31FF: kana += 1
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: han += 1
        case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: hangul += 1
        case 0x0400...0x052F: cyrillic += 1
        case 0x0600...0x06FF, 0x0750...0x077F, 0xFB50...0xFDFF, 0xFE70...0xFEFF: arabic += 1
        default: break
        }
    }

    /// ă â đ ê ô ơ ư (both cases) and the Vietnamese tone-marked block U+1EA0–U+1EF9.
    static func isVietnamese(_ v: UInt32) -> Bool {
        switch v {
        case 0x0102, 0x0103, 0x00C2, 0x00E2, 0x0110, 0x0111, 0x00CA, 0x00EA, 0x00D4, 0x00F4,
             0x01A0, 0x01A1, 0x01AF, 0x01B0, 0x1EA0...0x1EF9:
            return true
        default:
            return false
        }
    }

    /// The language of a non-Latin script holding at least half the letters.
    func dominantScript() -> String? {
        let half = letters / 2
        if lao > half { return "lo" }
        if thai > half { return "th" }
        if hangul > half { return "ko" }
        if han + kana > half { return kana * 10 >= (han + kana) ? "ja" : "zh" }
        if cyrillic > half { return "ru" }
        if arabic > half { return "ar" }
        return nil
    }
}
