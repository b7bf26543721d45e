import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file of the built site: a path relative to the output folder and its bytes.
public struct OutputFile: Sendable {
    public var path: String
    public var contents: [UInt8]

    public init(path: String, contents: String) {
        self.path = path
        self.contents = Array(contents.utf8)
    }

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.contents = bytes
    }
}

/// Writes a complete site into a temporary folder beside the output and swaps it in only on success.
///
/// Files are written with POSIX `open`/`write`/`close`: Foundation's `write(to:)` syncs each file.
/// A `README.md` already in the output folder (the one kept in git) is carried over.
public struct OutputWriter {
    public let output: URL

    public init(output: URL) { self.output = output.standardizedFileURL }

    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    public func replace(with files: [OutputFile]) throws {
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let staging = parent.appendingPathComponent(".\(name).new-\(getpid())")
        let old = parent.appendingPathComponent(".\(name).old-\(getpid())")
        let manager = FileManager.default
        try? manager.removeItem(at: staging)
        try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            var all = files
            let readme = output.appendingPathComponent("README.md")
            if let data = manager.contents(atPath: readme.path), !files.contains(where: { $0.path == "README.md" }) {
                all.append(OutputFile(path: "README.md", contents: String(decoding: data, as: UTF8.self)))
            }
            for file in all { try write(file, under: staging) }
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
        if manager.fileExists(atPath: output.path) {
            try manager.moveItem(at: output, to: old)
        }
        do {
            try manager.moveItem(at: staging, to: output)
        } catch {
            try? manager.moveItem(at: old, to: output)
            throw error
        }
        try? manager.removeItem(at: old)
    }

    private func write(_ file: OutputFile, under root: URL) throws {
        let parts = file.path.split(separator: "/")
        guard !file.path.hasPrefix("/"), !parts.isEmpty, !parts.contains(".."), !parts.contains(".") else {
            throw WriteError(description: "refusing to write '\(file.path)' outside the output folder")
        }
        let url = root.appendingPathComponent(file.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(description: "cannot create \(file.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        try file.contents.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                guard n > 0 else { throw WriteError(description: "cannot write \(file.path): \(String(cString: strerror(errno)))") }
                offset += n
            }
        }
    }
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}
