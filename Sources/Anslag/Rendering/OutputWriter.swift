import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file of the built site: a path relative to the output folder and its bytes.
public struct OutputFile: Sendable {
    /// The path under the output folder, with `/` between folders.
    public var path: String
    /// The file's bytes; empty when they are in `spilled`.
    public var contents: [UInt8]
    /// The file's bytes when they were too many to hold (see `SpillFile`). Only a sink that says
    /// it takes such files gets them (`SiteFiles.render(..., spillFolders:)`); `loaded()`
    /// gives the file with its bytes in memory.
    public var spilled: SpillFile?

    /// A text file, stored as UTF-8.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = Array(contents.utf8)
    }

    /// A file of raw bytes.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.contents = bytes
    }

    /// A file whose bytes are in `spilled`.
    public init(path: String, spilled: SpillFile) {
        self.path = path
        self.contents = []
        self.spilled = spilled
    }

    /// The file with its bytes in `contents`.
    public func loaded() throws -> OutputFile {
        guard let spilled else { return self }
        return OutputFile(path: path, bytes: try spilled.bytes())
    }
}

/// Writes a complete site into a staging folder beside the output and swaps it in only on success.
///
/// The output folder must belong to anslag (see `OutputWriter+Ownership.swift`): a build never
/// replaces a folder it did not write. The swap is one `renameat2(RENAME_EXCHANGE)` on Linux, so
/// there is no moment without a complete `Output/`; see `OutputWriter+Swap.swift` for the fallback
/// and for an output folder that is a mount point. Files are written with POSIX `open`/`write`/`close`
/// (Foundation's `write(to:)` syncs each file). A `README.md` already in the output folder (the one
/// kept in git) is carried over.
public struct OutputWriter: Sendable {
    /// The marker file a build writes at the top of the folder it creates. Its presence is what
    /// lets a later build replace that folder. It is published with the site (it says only that
    /// anslag wrote the folder) and is never listed in the sitemap.
    public static let markerName = ".anslag-output"
    /// The marker's contents: fixed, so two builds stay byte-identical.
    public static let markerText = "This folder is written by `anslag build` and is replaced as a whole by the next build.\nDelete this file to stop anslag from ever replacing the folder.\n"

    /// A named step of a replacement, where a fault can be injected to test what a kill leaves behind.
    public enum Step: String, Sendable, CaseIterable {
        /// Staging folders left by earlier killed builds are gone.
        case leftoversCleaned = "leftovers-cleaned"
        /// Every new file is written into the staging folder; the live folder is untouched.
        case staged
        /// Two-rename fallback and in-place mode only: the old site has been moved aside.
        case oldMovedAside = "old-moved-aside"
        /// The new site is live; the old tree still exists beside it.
        case swapped
        /// The old tree is removed; the replacement is complete.
        case oldRemoved = "old-removed"
    }

    /// How the staging folder becomes the live one.
    public enum SwapMethod: Sendable {
        /// `renameat2(RENAME_EXCHANGE)` where the system has it, else the two-rename fallback.
        case automatic
        /// Two renames (live aside, staging in): a short moment without the output folder.
        case twoRenames
        /// Write inside the output folder and move entries into place (used for a mount point).
        case inPlace
    }

    /// Thrown by a fault hook to simulate the process dying at a step: the writer propagates it
    /// without any of its usual cleanup, exactly as a kill would leave things.
    public struct InjectedFault: Error, CustomStringConvertible {
        /// The step at which the fault was injected.
        public var step: Step
        /// Creates a fault at `step`.
        public init(step: Step) { self.step = step }
        public var description: String { "fault injected at step '\(step.rawValue)'" }
    }

    /// A failure to write the site, naming the path and the system's reason.
    public struct WriteError: Error, CustomStringConvertible {
        /// The full message, e.g. "cannot create folder /x/Output/a: Permission denied".
        public var description: String
        /// Creates an error with this message.
        public init(description: String) { self.description = description }
    }

    /// The folder the site is written to.
    public let output: URL
    /// Folders the output must never be, nor contain (the content and templates folders).
    public var protected: [URL]
    /// How to swap; `.automatic` also switches to in-place when the output is a mount point.
    public var swapMethod: SwapMethod
    /// Called at each named step; throw `InjectedFault` to simulate a kill there. Tests only.
    public var fault: (@Sendable (Step) throws -> Void)?

    /// A writer for `output` that refuses to replace any of `protected` or a folder holding them.
    public init(output: URL, protecting protected: [URL] = [], swapMethod: SwapMethod = .automatic,
                fault: (@Sendable (Step) throws -> Void)? = nil) {
        self.output = output.standardizedFileURL
        self.protected = protected.map(\.standardizedFileURL)
        self.swapMethod = swapMethod
        self.fault = fault
    }

    /// Replaces the output folder with exactly `files` (plus the marker and a carried-over README).
    public func replace(with files: [OutputFile]) throws {
        try replace { staging in
            for file in files { try staging.write(file) }
        }
    }

    /// Replaces the output folder with what `body` writes into the staging folder. `body` may call
    /// `Staging.write` from several threads at once. If `body` throws, the output is left as it was.
    public func replace(writing body: (Staging) throws -> Void) throws {
        let target = try checkOwnership()
        try cleanLeftovers(target)
        try fault?(.leftoversCleaned)
        if target == .mountPoint || (swapMethod == .inPlace && target == .replaceable) {
            try replaceInPlace(body)
        } else {
            try replaceBeside(body)
        }
    }

    /// Throws the reason the output folder may not be replaced, if there is one; writes nothing.
    public func checkTarget() throws {
        _ = try checkOwnership()
    }

    /// What `remove()` did.
    public enum Removal: Sendable, Equatable {
        /// There was no output folder.
        case nothing
        /// The folder is gone.
        case removed
        /// The folder was emptied but kept, with its README and marker (as in git) or because it is a mount point.
        case emptied
    }

    /// Removes the output folder, only if anslag owns it (`anslag clean`). A folder holding a
    /// `README.md` (the one git keeps in `Output/`) or a mount point is emptied instead, keeping
    /// the README and the marker, so a clean leaves a clone's files as git has them.
    @discardableResult
    public func remove() throws -> Removal {
        let target = try checkOwnership()
        try cleanLeftovers(target)
        if target == .absent { return .nothing }
        let entries = try FileSystem.list(output.path)
        guard target == .mountPoint || entries.contains("README.md") else {
            try FileSystem.removeTree(output.path)
            return .removed
        }
        for name in entries where name != "README.md" && name != Self.markerName {
            try FileSystem.removeTree(output.appendingPathComponent(name).path)
        }
        return .emptied
    }

    /// Writes the marker and the carried-over README unless `body` wrote them.
    func finishStaging(_ staging: Staging) throws {
        try staging.writeMarker()
        if !staging.wrote("README.md") {
            if let bytes = try FileSystem.readIfRegularFile(output.path + "/README.md") {
                try staging.write(OutputFile(path: "README.md", bytes: bytes))
            }
        }
    }
}
