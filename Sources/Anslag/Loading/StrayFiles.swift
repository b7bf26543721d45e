import Foundation

/// Content files that no part of the loader reads: a misnamed `agreement.yml`, a CSV that no
/// `file:` names, Markdown outside a commentary folder. Each is a warning naming it, so nothing an
/// editor wrote is dropped without a word.
enum StrayFiles {
    /// The endings of files an editor writes for anslag; other files (a signed PDF kept beside
    /// the data, say) are left alone.
    static let endings = [".yaml", ".yml", ".csv", ".md", ".markdown"]

    static func warnings(root: URL, agreements: [Agreement], failed: Set<String>, commentary: [String]) -> [Diagnostic] {
        var read: Set<String> = ["site.yaml", "regions.yaml", AreasLoader.file]
        read.formUnion(commentary)
        for agreement in agreements {
            read.insert("\(agreement.folder)/status.yaml")
            read.formUnion(agreement.inputs.compactMap(\.file))
            read.formUnion(agreement.published.map(\.file))
        }
        var found: [Diagnostic] = []
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            if name.hasPrefix(".") { enumerator?.skipDescendants(); continue }
            guard endings.contains(where: { name.lowercased().hasSuffix($0) }), !read.contains(path) else { continue }
            let parts = path.split(separator: "/").map(String.init)
            // A folder that failed to load cannot say which of its tables it names; its own errors come first.
            if parts.count >= 2, parts[0] == "agreements", failed.contains(parts[1]) { continue }
            if parts.count == 3, parts[0] == "agreements", parts[2] == "agreement.yaml" { continue }
            found.append(Diagnostic(.warning, .unreadFile, at: .file(path), "anslag does not read \(path)", notes: [hint(for: parts)]))
        }
        return found.sorted { $0.location < $1.location }
    }

    /// Where the file would be read, for the note.
    static func hint(for parts: [String]) -> String {
        let name = parts.last ?? ""
        if name.hasSuffix(".yml") { return "anslag reads .yaml files: rename it to \(name.dropLast(4)).yaml if it is meant to be read" }
        if name.hasSuffix(".csv") { return "a table is read only when agreement.yaml names it under inputs: or published: with file:" }
        if name.hasSuffix(".md") || name.hasSuffix(".markdown") {
            return "commentary is read from agreements/<id>/commentary/, regions/<region id>/ and site/, as .md files"
        }
        return "anslag reads site.yaml, regions.yaml, areas.yaml, agreements/<id>/agreement.yaml and status.yaml, the tables they name, and commentary"
    }
}
