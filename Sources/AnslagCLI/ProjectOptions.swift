import ArgumentParser
import Anslag
import Foundation

/// Options every subcommand that reads content shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "The content folder (default: Content/ of the project found from the current folder upward).")
    var content: String?

    @Option(name: .long, help: "The templates folder (default: Templates/ beside the content folder).")
    var templates: String?

    @Option(name: .long, help: "Judge deadlines as of this date (YYYY-MM-DD) instead of the date in site.yaml.")
    var asOf: String?

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(help: "Show each step and its time.")
    var verbose = false

    func validate() throws {
        if let asOf, !ISODate.isValid(asOf) {
            throw ValidationError("--as-of must be a date written YYYY-MM-DD, found '\(asOf)'")
        }
    }

    /// The folders this run reads and writes, resolved once: the options given, else the
    /// project found from the current folder upward (see `ProjectLayout`).
    func project() throws -> ProjectPaths {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let found = try layout(containing: here, here: here)
        let contentURL: URL
        if let content {
            contentURL = URL(fileURLWithPath: content, relativeTo: here).standardizedFileURL
        } else if let found {
            contentURL = found.content
        } else {
            throw ProjectError("""
                no project found: neither \(here.path) nor a folder above it holds Content/ and Templates/ (or \(ProjectLayout.file))
                run anslag inside a project, or name the folders with --content and --templates
                """)
        }
        try requireFolder(contentURL, option: "--content", what: "content")
        // The project the content is in: its templates and output, not the working directory's.
        let owner = content == nil ? found : try layout(containing: contentURL, here: here) ?? found
        let templatesURL: URL
        if let templates {
            templatesURL = URL(fileURLWithPath: templates, relativeTo: here).standardizedFileURL
        } else if let owner {
            templatesURL = owner.templates
        } else {
            throw ProjectError("no templates folder: \(contentURL.path) is not inside a project with Templates/; pass --templates")
        }
        try requireFolder(templatesURL, option: "--templates", what: "templates")
        return ProjectPaths(content: contentURL, templates: templatesURL,
                            output: owner?.output ?? here.appendingPathComponent("Output"))
    }

    private func layout(containing folder: URL, here: URL) throws -> ProjectLayout? {
        do { return try ProjectLayout.find(from: folder) } catch let diagnostic as Diagnostic {
            DiagnosticPrinter(contentRoot: here).print({ var all = Diagnostics(); all.append(diagnostic); return all }())
            throw ExitCode.failure
        }
    }

    private func requireFolder(_ url: URL, option: String, what: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ProjectError("the \(what) folder \(url.path) does not exist; pass the right folder with \(option)")
        }
    }
}

/// The folders of one run, as absolute URLs, with short forms for messages.
struct ProjectPaths {
    var content: URL
    var templates: URL
    /// The default output folder, when `--output` is not given.
    var output: URL

    /// `path` relative to the working directory when it is inside it, else absolute.
    static func display(_ url: URL) -> String {
        let here = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        if path == here { return "." }
        return path.hasPrefix(here + "/") ? String(path.dropFirst(here.count + 1)) : path
    }
}

/// A project folder that cannot be found: printed as `Error: …` without the usage text.
struct ProjectError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
