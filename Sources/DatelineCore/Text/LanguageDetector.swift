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
        var result: String? = nil
        TextFold.withUTF8(s) { result = detect(utf8: $0) }
        return result
    }

    /// `detect` on a string's UTF-8 bytes; works on the bytes in place (no sample string is made).
    static func detect(utf8 buf: UnsafeBufferPointer<UInt8>) -> String? {
        let (counts, end) = ScriptCounts.sample(buf, limit: sampleLimit)
        guard counts.letters >= 20 else { return nil }
        if let script = counts.dominantScript() { return script }
        guard counts.latin * 2 >= counts.letters else { return nil }
        return latinLanguage(buf, sampleEnd: end, counts: counts)
    }

    /// Vietnamese-letter share above which Latin text is Vietnamese outright (real Vietnamese text is
    /// ~20%; English with Vietnamese names ~1%).
    static let vietnameseShare = 0.15
    /// Share above which Vietnamese wins unless another language's common words clearly dominate.
    static let vietnameseHint = 0.04

    /// The language of Latin text whose sample is `buf[0..<sampleEnd]`.
    static func latinLanguage(_ buf: UnsafeBufferPointer<UInt8>, sampleEnd: Int, counts: ScriptCounts) -> String? {
        let viShare = Double(counts.vietnamese) / Double(max(1, counts.latin))
        if viShare >= vietnameseShare { return "vi" }
        let (wordCount, hits) = CommonWordScan.hits(buf, end: sampleEnd)
        let hinted = viShare >= vietnameseHint
        guard wordCount >= 4 else { return hinted ? "vi" : nil }
        // The best language is the first (in `languages` order) of the highest ratio, as a stable
        // sort would put it; the runner-up ratio is the highest of the others.
        func ratio(_ k: Int) -> Double { Double(hits[k]) / Double(wordCount) }
        var best = 0
        for k in 1..<languages.count where ratio(k) > ratio(best) { best = k }
        var second = 0.0
        for k in 0..<languages.count where k != best && ratio(k) > second { second = ratio(k) }
        let bestRatio = ratio(best)
        guard bestRatio >= 0.08 else { return hinted ? "vi" : nil }
        let vi = languages.count - 1
        if hinted && best != vi {
            // Vietnamese letters but another language's function words: names inside that language.
            let viRatio = ratio(vi)
            return bestRatio >= 0.1 && bestRatio > viRatio * 2 ? languages[best] : "vi"
        }
        guard bestRatio >= second * 1.25 else { return nil }
        return languages[best]
    }

    /// The languages scored on common words, in tie-breaking order ("vi" last: see `latinLanguage`).
    static let languages = ["en", "fr", "de", "es", "id", "vi"]

    /// The longest detection word, in UTF-8 bytes.
    static let longestWord = detectionWords.values.flatMap { $0 }.map(\.utf8.count).max() ?? 0

    /// The number of words (`Tokenizer` tokens) in `text` and, per language of `languages`, how many
    /// of them (lower-cased) are in its detection list.
    static func commonWordHits(_ text: String) -> (words: Int, hits: [Int]) {
        var result = (words: 0, hits: [Int]())
        TextFold.withUTF8(text) { result = CommonWordScan.hits($0, end: $0.count) }
        return result
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

    /// Script classes of letters (`ScriptCounts.classify`).
    enum Class {
        static let none: UInt8 = 0, letter: UInt8 = 1, latin: UInt8 = 2, vietnamese: UInt8 = 3
        static let lao: UInt8 = 4, thai: UInt8 = 5, kana: UInt8 = 6, han: UInt8 = 7, hangul: UInt8 = 8
        static let cyrillic: UInt8 = 9, arabic: UInt8 = 10
    }

    /// The class of a non-ASCII scalar: `none` unless alphabetic; `letter` for a letter of no
    /// counted script; `vietnamese` for Vietnamese Latin letters.
    static func classify(_ u: Unicode.Scalar) -> UInt8 {
        let v = u.value
        if v < 0x80 {
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) ? Class.latin : Class.none
        }
        guard ScalarClass.has(u, ScalarClass.alphabetic) else { return Class.none }
        switch v {
        case 0x00C0...0x024F, 0x1E00...0x1EFF: return isVietnamese(v) ? Class.vietnamese : Class.latin
        case 0x0E80...0x0EFF: return Class.lao
        case 0x0E00...0x0E7F: return Class.thai
        case 0x3040...0x30FF, 0x31F0...0x31FF: return Class.kana
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: return Class.han
        case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: return Class.hangul
        case 0x0400...0x052F: return Class.cyrillic
        case 0x0600...0x06FF, 0x0750...0x077F, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return Class.arabic
        default: return Class.letter
        }
    }

    /// `classify` for every scalar below `ScalarClass.tableLimit`, computed once.
    private static let classTable: [UInt8] = (0..<ScalarClass.tableLimit).map { v in
        Unicode.Scalar(v).map(classify) ?? Class.none
    }

    /// Counts one scalar.
    mutating func add(_ u: Unicode.Scalar) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 16) { perClass in
            perClass.initialize(repeating: 0)
            perClass[Int(Self.classify(u))] = 1
            add(UnsafeBufferPointer(perClass))
        }
    }

    /// Adds counts per class (`Class`).
    private mutating func add(_ c: UnsafeBufferPointer<Int>) {
        letters += c[1] + c[2] + c[3] + c[4] + c[5] + c[6] + c[7] + c[8] + c[9] + c[10]
        latin += c[2] + c[3]
        vietnamese += c[3]
        lao += c[4]; thai += c[5]; kana += c[6]; han += c[7]
        hangul += c[8]; cyrillic += c[9]; arabic += c[10]
    }

    /// The counts over the first `limit` scalars of valid UTF-8 `buf`, and the byte offset where
    /// that sample ends. ASCII is counted eight bytes at a time; other scalars by a table lookup.
    static func sample(_ buf: UnsafeBufferPointer<UInt8>, limit: Int) -> (counts: ScriptCounts, end: Int) {
        guard let p = buf.baseAddress else { return (ScriptCounts(), 0) }
        let n = buf.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 16) { perClass in
            perClass.initialize(repeating: 0)
            var asciiLetters = 0
            var i = 0, seen = 0
            classTable.withUnsafeBufferPointer { table in
                @inline(__always) func scalar() {
                    let b = p[i]
                    if b < 0x80 {
                        if (b | 0x20) &- 0x61 < 26 { asciiLetters += 1 }
                        i += 1
                        return
                    }
                    let (u, len) = UTF8Scan.decode(buf, at: i)
                    let cls = u.value < ScalarClass.tableLimit ? table[Int(u.value)] : classify(u)
                    perClass[Int(cls)] += 1
                    i += len
                }
                while i < n && seen < limit {
                    if i &+ 8 <= n && seen <= limit &- 8 {
                        let x = ByteLanes.load(p, i)
                        let high = x & ByteLanes.highs
                        if high == 0 {
                            asciiLetters &+= ByteLanes.laneCount(ByteLanes.asciiLetterLanes(x))
                            seen &+= 8
                            i &+= 8
                            continue
                        }
                        // The ASCII lanes before the first non-ASCII byte in bulk, then that scalar
                        // (at most eight scalars: the limit is not passed).
                        let k = high.trailingZeroBitCount >> 3
                        if k > 0 {
                            let lanes: UInt64 = ~0 &>> UInt64(truncatingIfNeeded: 64 &- 8 &* k)
                            asciiLetters &+= ByteLanes.laneCount(ByteLanes.asciiLetterLanes(x & lanes))
                            seen &+= k
                            i &+= k
                        }
                    }
                    scalar()
                    seen &+= 1
                }
            }
            var counts = ScriptCounts()
            counts.letters = asciiLetters
            counts.latin = asciiLetters
            counts.add(UnsafeBufferPointer(perClass))
            return (counts, i)
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
