import Foundation

/// Keeps reading inside the project: a file reached through a symbolic link that resolves outside
/// its folder (content or templates) is refused, so a build never publishes or loads a file from
/// elsewhere on the machine. A link that stays inside the folder is followed.
public enum ProjectPath {
    /// Throws a diagnostic at `shown` when `url` resolves outside `root`.
    public static func requireInside(_ url: URL, root: URL, shown: String, folderName: String) throws {
        let real = FileSystem.resolved(url)
        let rootReal = FileSystem.resolved(root)
        guard FileSystem.isSameOrInside(real, rootReal) else {
            throw Diagnostic.error(.outsideProject, at: .file(shown),
                                   "'\(shown)' is reached through a symbolic link that leads outside the \(folderName) folder, to \(real)",
                                   notes: ["copy the file into the \(folderName) folder instead of linking to it"])
        }
    }
}
