import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A page file's bytes, size and modification time from one `open`, one `fstat` and the reads its
/// size needs. Foundation's `Data(contentsOf:)` plus `attributesOfItem(atPath:)` made about ten
/// system calls per file (path checks, repeated stats), a visible share of ingesting small pages.
public struct PageFile: Sendable {
    public var data: Data
    /// Seconds since 1970, exactly as `FileManager` reports `modificationDate`.
    public var modified: Double

    /// Why a file could not be read, in words for a one-line message (`strerror` text, or "is a
    /// directory"); `tooLarge` carries the size.
    public enum Failure: Error, Equatable {
        case unreadable(String)
        case tooLarge(bytes: Int)
    }

    /// Reads the file at `path`; refuses one larger than `limit` bytes before reading it.
    public static func read(_ path: String, limit: Int = .max) throws(Failure) -> PageFile {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(String(cString: strerror(errno))) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .unreadable(String(cString: strerror(EISDIR))) }
        let size = Int(info.st_size)
        if size > limit { throw .tooLarge(bytes: size) }
        var data = Data(count: size)
        var filled = 0
        var failure: Int32 = 0
        data.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) in
            while filled < size {
                let n = readBytes(fd, buffer.baseAddress! + filled, size - filled)
                if n > 0 { filled += n } else if n == 0 { break } else if errno != EINTR { failure = errno; break }
            }
        }
        if failure != 0 { throw .unreadable(String(cString: strerror(failure))) }
        if filled < size {
            data.count = filled // the file shrank while being read
        } else if (info.st_mode & S_IFMT) != S_IFREG || size == 0 {
            // Pipes, character devices and files the kernel reports with no size (/proc) may have more.
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while data.count <= limit {
                let n = chunk.withUnsafeMutableBytes { readBytes(fd, $0.baseAddress!, $0.count) }
                if n > 0 { data.append(contentsOf: chunk[0..<n]) } else if n == 0 || errno != EINTR { break }
            }
            if data.count > limit { throw .tooLarge(bytes: data.count) }
        }
        return PageFile(data: data, modified: modifiedTime(info))
    }

    /// The size and modification time of the file at `path` (following links), or nil when it has none.
    public static func sizeAndTime(_ path: String) -> (size: Int, modified: Double)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (Int(info.st_size), modifiedTime(info))
    }

    /// `st_mtim` as `FileManager` turns it into a `Date` (from the reference date, so the value is
    /// bit-for-bit the one stored by earlier builds, which compared it to decide a file is unchanged).
    private static func modifiedTime(_ info: stat) -> Double {
        Date(timeIntervalSinceReferenceDate: Double(info.st_mtim.tv_sec) - Date.timeIntervalBetween1970AndReferenceDate
             + Double(info.st_mtim.tv_nsec) / 1_000_000_000).timeIntervalSince1970
    }
}

/// read(2) (a free function: inside `PageFile`, `read` names the static method).
private func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, buffer, count)
    #else
    Darwin.read(fd, buffer, count)
    #endif
}
