import Foundation

/// Renders the whole document as JSON: `{"blocks": [{"type": …}, …], "articles": […]}`.
///
/// Keys are sorted and optional fields are written as `null`, so the same document always gives the
/// same bytes; `ReportDocument` decodes it back.
public struct JSONReportRenderer: ReportRenderer {
    public var prettyPrinted: Bool

    public init(prettyPrinted: Bool = true) {
        self.prettyPrinted = prettyPrinted
    }

    public func render(_ doc: ReportDocument) throws -> String {
        String(decoding: try renderData(doc), as: UTF8.self)
    }

    public func renderData(_ doc: ReportDocument) throws -> Data {
        let encoder = JSONReportRenderer.encoder()
        encoder.outputFormatting = prettyPrinted ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(doc)
            data.append(0x0A)
            return data
        } catch {
            throw ReportError.encodingFailed(format: "json", reason: "\(error)")
        }
    }

    /// Decodes a document written by this renderer.
    public static func decode(_ data: Data) throws -> ReportDocument {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = floatStrategy.decoding
        return try decoder.decode(ReportDocument.self, from: data)
    }

    /// Chart values may be NaN or infinite; JSON cannot hold them, so they travel as strings.
    private static let floatStrategy = (
        encoding: JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN"),
        decoding: JSONDecoder.NonConformingFloatDecodingStrategy.convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
    )

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = floatStrategy.encoding
        return encoder
    }
}
