import Foundation

/// The bytes of one output file that is too large to hold while the rest of the site is made
/// (`datapackage.json`: tens of megabytes at 10 000 pages, a third of a build's memory), kept in
/// a temporary file instead, appended to as they come and read back a piece at a time.
///
/// The file never has a name (Linux `O_TMPFILE`), or loses it as soon as it is made where the
/// file system cannot do that, so nothing is left behind whatever happens to the process: it is
/// gone when the last `SpillFile` holding it is. A build makes it beside the output folder, on
/// the file system the site goes to (not a `/tmp` that may be memory).
public final class SpillFile: @unchecked Sendable {
    // Unchecked: appended to by one thread while the file is made, only read afterwards.
    private let fd: Int32
    /// The bytes written so far.
    public private(set) var count = 0
    /// Bytes not yet written to the file.
    private var pending: [UInt8] = []
    /// Bytes are written to the file, and best moved to it by a writer, a megabyte at a time.
    static let pieceSize = 1 << 20

    /// A new, empty, nameless file in the first of `folders` where one can be made (a build
    /// tries beside the output, then inside it for an output that is a mount point, then the
    /// system's temporary folder); the error is the first folder's.
    public convenience init(inFirstOf folders: [String]) throws {
        var first: (any Error)?
        for folder in folders {
            do {
                try self.init(in: folder)
                return
            } catch {
                if first == nil { first = error }
            }
        }
        throw first ?? FileSystem.error("create a temporary file", "(no folder given)", ENOENT)
    }

    /// A new, empty, nameless file in `folder`.
    public init(in folder: String) throws {
        #if os(Linux)
        // O_TMPFILE (`__O_TMPFILE | O_DIRECTORY`, which Swift does not import as one constant).
        let nameless: Int32 = 0o20000000 | O_DIRECTORY
        let fd = open(folder, O_RDWR | nameless | O_CLOEXEC, 0o600)
        if fd >= 0 {
            self.fd = fd
            return
        }
        // A file system without it: a named file, unlinked at once.
        guard errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL else {
            throw FileSystem.error("create a temporary file in", folder)
        }
        #endif
        var template = Array((folder.hasSuffix("/") ? folder : folder + "/").utf8CString.dropLast()) + Array(".anslag-spill-XXXXXX".utf8CString)
        let named = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard named >= 0 else { throw FileSystem.error("create a temporary file in", folder) }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard unlink(path) == 0 else {
            close(named)
            throw FileSystem.error("remove", path)
        }
        self.fd = named
    }

    deinit { close(fd) }

    /// Appends `bytes`; they reach the file in pieces of a megabyte.
    public func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { try append($0) }
    }

    /// Appends `bytes`; they reach the file in pieces of a megabyte.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        pending.append(contentsOf: bytes)
        count += bytes.count
        if pending.count >= Self.pieceSize { try flush() }
    }

    /// Writes what is pending (reading does it first).
    func flush() throws {
        var offset = 0
        try pending.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw FileSystem.error("write", "a temporary file") }
                offset += n
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with the file's bytes, from the start, a piece at a time, while it returns true;
    /// says whether every piece was seen.
    func forEachPiece(_ body: (UnsafeRawBufferPointer) throws -> Bool) throws -> Bool {
        if !pending.isEmpty { try flush() }
        return try withUnsafeTemporaryAllocation(byteCount: 1 << 16, alignment: 16) { buffer in
            var offset = 0
            while offset < count {
                let n = pread(fd, buffer.baseAddress, min(buffer.count, count - offset), off_t(offset))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw FileSystem.error("read", "a temporary file") }
                guard try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) else { return false }
                offset += n
            }
            return true
        }
    }

    /// The whole file in memory.
    func bytes() throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        _ = try forEachPiece { bytes.append(contentsOf: $0); return true }
        return bytes
    }
}

/// The bytes of a file to write or to compare with one on disk: in memory, or in a `SpillFile`.
protocol FileBytes {
    var byteCount: Int { get }
    /// Calls `body` with the bytes, a piece at a time, while it returns true; says whether every piece was seen.
    func forEachPiece(_ body: (UnsafeRawBufferPointer) throws -> Bool) throws -> Bool
}

extension Array: FileBytes where Element == UInt8 {
    var byteCount: Int { count }
    func forEachPiece(_ body: (UnsafeRawBufferPointer) throws -> Bool) throws -> Bool {
        try withUnsafeBytes { try body($0) }
    }
}

extension SpillFile: FileBytes {
    var byteCount: Int { count }
}
