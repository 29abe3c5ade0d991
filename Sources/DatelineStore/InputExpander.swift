import Foundation

/// One file to ingest.
public struct InputFile: Sendable, Equatable {
    /// Absolute, standardized path (the key used for idempotency).
    public var path: String
    /// `.jsonl`/`.ndjson`: one JSON object per line.
    public var isJSONLines: Bool
}

/// Turns command-line arguments (files, folders, glob patterns the shell did not expand) into a sorted,
/// de-duplicated list of files. Folders are walked recursively; hidden files and folders are skipped.
public enum InputExpander {
    /// The expanded files and one message per argument that matched nothing.
    public static func expand(_ arguments: [String]) -> (files: [InputFile], problems: [String]) {
        var paths: [String] = []
        var problems: [String] = []
        let fm = FileManager.default
        for argument in arguments {
            var candidates = [argument]
            if !fm.fileExists(atPath: argument), argument.contains(where: { "*?[".contains($0) }) {
                candidates = glob(argument)
                if candidates.isEmpty { problems.append("\(argument): no files match"); continue }
            }
            for candidate in candidates {
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: candidate, isDirectory: &isDirectory) else {
                    problems.append("\(candidate): no such file or folder")
                    continue
                }
                if isDirectory.boolValue {
                    paths.append(contentsOf: walk(candidate))
                } else {
                    paths.append(absolute(candidate))
                }
            }
        }
        var seen = Set<String>()
        let files = paths.filter { seen.insert($0).inserted }.sorted().map {
            InputFile(path: $0, isJSONLines: isJSONLines($0))
        }
        return (files, problems)
    }

    static func isJSONLines(_ path: String) -> Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        return ext == "jsonl" || ext == "ndjson"
    }

    static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.standardizedFileURL.path
    }

    private static func walk(_ folder: String) -> [String] {
        // A symlink to a folder is walked as the folder it points to (the enumerator does not
        // descend into a symlink), and files are recorded under their real paths.
        let root = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath()
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]
        ) else { return [] }
        var result: [String] = []
        for case let url as URL in enumerator {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                result.append(url.standardizedFileURL.path)
            }
        }
        return result
    }

    /// Expands a glob pattern with glob(3).
    static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Foundation.glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            if let cString = result.gl_pathv[i] { paths.append(String(cString: cString)) }
        }
        return paths
    }
}
