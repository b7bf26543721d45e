import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The swap itself. Beside the output, staging is `.<name>.new-<pid>` and the replaced tree
/// `.<name>.old-<pid>`; inside a mount point they are `.anslag-staging-<pid>` and `.anslag-old-<pid>`.
/// A kill at any step leaves a complete old or new output folder (except in the documented
/// fallbacks) and the next build removes what the killed one left.
extension OutputWriter {
    var parent: URL { output.deletingLastPathComponent() }
    var name: String { output.lastPathComponent }

    /// Staging and old folders of builds that are no longer running. If a two-rename swap was
    /// killed between its renames, the output is missing and its old tree is put back first.
    func cleanLeftovers(_ target: Target) throws {
        if target != .mountPoint {
            try removeLeftovers(in: parent.path, newPrefix: ".\(name).new-", oldPrefix: ".\(name).old-", restore: target == .absent)
        }
        if target != .absent {
            try removeLeftovers(in: output.path, newPrefix: ".anslag-staging-", oldPrefix: ".anslag-old-", restore: false)
        }
    }

    private func removeLeftovers(in folder: String, newPrefix: String, oldPrefix: String, restore: Bool) throws {
        guard try FileSystem.kind(folder) == .directory else { return }
        var leftovers: [(name: String, old: Bool)] = []
        for entry in try FileSystem.list(folder) {
            let old = entry.hasPrefix(oldPrefix)
            guard old || entry.hasPrefix(newPrefix), let pid = Int32(entry.dropFirst(old ? oldPrefix.count : newPrefix.count)),
                  pid == getpid() || !FileSystem.processIsAlive(pid) else { continue }
            leftovers.append((entry, old))
        }
        if restore, let old = leftovers.last(where: \.old),
           try FileSystem.kind(folder + "/" + old.name + "/" + Self.markerName) == .file {
            try FileSystem.rename(folder + "/" + old.name, output.path)
            leftovers.removeAll { $0.name == old.name }
        }
        for leftover in leftovers { try FileSystem.removeTree(folder + "/" + leftover.name) }
    }

    /// Writes the new tree into a fresh folder at `stagingPath`; on failure removes it (except
    /// after an injected fault, whose leftovers the next build must clean) and rethrows.
    ///
    /// With `compareFirst`, files are compared with the output's before anything is written, and
    /// the staging folder is made at the first that differs (see `Staging`); when none differs
    /// and the output holds nothing else, nothing is written and the result is false: the output
    /// already is the new site.
    private func stage(into stagingPath: String, compareFirst: Bool = false, _ body: (Staging) throws -> Void) throws -> Bool {
        try FileSystem.removeTree(stagingPath)
        if !compareFirst {
            guard mkdir(stagingPath, 0o755) == 0 else { throw FileSystem.error("create folder", stagingPath) }
        }
        do {
            // No output yet (a first build): no file of it to compare or link, so none is looked up.
            let previous = try FileSystem.kind(output.path) == .directory ? output.path : nil
            let staging = Staging(root: URL(fileURLWithPath: stagingPath), previous: previous, compareFirst: compareFirst)
            try body(staging)
            if staging.isComparing, try staging.previousHoldsExactlyWhatWasWritten() { return false }
            try staging.materialize()
            try finishStaging(staging)
            try fault?(.staged)
            return true
        } catch {
            if !(error is InjectedFault) { try? FileSystem.removeTree(stagingPath) }
            throw error
        }
    }

