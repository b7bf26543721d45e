import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file operations the writer needs, each failing with the path and `strerror`.
enum FileSystem {
    /// What is at a path, without following a final symbolic link.
    enum Kind: Equatable { case missing, file, directory, symlink, other }

    static func error(_ action: String, _ path: String, _ code: Int32 = errno) -> OutputWriter.WriteError {
        OutputWriter.WriteError(description: "cannot \(action) \(path): \(String(cString: strerror(code)))")
    }

    static func kind(_ path: String) throws -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return .missing }
            throw error("inspect", path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    static func device(_ path: String) throws -> UInt64 {
        var info = stat()
        guard stat(path, &info) == 0 else { throw error("inspect", path) }
        return UInt64(info.st_dev)
    }

    /// The entries of a folder, sorted, without `.` and `..`.
    static func list(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else { throw error("read folder", path) }
        defer { closedir(dir) }
        var names: [String] = []
        errno = 0
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        if errno != 0 { throw error("read folder", path) }
        return names.sorted()
    }

    static func makeDirectory(_ path: String) throws {
        guard mkdir(path, 0o755) == 0 else {
            let code = errno
            if code == EEXIST, try kind(path) == .directory { return }
            throw error("create folder", path, code)
        }
    }

    static func rename(_ from: String, _ to: String) throws {
        guard Foundation.rename(from, to) == 0 else {
            let code = errno
            throw OutputWriter.WriteError(description: "cannot rename \(from) to \(to): \(String(cString: strerror(code)))")
        }
    }

    /// Removes a file or a whole folder; symbolic links are removed, never followed.
    static func removeTree(_ path: String) throws {
        switch try kind(path) {
        case .missing: return
        case .directory: try removeFolder(path)
        default:
            guard unlink(path) == 0 || errno == ENOENT else { throw error("remove", path) }
        }
    }

    /// Removes a whole tree, its top-level entries on all cores: what a build does with the
    /// output it replaced. Symbolic links are removed, never followed.
    static func removeTreeInParallel(_ path: String) throws {
        guard try kind(path) == .directory else { return try removeTree(path) }
        let entries = try listWithKinds(path)
        let failure = FirstFailure()
        DispatchQueue.concurrentPerform(iterations: entries.count) { index in
            let (name, isFolder) = entries[index]
            do {
                if isFolder { try removeFolder(path + "/" + name) } else { try removeTree(path + "/" + name) }
            } catch { failure.record(error) }
        }
        if let error = failure.error { throw error }
        guard rmdir(path) == 0 else { throw error("remove folder", path) }
    }

    /// Removes the folder at `path` and everything in it. The kind of each entry comes with its
    /// name from the folder listing, so only entries the file system does not type are looked at.
    private static func removeFolder(_ path: String) throws {
        for (name, isFolder) in try listWithKinds(path) {
            if isFolder { try removeFolder(path + "/" + name) } else {
                guard unlink(path + "/" + name) == 0 || errno == ENOENT else { throw error("remove", path + "/" + name) }
            }
        }
        guard rmdir(path) == 0 else { throw error("remove folder", path) }
    }

    /// The entries of a folder and whether each is a folder (a symbolic link to one is not).
    static func listWithKinds(_ path: String) throws -> [(name: String, isFolder: Bool)] {
        guard let dir = opendir(path) else { throw error("read folder", path) }
        defer { closedir(dir) }
        var entries: [(String, Bool)] = []
        errno = 0
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { String(cString: $0) }
            }
            guard name != "." && name != ".." else { continue }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): entries.append((name, true))
            case Int32(DT_UNKNOWN): entries.append((name, try kind(path + "/" + name) == .directory))
            default: entries.append((name, false))
            }
        }
        if errno != 0 { throw error("read folder", path) }
        return entries
    }

    /// The first error of several threads.
    private final class FirstFailure: @unchecked Sendable {
        // Unchecked: every access holds `lock`.
        private let lock = NSLock()
        private var first: (any Error)?
        func record(_ error: any Error) { lock.withLock { if first == nil { first = error } } }
        var error: (any Error)? { lock.withLock { first } }
    }

    /// Writes `bytes` to a new file; fails if something is already at `path`.
    static func createFile(_ path: String, _ bytes: some FileBytes) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw error("create", path) }
        do {
            _ = try bytes.forEachPiece { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0 else { throw error("write", path) }
                    offset += n
                }
                return true
            }
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw error("write", path) }
    }

    /// Makes `path` a second name (a hard link) of the regular file at `existing` when that file
    /// holds exactly `bytes`, and says whether it did. The bytes are compared through the new name
    /// after linking, so what was checked is what the new name holds. False, with nothing left at
    /// `path`, when there is no such regular file, its bytes differ, or the file system cannot
    /// link (another file system, no hard links): the caller then writes the file.
    static func linkIfSame(_ existing: String, to path: String, _ bytes: some FileBytes) throws -> Bool {
        var info = stat()
        guard lstat(existing, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == bytes.byteCount,
              link(existing, path) == 0 else { return false }
        if sameFile(path, bytes) != nil { return true }
        guard unlink(path) == 0 else { throw error("remove", path) }
        return false
    }

    /// What tells one state of a file from another without reading it: its inode, size and
    /// modification time.
    struct Stamp: Equatable {
        var inode: UInt64
        var size: Int
        var modified: Int
        var modifiedNanoseconds: Int
    }

    /// The stamp of the regular file at `path` (a symbolic link is not followed); nil if there is none.
    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Stamp(info)
    }

    /// The stamp of the regular file at `path` when it holds exactly `bytes` (read through one
    /// open file, a symbolic link not followed); nil when there is no such file or it differs.
    /// With `folder`, an open folder, `path` is relative to it: the folders above are not looked
    /// up again for each file.
    static func sameFile(_ path: String, in folder: Int32 = AT_FDCWD, _ bytes: some FileBytes) -> Stamp? {
        let fd = openat(folder, path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == bytes.byteCount,
              holds(fd, bytes) else { return nil }
        return Stamp(info)
    }

    /// Whether the open file `fd`, read from its start, holds exactly `bytes` and nothing more.
    /// A failure to read `bytes` themselves (a spill file) counts as a difference: the caller
    /// then writes the file, which reads them again and reports that failure.
    private static func holds(_ fd: Int32, _ bytes: some FileBytes) -> Bool {
        // A buffer that is never zeroed, reused for each piece of the file.
        withUnsafeTemporaryAllocation(byteCount: 1 << 16, alignment: 16) { found in
            let matched = (try? bytes.forEachPiece { expected in
                var offset = 0
                while offset < expected.count {
                    let n = read(fd, found.baseAddress, min(found.count, expected.count - offset))
                    if n < 0 && errno == EINTR { continue }
                    guard n > 0, memcmp(found.baseAddress!, expected.baseAddress! + offset, n) == 0 else { return false }
                    offset += n
                }
                return true
            }) ?? false
            // Nothing may follow: the file must not have grown since it was looked at.
            var extra: UInt8 = 0
            return matched && read(fd, &extra, 1) == 0
        }
    }

    /// What `readRegularFile` found.
    enum Read {
        case bytes([UInt8])
        /// More than the limit: the size, or the limit plus one when the file grew while read.
        case tooLarge(Int)
    }

    /// The bytes of the regular file at `path`, read only when it holds at most `limit` bytes;
    /// nil when it cannot be opened or is not a regular file (nor, unless `followingLinks`, when
    /// `path` is a symbolic link). Opened without waiting, so a named pipe or device never blocks
    /// the build.
    static func readRegularFile(_ path: String, limit: Int, followingLinks: Bool = true) -> Read? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size <= limit else { return .tooLarge(size) }
        // Room for one byte more than the size found: a file that grew in the meantime fills it,
        // and is then read on, to its end or past the limit.
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while true {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            count += n
            if count > limit { return .tooLarge(count) }
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - count))) }
        }
        bytes.removeLast(bytes.count - count)
        return .bytes(bytes)
    }

    /// The bytes of a regular file, nil if there is none; a symbolic link is not followed.
    static func readIfRegularFile(_ path: String) throws -> [UInt8]? {
        guard try kind(path) == .file else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw error("read", path) }
        return [UInt8](data)
    }

    /// The path with every symbolic link resolved; for a path that does not exist, its parent is
    /// resolved and the last component appended.
    static func resolved(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let parent = url.standardizedFileURL.deletingLastPathComponent()
        guard parent.path != path else { return path }
        let base = resolved(parent)
        return (base == "/" ? "" : base) + "/" + url.lastPathComponent
    }

    /// True when `inner` is `outer` or lies inside it (both resolved, absolute).
    static func isSameOrInside(_ inner: String, _ outer: String) -> Bool {
        inner == outer || outer == "/" || inner.hasPrefix(outer + "/")
    }

    /// True when `path` is a mount point: a different device from its parent, or listed as one.
    static func isMountPoint(_ path: String) throws -> Bool {
        if path == "/" { return true }
        let parent = (path as NSString).deletingLastPathComponent
        if try device(path) != device(parent.isEmpty ? "/" : parent) { return true }
        // A bind mount from the same file system keeps the device number; the kernel's table names it.
        guard let table = FileManager.default.contents(atPath: "/proc/self/mountinfo") else { return false }
        for line in String(decoding: table, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count > 4, unescapeMountPath(String(fields[4])) == path { return true }
        }
        return false
    }

    /// mountinfo writes space, tab, newline and backslash as octal escapes.
    private static func unescapeMountPath(_ text: String) -> String {
        text.replacingOccurrences(of: "\\040", with: " ").replacingOccurrences(of: "\\011", with: "\t")
            .replacingOccurrences(of: "\\012", with: "\n").replacingOccurrences(of: "\\134", with: "\\")
    }

    /// Whether a process with this id is running (so its staging folder is not a leftover).
    static func processIsAlive(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}

extension FileSystem.Stamp {
    init(_ info: stat) {
        inode = UInt64(info.st_ino)
        size = Int(info.st_size)
        modified = Int(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
    }
}
