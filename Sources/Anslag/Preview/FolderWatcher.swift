import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells `PreviewService` at once when something under the watched folders changes: on Linux
/// through inotify, a watch on every folder under the roots (added for folders that appear).
/// Nil from `init` where inotify is unavailable or fails (then the service polls).
///
/// Every kind of change an editor makes counts: a write (`IN_MODIFY`, `IN_CLOSE_WRITE`), a file
/// or folder created, deleted or renamed into or out of a folder (the temporary file an editor
/// renames over the original is `IN_MOVED_TO`), and changed permissions (`IN_ATTRIB`). Events
/// are not interpreted beyond "something changed": the rebuild reads the files anyway.
final class FolderWatcher {
    #if canImport(Glibc)
    private let fd: Int32
    /// Watched folders by watch descriptor.
    private var folders: [Int32: String] = [:]
    #endif
    private let roots: [URL]
    /// Set by an event not yet consumed by `settle`.
    private var changed = false
    /// Set when a watch could not be added (e.g. the limit of watches is reached): the caller
    /// then falls back to polling, since a folder may go unwatched.
    private(set) var failed = false

    #if canImport(Glibc)
    private static let mask: UInt32 = UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_DELETE)
        | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM) | UInt32(IN_ATTRIB) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ONLYDIR)
    #endif

    init?(roots: [URL]) {
        self.roots = roots
        #if canImport(Glibc)
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        rescan()
        if failed || folders.isEmpty {
            close(fd)
            return nil
        }
        #else
        return nil
        #endif
    }

    deinit {
        #if canImport(Glibc)
        close(fd)
        #endif
    }

    /// Adds a watch on every folder under the roots (and the roots), skipping symbolic links.
    /// Adding a watch to a folder already watched changes nothing.
    private func rescan() {
        #if canImport(Glibc)
        for root in roots {
            var pending = [root.path]
            while let folder = pending.popLast() {
                // A root given as a symbolic link is followed; below it only real folders are
                // watched: a link the loader accepts leads inside the root, which is watched already.
                let wd = inotify_add_watch(fd, folder, Self.mask | (folder == root.path ? 0 : UInt32(IN_DONT_FOLLOW)))
                if wd < 0 {
                    // A folder that vanished meanwhile is a change, not a failure; any other error is.
                    if errno != ENOENT && errno != ENOTDIR { failed = true }
                    continue
                }
                folders[wd] = folder
                guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }  // gone or unreadable: the rebuild says which
                for entry in entries {
                    let path = folder + "/" + entry
                    var info = stat()
                    if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { pending.append(path) }
                }
            }
        }
        #endif
    }

    /// Reads the events that are there without waiting; true when any came. Folders that
    /// appeared are watched from now on.
    @discardableResult
    private func drain() -> Bool {
        #if canImport(Glibc)
        var any = false
        var rescanNeeded = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            any = true
            var offset = 0
            buffer.withUnsafeBytes { raw in
                while offset + 16 <= count {
                    let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 { rescanNeeded = true }
                    if mask & UInt32(IN_ISDIR) != 0, mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 { rescanNeeded = true }
                    if mask & UInt32(IN_IGNORED) != 0 { folders[wd] = nil; rescanNeeded = true }
                    offset += 16 + length
                }
            }
        }
        if rescanNeeded { rescan() }
        if any { changed = true }
        return any
        #else
        return false
        #endif
    }

    /// Whether anything changed since the last `settle` (reads pending events, never waits).
    var hasChanged: Bool {
        drain()
        return changed
    }

    /// Waits up to `timeout` for a change; true when one came (or had come since the last `settle`).
    func waitForChange(timeout: Duration) -> Bool {
        if hasChanged { return true }
        #if canImport(Glibc)
        var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        _ = poll(&ready, 1, Int32(clamping: timeout.milliseconds))
        #endif
        return hasChanged
    }

    /// Once a change came: waits until no event has come for `quiet` (an editor may save in
    /// steps), but no longer than `limit` in all, so a writer that never stops cannot hold the
    /// rebuild back. Afterwards `hasChanged` is false until the next event.
    func settle(quiet: Duration, limit: Duration) {
        let end = ContinuousClock.now + limit
        while ContinuousClock.now < end {
            #if canImport(Glibc)
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let wait = min(quiet, end - ContinuousClock.now)
            if poll(&ready, 1, Int32(clamping: max(1, wait.milliseconds))) <= 0 { break }
            drain()
            #else
            break
            #endif
        }
        // Events after the last look stay unread, so `hasChanged` sees them.
        changed = false
    }
}

extension Duration {
    /// Whole milliseconds, rounded down.
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
