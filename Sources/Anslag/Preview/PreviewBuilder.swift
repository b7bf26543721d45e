import Foundation

/// What a preview worker keeps from one rebuild to the next, so a rebuild in a worker that stays
/// alive costs only what the change requires: the templates and strings (loaded again only when
/// a byte under the templates folder changed).
///
/// Every cache is keyed by the bytes it was made from, never by time stamps, so what a rebuild
/// produces is what a fresh worker would produce from the same files.
public final class PreviewBuilder: @unchecked Sendable {
    // Unchecked: used by one rebuild at a time (the worker answers one request after another);
    // `lock` guards the caches all the same.
    private let lock = NSLock()
    /// The templates folder and how diagnostics name it.
    public let templatesFolder: URL
    public let displayPath: String
    private var templates: (fingerprint: ContentDigest, library: TemplateLibrary, strings: SiteStrings)?
    /// The pages of the last render, to skip those an edit of commentary did not reach.
    let pages = PageReuse()
    /// The agreement folders and commentary files of the last load, to parse only what changed.
    let loaded = ContentLoadCache()

    public init(templates: URL, displayPath: String) {
        templatesFolder = templates
        self.displayPath = displayPath
    }

    /// The templates and strings for this rebuild: those of the last one when no file under the
    /// templates folder changed (by path and bytes), else loaded again. A load that fails is
    /// not kept, so its error is reported again by every rebuild until it is fixed.
    func templatesAndStrings() throws -> (library: TemplateLibrary, strings: SiteStrings, fingerprint: ContentDigest?) {
        let fingerprint = Self.fingerprint(of: templatesFolder)
        if let fingerprint, let kept = lock.withLock({ templates }), kept.fingerprint == fingerprint {
            return (kept.library, kept.strings, fingerprint)
        }
        lock.withLock { templates = nil }
        let library = try TemplateLibrary.load(folder: templatesFolder, displayPath: displayPath)
        let strings = try SiteStrings.load(folder: templatesFolder, displayPath: displayPath)
        // Kept only when the folder could be read whole before the load: a fingerprint taken after
        // could describe files newer than those loaded, and the next rebuild would miss the change.
        if let fingerprint { lock.withLock { templates = (fingerprint, library, strings) } }
        return (library, strings, fingerprint)
    }

    /// Every entry under `folder` by relative path (`DigestHasher.addTree`). Nil when some entry
    /// cannot be read or is a link to a folder (nothing is cached then).
    static func fingerprint(of folder: URL) -> ContentDigest? {
        var hasher = DigestHasher()
        guard hasher.addTree(folder.path) else { return nil }
        return hasher.finish()
    }

    /// A digest of everything a page is made from except commentary: the templates folder
    /// (`templates`), every file under the content folder but the commentary files the checked
    /// site holds, the options, and which drafts are shown or left out (commentary can decide
    /// that, through a figure error in a draft). Two renders with the same basis differ at most in
    /// the commentary items, which is what `PageReuse` compares page by page. Nil when some file
    /// cannot be read (nothing is reused then).
    static func basis(of context: BuildContext, templates: ContentDigest) -> ContentDigest? {
        guard let content = context.site.content else { return nil }
        let commentary = Set(content.commentary.map(\.file))
        var hasher = DigestHasher()
        hasher.add(templates)
        hasher.add(context.asOf ?? "")
        hasher.add(context.strict ? 1 : 0)
        hasher.add("\(context.drafts)")
        hasher.add(context.site.shownDrafts.count)
        for draft in context.site.shownDrafts { hasher.add(draft) }
        hasher.add(context.site.draftDiagnostics.count)
        for draft in context.site.draftDiagnostics.keys.sorted() { hasher.add(draft) }
        guard hasher.addTree(context.contentRoot.path, skipping: commentary.contains) else { return nil }
        return hasher.finish()
    }

    /// One rebuild: the check steps (load using what this builder kept) and render into `sink`,
    /// run by `runner` on `context`; true when every step ran and none stopped the build.
    public func build(_ context: inout BuildContext, runner: BuildRunner, previous: [String: ContentDigest]?,
                      into sink: @escaping @Sendable (OutputFile) throws -> Void) -> Bool {
        ContentLoadCache.$current.withValue(loaded) {
            runner.run(Pipeline.checkSteps + [render(previous: previous, into: sink)], on: &context)
        }
    }

    /// The render step over the kept templates, as `Pipeline.render(templates:displayPath:previous:into:)`
    /// does over freshly loaded ones: with `previous`, only what differs reaches `sink`.
    public func render(previous: [String: ContentDigest]?, into sink: @escaping @Sendable (OutputFile) throws -> Void) -> BuildStep {
        Pipeline.render(templates: { [self] context in
            let (library, strings, templatesFingerprint) = try templatesAndStrings()
            pages.nextBasis = templatesFingerprint.flatMap { Self.basis(of: context, templates: $0) }
            return (library, strings)
        }, previous: previous, reuse: pages, into: sink)
    }
}
