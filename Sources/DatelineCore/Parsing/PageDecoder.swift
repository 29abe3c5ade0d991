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
    }

    public func decode(_ data: Data, path: String?) throws -> Decoded {
        func fail(_ reason: ParseError.Reason) -> ParseError { ParseError(path: path, reason: reason) }
        if data.count > maxBytes { throw fail(.tooLarge(bytes: data.count, limit: maxBytes)) }
        if data.isEmpty { throw fail(.empty) }

        let bytes = [UInt8](data)
        var warnings: [String] = []
        var text: String

        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let s = String(validating: bytes[3...], as: UTF8.self) else { throw fail(.undecodable) }
            text = s
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let s = Self.decodeUTF16(bytes.dropFirst(2), bigEndian: bytes[0] == 0xFE) else {
                throw fail(.undecodable)
            }
            text = s
        } else {
            if bytes.contains(0) { throw fail(.binary) }
            if let s = String(validating: bytes, as: UTF8.self) {
                text = s
            } else {
                text = Self.decodeWindows1252(bytes)
                warnings.append("not valid UTF-8; decoded as Windows-1252")
            }
        }
        if FastScan.contains(text, byte: 0) { throw fail(.binary) }  // a NUL scalar is a 0 byte in UTF-8
        if Self.looksBinary(text) { throw fail(.undecodable) }
        if text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace || $0.value == 0xFEFF }) {
            throw fail(.empty)
        }
        return Decoded(text: text, warnings: warnings)
    }

    /// CRLF and lone CR become LF; a leading BOM is dropped; text is put in NFC.
    public static func normalizeNewlines(_ text: String) -> String {
        var s = text
        if s.hasPrefix("\u{FEFF}") { s.removeFirst() }
        if FastScan.contains(s, byte: 13) { s = unifyLineEnds(s) }
        // NFC only when something could change (NFC quick check); most text is already NFC.
        if mayNeedNFC(s) {
            s = s.precomposedStringWithCanonicalMapping
        }
        return s
    }

    /// CRLF and lone CR become LF, on UTF-8 bytes (CR is never part of a multi-byte sequence).
    static func unifyLineEnds(_ s: String) -> String {
        var out: [UInt8] = []
        TextFold.withUTF8(s) { buf in
            out.reserveCapacity(buf.count)
            var i = 0
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

    /// False when no scalar of the text can change under NFC (see `NFCCheck`), so the costly
    /// normalization can be skipped.
    static func mayNeedNFC(_ s: String) -> Bool {
        var may = false
        TextFold.withUTF8(s) { buf in
            var i = 0
            while i < buf.count {
                if buf[i] < 0xCC { i += 1; continue }  // ASCII, continuation bytes and lead bytes below U+0300
                let (u, len) = UTF8Scan.decode(buf, at: i)
                if NFCCheck.mayChange(u.value) { may = true; return }
                i += len
            }
        }
        return may
    }

    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String? {
        guard bytes.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            i += 2
        }
        return String(validating: units, as: UTF16.self)
    }

    /// Windows-1252 maps 0x80–0x9F to typographic characters; the five bytes it leaves undefined
    /// are read as Latin-1 control characters.
    static func decodeWindows1252(_ bytes: [UInt8]) -> String {
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

    /// Text whose characters are mostly control codes is not a page dump.
    private static func looksBinary(_ text: String) -> Bool {
        var control = 0, total = 0
        TextFold.withUTF8(text) { buf in
            // Bytes, not decoded scalars: a scalar starts at every byte that is not a continuation
            // byte; C1 controls are C2 80–C2 9F and U+FFFD is EF BF BD in UTF-8.
            let n = buf.count
            var i = 0
            while i < n && total < 8192 {
                let b = buf[i]
                i += 1
                if b < 0x80 {
                    total += 1
                    if b < 0x20 {
                        if b != 9 && b != 10 && b != 13 && b != 12 { control += 1 }
                    } else if b == 0x7F {
                        control += 1
                    }
                    continue
                }
                if b & 0xC0 == 0x80 { continue }
                total += 1
                if b == 0xC2, i < n, buf[i] <= 0x9F { control += 1 }
                if b == 0xEF, i + 1 < n, buf[i] == 0xBF, buf[i + 1] == 0xBD { control += 1 }
            }
        }
        return total > 0 && control * 10 > total
    }
}
