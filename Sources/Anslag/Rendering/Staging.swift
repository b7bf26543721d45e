import Foundation

/// The folder a build writes into before it goes live. `write` may be called from several
/// threads at once: each folder is created once, and a path written twice is an error (two
/// pages at one URL would otherwise depend on which thread came last).
public final class Staging: @unchecked Sendable {
    /// The staging folder on disk.
    public let root: URL
    /// The output being replaced, whose files a new file with the same path and bytes is linked
    /// to instead of written; nil when there is none.
    let previous: String?
    private let lock = NSLock()
    private var folders: Set<String> = []
    private var written: Set<String> = []

    init(root: URL, previous: String? = nil) {
        self.root = root
        self.previous = previous
    }

    /// Writes one file of the site under the staging folder.
    public func write(_ file: OutputFile) throws {
        // The folders the path goes through ("a", "a/b" for "a/b/c.html"); no component may be
        // empty, "." or "..", so nothing lands outside the folder. Read as bytes: "/" and "." are ASCII.
        var folders: [String] = []
        let outside = file.path.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                let component = bytes[start..<index]
                if component.isEmpty || (component.count <= 2 && component.allSatisfy { $0 == UInt8(ascii: ".") }) { return true }
                if index < bytes.count { folders.append(String(decoding: bytes[0..<index], as: UTF8.self)) }
                start = index + 1
            }
            return false
        } ?? true
        guard !outside else {
            throw OutputWriter.WriteError(description: "refusing to write '\(file.path)' outside the output folder")
        }
        guard file.path != OutputWriter.markerName else {
            throw OutputWriter.WriteError(description: "refusing to write '\(file.path)': the name is reserved for anslag's marker")
        }
        try record(file.path, folders: folders)
        let path = root.path + "/" + file.path
        // A file the last build wrote with the same bytes becomes a second name of that file: no
        // new inode and no write, which is most of a rebuild's cost in the kernel. The old tree is
        // removed after the swap, so the name in the new tree is then the only one.
        if let previous, try FileSystem.linkIfSame(previous + "/" + file.path, to: path, file.contents) { return }
        try FileSystem.createFile(path, file.contents)
    }

    /// Whether `path` has been written.
    public func wrote(_ path: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return written.contains(path)
    }

    func writeMarker() throws {
        try FileSystem.createFile(root.path + "/" + OutputWriter.markerName, Array(OutputWriter.markerText.utf8))
    }

    /// Claims `path` and creates its folders. The sets are read and changed under the lock; the
    /// folders are created outside it, so two threads can create folders at once (a folder another
    /// thread created first is found by `makeDirectory` and accepted).
    private func record(_ path: String, folders paths: [String]) throws {
        var missing: [String] = []
        try lock.withLock {
            guard written.insert(path).inserted else {
                throw OutputWriter.WriteError(description: "refusing to write '\(path)' twice in one build")
            }
            for relative in paths {
                if folders.contains(relative) { continue }
                if written.contains(relative) {
                    throw OutputWriter.WriteError(description: "cannot create folder \(root.path)/\(relative): a file of the site has that path")
                }
                missing.append(relative)
            }
            if folders.contains(path) {
                throw OutputWriter.WriteError(description: "cannot create \(root.path)/\(path): a folder of the site has that path")
            }
        }
        guard !missing.isEmpty else { return }
        for relative in missing { try FileSystem.makeDirectory(root.path + "/" + relative) }
        lock.withLock { folders.formUnion(missing) }
    }
}
