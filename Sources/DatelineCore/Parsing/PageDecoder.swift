import Foundation

/// Turns a file's bytes into text: detects BOMs and UTF-16, refuses binary and empty input,
/// and falls back to Windows-1252 (with a warning) for text that is not valid UTF-8.
public struct PageDecoder: Sendable {
    public var maxBytes: Int

    public init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    public struct Decoded: Sendable {
        public var text: String
        public var warnings: [String]
        /// `normalizeNewlines(text)` is `text` (no CR, no leading U+FEFF, nothing NFC could change),
        /// as found while validating the bytes: then `normalized` need not scan the text again.
        public var isNormalized = false

        /// `PageDecoder.normalizeNewlines(text)`, without a second scan when decoding found nothing to do.
        public var normalized: String { isNormalized ? text : PageDecoder.normalizeNewlines(text) }
    }

    public func decode(_ data: Data, path: String?) throws -> Decoded {
        func fail(_ reason: ParseError.Reason) -> ParseError { ParseError(path: path, reason: reason) }
        if data.count > maxBytes { throw fail(.tooLarge(bytes: data.count, limit: maxBytes)) }
        if data.isEmpty { throw fail(.empty) }

        // Read the bytes in place (no copy); `.binary` and `.undecodable` are thrown after the closure.
        var warnings: [String] = []
        var decoded: String? = nil
        var census = ByteCensus()
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let n = bytes.count
            if n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
                decoded = String(validating: UnsafeBufferPointer(rebasing: bytes[3...]), as: UTF8.self)
                if let t = decoded { census = ByteCensus.of(t) }
            } else if n >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
                decoded = Self.decodeUTF16(UnsafeBufferPointer(rebasing: bytes[2...]), bigEndian: bytes[0] == 0xFE)
                if let t = decoded { census = ByteCensus.of(t) }
            } else {
                // One pass validates the UTF-8, finds NUL bytes and counts control characters; valid
                // UTF-8 bytes are the text's bytes, so the counts hold for the text too.
                census = ByteCensus.of(bytes)
                if census.hasNUL { return }
                if census.isValid {
                    decoded = Self.string(validUTF8: bytes, isASCII: census.isASCII)
                } else {
                    let s = Self.decodeWindows1252(bytes)
                    warnings.append("not valid UTF-8; decoded as Windows-1252")
                    census = ByteCensus.of(s)
                    decoded = s
                }
            }
        }
        if census.hasNUL { throw fail(.binary) }  // a NUL scalar is a 0 byte in UTF-8
        guard let text = decoded else { throw fail(.undecodable) }
        if census.looksBinary { throw fail(.undecodable) }
        if Self.isBlank(text) { throw fail(.empty) }
        let leadingBOM = text.utf8.starts(with: [0xEF, 0xBB, 0xBF])
        return Decoded(text: text, warnings: warnings, isNormalized: !census.hasCR && !census.mayChangeNFC && !leadingBOM)
    }

    /// A string of bytes `ByteCensus` found well-formed, copied without validating them again
    /// (the standard library's validation costs about as much as the whole census).
    static func string(validUTF8 bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> String {
        assert(String(validating: bytes, as: UTF8.self) != nil, "ByteCensus accepted ill-formed UTF-8")
        if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
            return String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: isASCII))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// CRLF and lone CR become LF; a leading BOM is dropped; text is put in NFC.
    public static func normalizeNewlines(_ text: String) -> String {
        // One scan decides which of the three steps can change anything; most pages need none.
        var bom = false, cr = false, nfc = false
        TextFold.withUTF8(text) { buf in
            bom = buf.count >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF
            (cr, nfc) = newlineAndNFCScan(buf)
        }
        if !bom && !cr && !nfc { return text }
        var s = text
        if bom || cr { s = unifyLineEnds(s, droppingBOM: bom) }
        // NFC only when something could change (NFC quick check); U+FEFF and CR never can.
        if nfc { s = s.precomposedStringWithCanonicalMapping }
        return s
    }

    /// Whether `buf` (valid UTF-8) holds a CR, and whether some scalar of it may change under NFC
    /// (see `NFCCheck`). Sixteen ASCII bytes at a time, else eight; only lead bytes of U+0300 and
    /// above are looked at (continuation bytes are below 0xCC, so each such lead byte is seen in
    /// its own word).
    static func newlineAndNFCScan(_ buf: UnsafeBufferPointer<UInt8>) -> (cr: Bool, nfc: Bool) {
        guard let p = buf.baseAddress else { return (false, false) }
        let n = buf.count
        var cr = false, nfc = false
        var i = 0
        while i &+ 8 <= n {
            let x = ByteLanes.load(p, i)
            if i &+ 16 <= n {
                // Sixteen plain ASCII bytes without CR (most of a page) in one test.
                let y = ByteLanes.load(p, i &+ 8)
                if (x | y) & ByteLanes.highs == 0 && (ByteLanes.lanesEqual(x, 13) | ByteLanes.lanesEqual(y, 13)) == 0 {
                    i &+= 16
                    continue
                }
            }
            if ByteLanes.lanesEqual(x, 13) != 0 { cr = true }
            if !nfc {
                var leads = ByteLanes.lanesAtLeast0xCC(x)
                while leads != 0 {
                    if ByteCensus.scalarMayChangeNFC(p, i &+ leads.trailingZeroBitCount >> 3) { nfc = true; break }
                    leads &= leads &- 1
                }
            }
            if cr && nfc { return (cr, nfc) }
            i &+= 8
        }
        while i < n {
            let b = p[i]
            if b == 13 { cr = true }
            if b >= 0xCC && !nfc && ByteCensus.scalarMayChangeNFC(p, i) { nfc = true }
            i += 1
        }
        return (cr, nfc)
    }

    /// CRLF and lone CR become LF, on UTF-8 bytes (CR is never part of a multi-byte sequence);
    /// with `droppingBOM`, the leading U+FEFF is left out as well.
    static func unifyLineEnds(_ s: String, droppingBOM: Bool = false) -> String {
        var out: [UInt8] = []
        TextFold.withUTF8(s) { buf in
            out.reserveCapacity(buf.count)
            var i = droppingBOM ? 3 : 0
            while i < buf.count {
                let b = buf[i]
                if b == 13 {
                    out.append(10)
                    if i + 1 < buf.count && buf[i + 1] == 10 { i += 1 }
                } else {
                    out.append(b)
                }
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func decodeUTF16(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> String? {
        guard bytes.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            i += 2
        }
        return String(validating: units, as: UTF16.self)
    }

    /// Windows-1252 maps 0x80–0x9F to typographic characters; the five bytes it leaves undefined
    /// are read as Latin-1 control characters.
    static func decodeWindows1252(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            let v: UInt32 = (0x80...0x9F).contains(b) ? high[Int(b) - 0x80] : UInt32(b)
            if let u = Unicode.Scalar(v) { scalars.append(u) }
        }
        return String(scalars)
    }

    /// Windows-1252 decoding of a byte array (see the buffer version).
    static func decodeWindows1252(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { decodeWindows1252($0) }
    }

    /// Whether every scalar of `text` is white space or U+FEFF (a page with nothing on it).
    static func isBlank(_ text: String) -> Bool {
        var blank = true
        TextFold.withUTF8(text) { buf in
            var i = 0
            while i < buf.count {
                let (u, len) = UTF8Scan.decode(buf, at: i)
                if u.value != 0xFEFF && !ScalarClass.has(u, ScalarClass.whitespace) { blank = false; return }
                i += len
            }
        }
        return blank
    }
}
