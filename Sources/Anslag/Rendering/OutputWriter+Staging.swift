import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// A minimal shim so pages can stream into the output while the safety branch finishes the
// writer (issue 11): it offers the same entry points, `replace(writing:)` and a thread-safe
// `Staging.write(_:)`. When that branch's OutputWriter lands, this file is deleted.

/// The temporary folder a build writes into before it replaces the output folder.
public final class Staging: @unchecked Sendable {
    // Unchecked: `folders` is only touched while holding `lock`; file writes share nothing.
    /// The staging folder.
    public let root: URL
    private var folders: Set<String> = [""]
    private let lock = NSLock()

    init(root: URL) { self.root = root }

    /// Writes one file with POSIX calls (no fsync per file), creating each folder once. Thread-safe.
    public func write(_ file: OutputFile) throws {
        let parts = file.path.split(separator: "/")
        guard !file.path.hasPrefix("/"), !parts.isEmpty, !parts.contains(".."), !parts.contains(".") else {
            throw OutputWriter.WriteError(description: "refusing to write '\(file.path)' outside the output folder")
        }
        let folder = parts.dropLast().joined(separator: "/")
        try lock.withLock {
            guard !folders.contains(folder) else { return }
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
            var prefix = ""
            for part in parts.dropLast() {
                prefix += prefix.isEmpty ? String(part) : "/" + part
                folders.insert(prefix)
            }
        }
        let path = root.path + "/" + file.path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw OutputWriter.WriteError(description: "cannot create \(file.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        try file.contents.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                let n = Darwin.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
                guard n > 0 else { throw OutputWriter.WriteError(description: "cannot write \(file.path): \(String(cString: strerror(errno)))") }
                offset += n
            }
        }
    }
}

extension OutputWriter {
    /// Lets `body` write into a staging folder beside the output, then swaps it in; if `body`
    /// throws, the staging folder is removed and the output folder is left as it was.
    public func replace(writing body: (Staging) throws -> Void) throws {
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let staging = Staging(root: parent.appendingPathComponent(".\(name).new-\(getpid())"))
        let old = parent.appendingPathComponent(".\(name).old-\(getpid())")
        let manager = FileManager.default
        try? manager.removeItem(at: staging.root)
        try manager.createDirectory(at: staging.root, withIntermediateDirectories: true)
        do {
            try body(staging)
            let readme = output.appendingPathComponent("README.md")
            if let data = manager.contents(atPath: readme.path), !manager.fileExists(atPath: staging.root.appendingPathComponent("README.md").path) {
                try staging.write(OutputFile(path: "README.md", bytes: [UInt8](data)))
            }
        } catch {
            try? manager.removeItem(at: staging.root)
            throw error
        }
        if manager.fileExists(atPath: output.path) {
            try manager.moveItem(at: output, to: old)
        }
        do {
            try manager.moveItem(at: staging.root, to: output)
        } catch {
            try? manager.moveItem(at: old, to: output)
            throw error
        }
        try? manager.removeItem(at: old)
    }
}
