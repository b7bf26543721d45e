import Foundation

/// The folder a build writes into before it goes live. `write` may be called from several
/// threads at once: each folder is created once, and a path written twice is an error (two
/// pages at one URL would otherwise depend on which thread came last).
public final class Staging: @unchecked Sendable {
    /// The staging folder on disk.
    public let root: URL
    /// `root.path`, taken once: a URL makes its path anew each time it is asked.
    private let rootPath: String
    /// The output being replaced, whose files a new file with the same path and bytes is linked
    /// to instead of written; nil when there is none.
    let previous: String?
    private let lock = NSLock()
    /// The folders of the files written so far, and those of them made under `root`.
    private var claimed: Set<String> = []
    private var created: Set<String> = []
    private var written: Set<String> = []
    /// While true, nothing is on disk yet: every file so far has the same bytes as the one at its
    /// path in `previous`, and is listed in `same`. The first file that differs makes the staging
    /// folder, with those files linked into it (`materialize`); if none differs and `previous`
    /// holds nothing else, the output is already this site and stays as it is.
    private var comparing: Bool
    private var same: [(path: String, stamp: FileSystem.Stamp)] = []

    /// `previous`, open while comparing, so each file is looked up from there (-1 when not open).
    private let previousFolder: Int32

    /// `compareFirst`: start by comparing with `previous` instead of writing (see `comparing`).
    init(root: URL, previous: String? = nil, compareFirst: Bool = false) {
        self.root = root
        rootPath = root.path
        self.previous = previous
        comparing = compareFirst && previous != nil
        previousFolder = comparing ? previous.map { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) } ?? -1 : -1
    }

    deinit {
        if previousFolder >= 0 { close(previousFolder) }
    }

    /// Writes one file of the site under the staging folder.
    public func write(_ file: OutputFile) throws {
        if let spilled = file.spilled { try write(file.path, spilled) } else { try write(file.path, file.contents) }
    }

    private func write(_ relative: String, _ contents: some FileBytes) throws {
        // Only the deepest folder is made as a string here: the chain above it is made when that
        // folder is new (a few times per page folder, not for each of its files).
        guard let deepest = Self.deepestFolder(of: relative) else {
            throw OutputWriter.WriteError(description: "refusing to write '\(relative)' outside the output folder")
        }
        guard relative != OutputWriter.markerName else {
            throw OutputWriter.WriteError(description: "refusing to write '\(relative)': the name is reserved for anslag's marker")
        }
        let comparingNow = try record(relative, deepest: deepest)
        if comparingNow, let previous {
            let found = previousFolder >= 0 ? FileSystem.sameFile(relative, in: previousFolder, contents)
                : FileSystem.sameFile(previous + "/" + relative, contents)
            if let stamp = found {
                let noted = lock.withLock { () -> Bool in
                    guard comparing else { return false }
                    same.append((relative, stamp))
                    return true
                }
                if noted { return }
            }
            try materialize()
        }
        try makeFolders(of: relative, deepest: deepest)
        let target = rootPath + "/" + relative
        // A file the last build wrote with the same bytes becomes a second name of that file: no
        // new inode and no write, which is most of a rebuild's cost in the kernel. The old tree is
        // removed after the swap, so the name in the new tree is then the only one.
        if let previous, try FileSystem.linkIfSame(previous + "/" + relative, to: target, contents) { return }
        try FileSystem.createFile(target, contents)
    }

    /// The folders `path` goes through ("a", "a/b" for "a/b/c.html"); nil when a component is
    /// empty, "." or "..", which could land outside the folder.
    static func folders(of path: String) -> [String]? {
        UTF8Bytes.with(path) { bytes -> [String]? in
            var folders: [String] = []
            let inside = walk(bytes) { end in folders.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)) }
            return inside ? folders : nil
        }
    }

    /// The folder `path` is in ("a/b" for "a/b/c.html", "" for a file at the top), or nil when
    /// `folders(of:)` refuses the path: the last of its folders, without making the others.
    static func deepestFolder(of path: String) -> String? {
        UTF8Bytes.with(path) { bytes -> String? in
            var last = 0
            guard walk(bytes, folderEnd: { last = $0 }) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<last]), as: UTF8.self)
        }
    }

    /// Calls `folderEnd` with the offset of each `/` that ends a folder of the path whose bytes are
    /// `bytes`, and says whether every component is a name: not empty, "." or "..". Read as bytes:
    /// "/" and "." are ASCII.
    private static func walk(_ bytes: UnsafeBufferPointer<UInt8>, folderEnd: (Int) -> Void) -> Bool {
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
            let component = UnsafeBufferPointer(rebasing: bytes[start..<index])
            if component.isEmpty || (component.count <= 2 && component.allSatisfy { $0 == UInt8(ascii: ".") }) { return false }
            if index < bytes.count { folderEnd(index) }
            start = index + 1
        }
        return true
    }

    /// Whether `path` has been written.
    public func wrote(_ path: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return written.contains(path)
    }

    func writeMarker() throws {
        try FileSystem.createFile(rootPath + "/" + OutputWriter.markerName, Array(OutputWriter.markerText.utf8))
    }

    /// Claims `path` and its folders, and says whether the staging is still only comparing.
    private func record(_ path: String, deepest: String) throws -> Bool {
        try lock.withLock {
            guard written.insert(path).inserted else {
                throw OutputWriter.WriteError(description: "refusing to write '\(path)' twice in one build")
            }
            // A folder is claimed together with the folders above it, so a claimed deepest folder
            // (a page's, for its downloads) means the whole chain was checked before.
            if !deepest.isEmpty, !claimed.contains(deepest) {
                for relative in Self.folders(of: path) ?? [] where !claimed.contains(relative) {
                    if written.contains(relative) {
                        throw OutputWriter.WriteError(description: "cannot create folder \(rootPath)/\(relative): a file of the site has that path")
                    }
                    claimed.insert(relative)
                }
            }
            if claimed.contains(path) {
                throw OutputWriter.WriteError(description: "cannot create \(rootPath)/\(path): a folder of the site has that path")
            }
            return comparing
        }
    }

    /// Creates those of `paths` not yet made under `root`, outside the lock, so two threads can
    /// create folders at once (a folder another thread created first is found by
    /// `makeDirectory` and accepted).
    private func makeFolders(of path: String, deepest: String) throws {
        // A made deepest folder was made with the folders above it.
        guard !deepest.isEmpty, !lock.withLock({ created.contains(deepest) }) else { return }
        let paths = Self.folders(of: path) ?? []
        let missing = lock.withLock { paths.filter { !created.contains($0) } }
        guard !missing.isEmpty else { return }
        for relative in missing { try FileSystem.makeDirectory(rootPath + "/" + relative) }
        lock.withLock { created.formUnion(missing) }
    }

    /// Whether nothing has been written: every file so far is the same as in `previous`.
    var isComparing: Bool { lock.withLock { comparing } }

    /// Ends comparing: makes the staging folder and links into it every file found the same so
    /// far. A file that changed since it was compared (another inode, size or modification time)
    /// fails the build rather than be taken over unseen. Does nothing once staging.
    func materialize() throws {
        try lock.withLock {
            guard comparing, let previous else { return }
            comparing = false
            guard mkdir(rootPath, 0o755) == 0 else { throw FileSystem.error("create folder", rootPath) }
            for (path, stamp) in same {
                // Paths in `same` passed `folders(of:)` when they were written.
                for relative in Self.folders(of: path) ?? [] where !created.contains(relative) {
                    try FileSystem.makeDirectory(rootPath + "/" + relative)
                    created.insert(relative)
                }
                let target = rootPath + "/" + path
                guard link(previous + "/" + path, target) == 0 else { throw FileSystem.error("link", target) }
                guard FileSystem.stamp(target) == stamp else {
                    throw OutputWriter.WriteError(description: "\(previous)/\(path) changed while the build compared it; build again")
                }
            }
            same = []
        }
    }

    /// Whether `previous` holds exactly the files written, all found the same, its marker, and
    /// otherwise only a README.md the build did not write (which the new tree would keep):
    /// no other file, folder or link. Only meaningful while comparing.
    ///
    /// Every folder of the site is listed, on all cores: each entry must be a folder of the site
    /// or a file written (while comparing, every file written was found the same), and the files
    /// counted must be all those written, so none is missing. A folder of `previous` that is not
    /// one of the site's is an entry no folder of the site accepts.
    func previousHoldsExactlyWhatWasWritten() throws -> Bool {
        guard let previous else { return false }
        let (files, folders, wroteReadme) = lock.withLock { (written, claimed, written.contains("README.md")) }
        let listed = [""] + folders.sorted()
        let results = ParallelResults<Result<(files: Int, marker: Bool)?, any Error>>(count: listed.count)
        DispatchQueue.concurrentPerform(iterations: listed.count) { index in
            let relative = listed[index]
            results.set(index, Result {
                var found = 0, marker = false
                // A folder of the site that is gone (or cannot be read) means the output is not this site.
                guard let entries = try? FileSystem.listWithKinds(relative.isEmpty ? previous : previous + "/" + relative) else { return nil }
                for (name, isFolder) in entries {
                    let path = relative.isEmpty ? name : relative + "/" + name
                    if isFolder {
                        guard folders.contains(path) else { return nil }
                    } else if files.contains(path) {
                        found += 1
                    } else if path == OutputWriter.markerName {
                        guard try FileSystem.readIfRegularFile(previous + "/" + path) == Array(OutputWriter.markerText.utf8) else { return nil }
                        marker = true
                    } else if path == "README.md" && !wroteReadme {
                        guard try FileSystem.kind(previous + "/" + path) == .file else { return nil }
                    } else {
                        return nil
                    }
                }
                return (found, marker)
            })
        }
        var found = 0, marker = false
        for result in results.values {
            guard let counted = try result!.get() else { return false }
            found += counted.files
            marker = marker || counted.marker
        }
        return marker && found == files.count
    }
}
