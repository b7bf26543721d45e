import Foundation

/// The site's templates, loaded once from a folder (`Templates/`), named by relative path
/// without `.mustache`, and rendered many times.
///
/// Each template is parsed once, with positions. Rendering walks the page's `TemplateTree`
/// once and checks every key it reads in that pass, so a key that resolves nowhere is an error
/// with the template's file, line and column.
public struct TemplateLibrary: Sendable {
    let sources: [String: TemplateSource]
    /// The same templates laid out for rendering.
    let program: TemplateProgram
    /// Files to copy as they are (CSS), relative to the templates folder.
    public let assets: [String: [UInt8]]
    /// Each template's text, digested; `closureDigest(of:)` combines those a page's template reads.
    var textDigests: [String: ContentDigest] = [:]

    /// The most template text read in all: with the indentation copies a layout adds, it keeps
    /// every offset of `TemplateProgram` far within 32 bits.
    static let maximumTotalBytes = 64 * InputLimits.maxFileBytes

    /// Loads every `*.mustache` file under `folder`; `assets/` is copied to the site as is.
    public static func load(folder: URL, displayPath: String) throws -> TemplateLibrary {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: folder.path) else {
            throw Diagnostic.error(.missingFile, at: .file(displayPath), "cannot read the templates folder '\(displayPath)'")
        }
        var sources: [String: TemplateSource] = [:]
        var assets: [String: [UInt8]] = [:]
        var digests: [String: ContentDigest] = [:]
        var total = 0
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
            // The same limit as a content file's, checked before reading where the size is known
            // and again after: it also keeps the laid-out program (`TemplateProgram`) within its
            // 32-bit offsets.
            func tooLarge(_ size: Int) -> Diagnostic {
                .error(.fileTooLarge, at: .file(file), "template is too large: \(size) bytes, the limit is \(InputLimits.maxFileBytes)",
                       notes: ["templates are small text files; put large text in the content instead"])
            }
            if let size = (try? manager.attributesOfItem(atPath: url.path))?[.size] as? Int, size > InputLimits.maxFileBytes {
                throw tooLarge(size)
            }
            guard let data = manager.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                throw Diagnostic.error(.encoding, at: .file(file), "template is not valid UTF-8")
            }
            if data.count > InputLimits.maxFileBytes { throw tooLarge(data.count) }
            total += data.count
            if total > Self.maximumTotalBytes {
                throw Diagnostic.error(.tooLarge, at: .file(displayPath), "the templates are too large together: more than \(Self.maximumTotalBytes) bytes",
                                       notes: ["templates are small text files; put large text in the content instead"])
            }
            sources[name] = try TemplateSource(name: name, file: file, text: text)
            digests[name] = ContentDigest.of([UInt8](data))
        }
        return TemplateLibrary(sources: sources, program: TemplateProgram(sources), assets: assets, textDigests: digests)
    }

    /// Renders `model` with the template `name`, checking every key the template reads.
    public func render(_ model: some TemplateRepresentable, template name: String) throws -> String {
        String(decoding: try renderBytes(TemplateTree(model), template: name), as: UTF8.self)
    }

    /// Renders a page's tree with the template `name` into UTF-8 bytes.
    public func renderBytes(_ tree: TemplateTree, template name: String) throws -> [UInt8] {
        guard let template = program.templates[name] else {
            throw Diagnostic.error(.missingTemplate, at: .file("Templates/\(name).mustache"), "missing template '\(name)'")
        }
        let slots = program.slots.take()
        defer { program.slots.giveBack(slots) }
        var renderer = TemplateRenderer(program: program, slots: slots, tree: tree)
        return try renderer.render(template)
    }

    /// The digest of template `name` together with every partial and parent it includes, directly
    /// or further down: what a page rendered with `name` reads from the templates folder. A
    /// partial that does not exist counts by its name, so creating it changes the digest.
    public func closureDigest(of name: String) -> ContentDigest {
        var seen: Set<String> = []
        var pending = [name]
        while let next = pending.popLast() {
            guard seen.insert(next).inserted, let source = sources[next] else { continue }
            Self.partials(in: source.nodes, into: &pending)
        }
        var hasher = DigestHasher()
        for used in seen.sorted() {
            hasher.add(used)
            if let digest = textDigests[used] { hasher.add(1); hasher.add(digest) } else { hasher.add(0) }
        }
        return hasher.finish()
    }

    private static func partials(in nodes: [TemplateSource.Node], into names: inout [String]) {
        for node in nodes {
            switch node {
            case .text, .variable: break
            case .section(_, _, let children), .inverted(_, _, let children): partials(in: children, into: &names)
            case .partial(let name, _, _, let overrides):
                names.append(name)
                for (_, content) in overrides ?? [:] { partials(in: content, into: &names) }
            case .block(_, _, let content), .blockDefinition(_, let content): partials(in: content, into: &names)
            }
        }
    }
}
