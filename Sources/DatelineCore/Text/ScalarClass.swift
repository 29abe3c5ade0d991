/// Precomputed Unicode properties for the scalars news text mostly uses (below U+3000), so hot
/// loops can classify a scalar with one table load instead of `Unicode.Scalar.Properties` lookups,
/// which are slow on Linux. Scalars outside the table fall back to the real properties, so the
/// answers are always exactly those of the standard library.
enum ScalarClass {
    static let alphabetic: UInt8 = 1 << 0
    /// `properties.numericType != nil`.
    static let numeric: UInt8 = 1 << 1
    static let uppercase: UInt8 = 1 << 2
    static let lowercase: UInt8 = 1 << 3
    /// `properties.isWhitespace`.
    static let whitespace: UInt8 = 1 << 4
    static let nonspacingMark: UInt8 = 1 << 5
    static let spacingMark: UInt8 = 1 << 6
    static let enclosingMark: UInt8 = 1 << 7

    /// Scalars below this value are answered from the table.
    static let tableLimit: UInt32 = 0x3000

    private static let table: [UInt8] = (0..<tableLimit).map { v in
        guard let u = Unicode.Scalar(v) else { return 0 }
        return compute(u)
    }

    /// The property bits of one scalar, computed from the standard library.
    private static func compute(_ u: Unicode.Scalar) -> UInt8 {
        let p = u.properties
        var bits: UInt8 = 0
        if p.isAlphabetic { bits |= alphabetic }
        if p.numericType != nil { bits |= numeric }
        if p.isUppercase { bits |= uppercase }
        if p.isLowercase { bits |= lowercase }
        if p.isWhitespace { bits |= whitespace }
        switch p.generalCategory {
        case .nonspacingMark: bits |= nonspacingMark
        case .spacingMark: bits |= spacingMark
        case .enclosingMark: bits |= enclosingMark
        default: break
        }
        return bits
    }

    /// The property bits of `u` (see the static masks).
    @inline(__always)
    static func of(_ u: Unicode.Scalar) -> UInt8 {
        let v = u.value
        return v < tableLimit ? table.withUnsafeBufferPointer { $0[Int(v)] } : compute(u)
    }

    /// Whether `u` has any of the bits in `mask`.
    @inline(__always)
    static func has(_ u: Unicode.Scalar, _ mask: UInt8) -> Bool {
        of(u) & mask != 0
    }
}

/// Decoding of valid UTF-8 one scalar at a time, for byte-level scanners.
enum UTF8Scan {
    /// The scalar starting at `i` and its length in bytes. `buf` must hold valid UTF-8 (as a
    /// `String`'s storage does); a truncated sequence yields U+FFFD with the remaining length.
    @inline(__always)
    static func decode(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let b = buf[i]
        if b < 0x80 { return (Unicode.Scalar(b), 1) }
        var len = 2
        var v = UInt32(b & 0x1F)
        if b >= 0xF0 { len = 4; v = UInt32(b & 0x07) } else if b >= 0xE0 { len = 3; v = UInt32(b & 0x0F) }
        guard i + len <= buf.count else { return ("\u{FFFD}", buf.count - i) }
        var k = 1
        while k < len { v = (v << 6) | UInt32(buf[i + k] & 0x3F); k += 1 }
        return (Unicode.Scalar(v) ?? "\u{FFFD}", len)
    }

    /// The start of the scalar that ends just before `end`.
    @inline(__always)
    static func start(before end: Int, in buf: UnsafeBufferPointer<UInt8>) -> Int {
        var j = end - 1
        while j > 0 && buf[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }
}
