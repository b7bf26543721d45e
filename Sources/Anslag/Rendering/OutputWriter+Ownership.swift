import Foundation

/// Which folders a build may replace. The rule: only a folder anslag wrote (it carries the marker)
/// or one with nothing to lose (empty, or holding only the README that git keeps in `Output/`,
/// which is carried over). Some folders are refused even with a marker, because a site never
/// holds them and replacing them would delete someone's work.
extension OutputWriter {
    /// What is at the output path, once it has been judged safe to replace.
    enum Target: Equatable {
        case absent
        case replaceable
        case mountPoint
    }

    /// Entries that mark a project, a repository or a content folder: never part of a site.
    static let projectEntries = ["Content", "Templates", "Package.swift", ".git", "site.yaml", "agreements"]

    /// Judges the output folder; throws an error that says why it is refused and what to do.
    func checkOwnership() throws -> Target {
        let path = output.path
        let shown = output.path
        let resolved = FileSystem.resolved(output)
        let workingDirectory = FileSystem.resolved(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let advice = "choose a new or empty folder with --output (the default is Output)"
        if FileSystem.isSameOrInside(workingDirectory, resolved) {
            throw refusal(shown, "it is the current folder or contains it, and replacing it would delete everything in it", advice)
        }
        for folder in protected {
            let protectedPath = FileSystem.resolved(folder)
            if FileSystem.isSameOrInside(protectedPath, resolved) {
                let relation = protectedPath == resolved ? "it is" : "it contains"
                throw refusal(shown, "\(relation) \(folder.path), which the build reads", advice)
            }
        }
        switch try FileSystem.kind(path) {
        case .missing:
            return .absent
        case .symlink:
            throw refusal(shown, "it is a symbolic link", "give the folder it points to with --output, or remove the link")
        case .file, .other:
            throw refusal(shown, "it is a file, not a folder", advice)
        case .directory:
            break
        }
        let entries = try FileSystem.list(path)
        if let found = entries.first(where: { Self.projectEntries.contains($0) }) {
            throw refusal(shown, "it holds '\(found)', so it looks like a project or content folder, not a built site", advice)
        }
        let owned = entries.contains(Self.markerName) || entries.isEmpty || entries == ["README.md"]
        guard owned else {
            throw refusal(shown, "it is not empty and was not written by anslag (it has no \(Self.markerName) marker file)",
                          "choose a new or empty folder with --output; if everything in \(shown) may be deleted, empty it yourself first")
        }
        return try FileSystem.isMountPoint(resolved) ? .mountPoint : .replaceable
    }

    private func refusal(_ path: String, _ why: String, _ advice: String) -> WriteError {
        WriteError(description: "refusing to replace \(path): \(why); \(advice)")
    }
}
