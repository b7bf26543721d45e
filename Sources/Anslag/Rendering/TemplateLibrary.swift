import Foundation
import Mustache

/// The site's templates, loaded once from a folder (`Templates/`), named by relative path
/// without `.mustache`, and rendered many times.
///
/// swift-mustache renders an unknown key as empty text, so before rendering a page the
/// library walks the template with the page's actual view model and reports every key that
/// resolves nowhere, with the template file, line and column.
public struct TemplateLibrary: Sendable {
    let library: MustacheLibrary
    let sources: [String: TemplateSource]
    /// Files to copy as they are (CSS), relative to the templates folder.
    public let assets: [String: [UInt8]]

    /// Loads every `*.mustache` file under `folder`; `assets/` is copied to the site as is.
    public static func load(folder: URL, displayPath: String) throws -> TemplateLibrary {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: folder.path) else {
            throw Diagnostic.error(.missingFile, at: .file(displayPath), "cannot read the templates folder '\(displayPath)'")
        }
        var library = MustacheLibrary()
        var sources: [String: TemplateSource] = [:]
        var assets: [String: [UInt8]] = [:]
        for case let path as String in enumerator {
            let url = folder.appendingPathComponent(path)
            // A symbolic link out of the templates folder would publish a file from elsewhere.
            try ProjectPath.requireInside(url, root: folder, shown: "\(displayPath)/\(path)", folderName: "templates")
            if path.hasPrefix("assets/") {
                var isDirectory: ObjCBool = false
                if manager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   let data = manager.contents(atPath: url.path) {
                    assets[path] = [UInt8](data)
                }
                continue
            }
            guard path.hasSuffix(".mustache") else { continue }
            let name = String(path.dropLast(".mustache".count))
            let file = "\(displayPath)/\(path)"
            guard let data = manager.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                throw Diagnostic.error(.encoding, at: .file(file), "template is not valid UTF-8")
            }
            sources[name] = try TemplateSource(name: name, file: file, text: text)
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw Diagnostic.error(.templateSyntax, at: SourceLocation(file: file, line: error.context.lineNumber, column: max(1, error.context.columnNumber)),
                                       "template syntax error: \(error.error)")
            }
        }
        return TemplateLibrary(library: library, sources: sources, assets: assets)
    }

    /// Renders `model` with the template `name`, after checking every key the template uses exists.
    public func render(_ model: Any, template name: String) throws -> String {
        guard let source = sources[name] else {
            throw Diagnostic.error(.missingTemplate, at: .file("Templates/\(name).mustache"), "missing template '\(name)'")
        }
        try TemplateChecker(sources: sources).check(source, stack: [model])
        guard let output = library.render(model, withTemplate: name) else {
            throw Diagnostic.error(.missingTemplate, at: .file(source.file), "template '\(name)' could not be rendered")
        }
        return output
    }
}