    /// Stages beside the output, then exchanges the two folders in one step.
    func replaceBeside(_ body: (Staging) throws -> Void) throws {
        let pid = getpid()
        let stagingPath = parent.path + "/.\(name).new-\(pid)"
        let oldPath = parent.path + "/.\(name).old-\(pid)"
        try FileSystem.makeDirectory(parent.path)
        // An output that already holds exactly the new site is left as it is (see `stage`).
        guard try stage(into: stagingPath, compareFirst: FileSystem.kind(output.path) == .directory, body) else { return }
        // Someone may have created the output since the check; the rename then fails safely.
        if try FileSystem.kind(output.path) == .missing {
            do {
                try FileSystem.rename(stagingPath, output.path)
            } catch {
                try? FileSystem.removeTree(stagingPath)  // the rename's error is the one to report
                throw error
            }
            try fault?(.swapped)
            try fault?(.oldRemoved)
            return
        }
        switch swapMethod == .automatic ? Self.exchange(stagingPath, output.path) : .unsupported {
        case .done:
            // The old tree now sits under the staging name; give it its own name before removing it,
            // so a kill during removal leaves an `.old-` folder, never a half-deleted `.new-` one.
            try fault?(.swapped)
            do {
                try FileSystem.rename(stagingPath, oldPath)
            } catch let error as WriteError {
                throw WriteError(description: "the new site is in place, but the old one could not be moved aside: \(error.description)")
            }
        case .failed(let code):
            try? FileSystem.removeTree(stagingPath)
            throw WriteError(description: "cannot exchange \(stagingPath) with \(output.path): \(String(cString: strerror(code)))")
        case .unsupported:
            try twoRenames(stagingPath, oldPath)
        }
        do {
            try FileSystem.removeTreeInParallel(oldPath)
        } catch let error as WriteError {
            throw WriteError(description: "the new site is in place, but the old one could not be removed: \(error.description)")
        }
        try fault?(.oldRemoved)
    }

    /// The fallback where the system cannot exchange two folders: for a moment there is no output
    /// folder; a kill in that moment is repaired by the next build, which renames the old tree back.
    private func twoRenames(_ stagingPath: String, _ oldPath: String) throws {
        do {
            try FileSystem.rename(output.path, oldPath)
        } catch {
            try? FileSystem.removeTree(stagingPath)
            throw error
        }
        try fault?(.oldMovedAside)
        do {
            try FileSystem.rename(stagingPath, output.path)
        } catch {
            try? FileSystem.rename(oldPath, output.path)
            try? FileSystem.removeTree(stagingPath)
            throw error
        }
        try fault?(.swapped)
    }

    /// A mount point cannot be renamed, so the site is staged inside it and its top-level entries
    /// are moved: old ones aside, new ones in. Each move is one rename, but together they are not
    /// atomic: a kill during them can leave a mix of old and new entries until the next build.
    func replaceInPlace(_ body: (Staging) throws -> Void) throws {
        let pid = getpid()
        let stagingPath = output.path + "/.anslag-staging-\(pid)"
        let oldPath = output.path + "/.anslag-old-\(pid)"
        _ = try stage(into: stagingPath, body)
        let ownNames = [".anslag-staging-\(pid)", ".anslag-old-\(pid)", Self.markerName]
        try FileSystem.makeDirectory(oldPath)
        for entry in try FileSystem.list(output.path) where !ownNames.contains(entry) {
            try FileSystem.rename(output.path + "/" + entry, oldPath + "/" + entry)
        }
        try fault?(.oldMovedAside)
        // The marker last: a rename replaces the old one, so the folder never lacks it once it had it.
        for entry in try FileSystem.list(stagingPath) where entry != Self.markerName {
            try FileSystem.rename(stagingPath + "/" + entry, output.path + "/" + entry)
        }
        try FileSystem.rename(stagingPath + "/" + Self.markerName, output.path + "/" + Self.markerName)
        try fault?(.swapped)
        try FileSystem.removeTree(stagingPath)
        try FileSystem.removeTree(oldPath)
        try fault?(.oldRemoved)
    }

    enum ExchangeResult { case done, failed(Int32), unsupported }

    /// Exchanges two paths atomically: Linux `renameat2(RENAME_EXCHANGE)` (looked up at run time,
    /// as Swift's Glibc module does not declare it), macOS `renamex_np(RENAME_SWAP)`.
    static func exchange(_ a: String, _ b: String) -> ExchangeResult {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return .unsupported }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        if renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0 { return .done }
        let code = errno
        // Old kernels and some file systems (e.g. some network mounts) do not support the flag.
        return code == ENOSYS || code == EINVAL || code == ENOTSUP ? .unsupported : .failed(code)
        #elseif canImport(Darwin)
        if renamex_np(a, b, UInt32(RENAME_SWAP)) == 0 { return .done }
        let code = errno
        return code == ENOTSUP || code == EINVAL ? .unsupported : .failed(code)
        #else
        return .unsupported
        #endif
    }
}
