import Foundation

/// Creates a new, uniquely named folder `PREFIX-UUID` in the system's temporary folder; the caller
/// removes it (or use `TemporaryFolder`, which does).
public func makeTemporaryDirectory(_ prefix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A temporary folder removed with its contents at deinit: keep a reference for as long as the
/// test uses the files in it.
public final class TemporaryFolder {
    public let url: URL
    public var path: String { url.path }

    public init(prefix: String = "dateline-tests") throws {
        url = try makeTemporaryDirectory(prefix)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` (which may contain folders) inside the folder.
    public func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes a file (creating its folders) and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    /// Writes a file (creating its folders) and returns its path.
    @discardableResult
    public func write(_ name: String, _ data: Data) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: target))
        return target
    }

    /// File names in a sub-folder, sorted (empty when it does not exist).
    public func list(_ name: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: file(name))) ?? []).sorted()
    }
}
