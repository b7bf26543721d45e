import Foundation

/// Where a project's content, templates and output live, found from any folder inside it.
///
/// A project's root is the nearest folder, from the working directory upward, that holds an
/// `anslag.yaml` file or both a `Content/` and a `Templates/` folder. `anslag.yaml` may name
/// other folders (`content:`, `templates:`, `output:`, each relative to the root); without it
/// the folders are `Content`, `Templates` and `Output` under the root.
public struct ProjectLayout: Sendable, Equatable {
    /// The file that marks a project root and may name its folders.
    public static let file = "anslag.yaml"

    public var root: URL
    public var content: URL
    public var templates: URL
    public var output: URL

    /// The layout of the project that contains `folder`, or nil when no folder upward is a project root.
    public static func find(from folder: URL) throws -> ProjectLayout? {
        var current = folder.standardizedFileURL
        while true {
            if let layout = try layout(at: current) { return layout }
            let parent = current.deletingLastPathComponent().standardizedFileURL
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    /// The layout rooted at `folder` if it is a project root.
    static func layout(at folder: URL) throws -> ProjectLayout? {
        let manager = FileManager.default
        let configURL = folder.appendingPathComponent(file)
        if manager.fileExists(atPath: configURL.path) {
            let map = try YAMLValue.parse(SourceText.read(file, root: folder)).mapping()
            func folderNamed(_ key: String, default name: String) throws -> URL {
                guard let value = map.optional(key) else { return folder.appendingPathComponent(name) }
                let path = try value.string()
                return path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
            }
            let layout = ProjectLayout(root: folder, content: try folderNamed("content", default: "Content"),
                                       templates: try folderNamed("templates", default: "Templates"),
                                       output: try folderNamed("output", default: "Output"))
            try map.finish()
            return layout
        }
        func isFolder(_ name: String) -> Bool {
            var isDirectory: ObjCBool = false
            return manager.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        guard isFolder("Content"), isFolder("Templates") else { return nil }
        return ProjectLayout(root: folder, content: folder.appendingPathComponent("Content"),
                             templates: folder.appendingPathComponent("Templates"), output: folder.appendingPathComponent("Output"))
    }
}
