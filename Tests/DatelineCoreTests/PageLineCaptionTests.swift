@testable import DatelineCore
import DatelineTestSupport
import XCTest

/// `PageLine.caption` skips most lines with byte tests; it must still answer exactly as the string
/// tests it used before them (kept here as the reference).
final class PageLineCaptionTests: XCTestCase {
    private static let pieces = [
        "Delegates", " at the meeting", " ", "  ", "(", ")", ").", ".", "..", ":", "Photo", "photo", "PHOTO", "Ảnh", "ảnh", "Anh",
        "Image", "image", "Photo credit", "Nguồn ảnh", "Source", "credit", "Foto", "File photo", "Illustrative photo",
        "Ảnh minh họa", "courtesy", "VNA", "TTXVN", "Tô Lâm", ".jpg", ".JPG", ".jpeg", ".png", ".gif", ".webp", ".avif", "g", "f", "p",
        "\u{E31}", "\u{301}", "\u{A0}", "\t", "ﬁ", "😀", "中文", "a", "i", "p", "-", "’", "2",
    ]

    func testCaptionMatchesTheStringTests() {
        var rng = SplitMix64(seed: 21)
        var found = 0
        for _ in 0..<40_000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 9) { text += Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }
            let folded = TextFold.key(text)
            for words in [PageLine.countWords(text), 41] {
                let caption = PageLine.caption(text: text, folded: folded, words: words)
                XCTAssertEqual(caption, Self.referenceCaption(text: text, folded: folded, words: words), text.debugDescription)
                if caption != nil { found += 1 }
            }
        }
        XCTAssertGreaterThan(found, 1_000)
        XCTAssertEqual(PageLine.caption(text: "Delegates at the meeting (Photo: VNA)", folded: "delegates at the meeting (photo: vna)", words: 6),
                       Caption(text: "Delegates at the meeting", credit: "VNA"))
    }

    /// `PageLine.caption` as it was before its byte tests.
    private static let leadingCaptionMarkers = ["photo:", "anh:", "image:", "photo credit:"]

    static func referenceCaption(text: String, folded: String, words: Int) -> Caption? {
        guard let last = folded.utf8.last else { return nil }
        // Cheap exits first: most lines are neither bracketed credits, file names nor "Photo:" lines.
        if last == UInt8(ascii: "g") || last == UInt8(ascii: "f") || last == UInt8(ascii: "p") {
            for ext in [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"] where folded.hasSuffix(ext) {
                let base = FastScan.trim(String(text.unicodeScalars.dropLast(ext.unicodeScalars.count)))
                guard base.contains(" ") else { return nil }  // a bare file name is furniture
                return Caption(text: base, credit: nil)
            }
        }
        let closes = last == UInt8(ascii: ")") || (last == UInt8(ascii: ".") && folded.utf8.dropLast().last == UInt8(ascii: ")"))
        if closes, let open = text.unicodeScalars.lastIndex(of: "("),
           let foldedOpen = folded.unicodeScalars.lastIndex(of: "(") {
            let innerFolded = FastScan.trim(String(folded.unicodeScalars[folded.unicodeScalars.index(after: foldedOpen)...]), ").")
            for marker in PageLine.foldedCaptionMarkers where innerFolded.hasPrefix(marker) {
                let inner = FastScan.trim(String(text.unicodeScalars[text.unicodeScalars.index(after: open)...]), ").")
                let credit = FastScan.trim(String(inner.unicodeScalars.dropFirst(marker.unicodeScalars.count)), " :")
                var body = FastScan.trim(String(text.unicodeScalars[..<open]))
                if body.hasSuffix(".") && !body.hasSuffix("..") { body.removeLast() }
                return Caption(text: body.isEmpty ? text : body, credit: credit.isEmpty ? nil : credit)
            }
        }
        if words <= 40, let first = folded.utf8.first, first == UInt8(ascii: "p") || first == UInt8(ascii: "a") || first == UInt8(ascii: "i") {
            for marker in leadingCaptionMarkers where folded.hasPrefix(marker) {
                let rest = FastScan.trim(String(text.unicodeScalars.dropFirst(marker.unicodeScalars.count)))
                return Caption(text: rest, credit: nil)
            }
        }
        return nil
    }
}
