import Foundation

/// Content that has been loaded, allocated, reconciled and checked: the input to rendering.
public struct CheckedSite: Sendable {
    public var content: Content?
    public var allocations: [AgreementAllocation]
    public var reconciliations: [String: [TableReconciliation]]
    public var diagnostics: Diagnostics

    /// All rounding notes across agreements, in agreement and table order.
    public var roundingNotes: [RoundingNote] {
        allocations.flatMap { reconciliations[$0.agreement.id] ?? [] }.flatMap(\.roundingNotes)
    }
}

/// The steps from `Content/` to a checked site, each named so a failure says where it happened.
public enum Pipeline {
    /// Loads `contentRoot` and runs every check. Never throws: problems are diagnostics.
    public static func check(contentRoot: URL, asOf: String? = nil) -> CheckedSite {
        var (content, loadDiagnostics) = ContentLoader.load(root: contentRoot)
        if let asOf { content?.config.asOf = asOf }
        var site = CheckedSite(content: content, allocations: [], reconciliations: [:], diagnostics: loadDiagnostics)
        guard let content else { return site }
        var failedAllocations: Set<String> = []
        for agreement in content.agreements {
            site.diagnostics.append(contentsOf: StatusChecks.applicability(agreement))
            let (allocation, allocationDiagnostics) = Allocator.allocate(agreement, regions: content.regions)
            site.diagnostics.append(contentsOf: allocationDiagnostics)
            site.allocations.append(allocation)
            guard !allocationDiagnostics.contains(where: { $0.severity == .error }) else {
                failedAllocations.insert(agreement.id)
                continue
            }
            let (tables, reconcileDiagnostics) = Reconciler.reconcile(allocation, regions: content.regions)
            site.reconciliations[agreement.id] = tables
            site.diagnostics.append(contentsOf: reconcileDiagnostics)
        }
        // Figures of an agreement whose allocation failed are not checked: its amounts are wrong or missing.
        let failed = content.failedAgreements.union(failedAllocations)
        site.diagnostics.append(contentsOf: FigureChecker.check(content.commentary, allocations: site.allocations,
                                                                regions: content.regions, failed: failed))
        for index in content.commentary.indices {
            let (expanded, problems) = FigureReferences.expand(content.commentary[index], allocations: site.allocations, regions: content.regions,
                                                                  failed: failed)
            site.diagnostics.append(contentsOf: problems)
            site.content?.commentary[index].markdown = expanded
        }
        return site
    }

    /// Renders the site in memory; template problems become diagnostics. Nothing is written.
    public static func render(_ site: inout CheckedSite, templates: URL, displayPath: String) -> [OutputFile] {
        guard !site.diagnostics.hasErrors else { return [] }
        guard let library = site.diagnostics.capture({ try TemplateLibrary.load(folder: templates, displayPath: displayPath) }) else { return [] }
        guard let strings = site.diagnostics.capture({ try SiteStrings.load(folder: templates, displayPath: displayPath) }) else { return [] }
        let (files, diagnostics) = SiteFiles.make(site, templates: library, strings: strings)
        site.diagnostics.append(contentsOf: diagnostics)
        return files
    }

    /// Renders in memory only what differs from an earlier render whose files' digests are
    /// `previous` (see `SiteFiles.render(_:templates:strings:previous:into:)`), sorted by path.
    /// Nil when loading the templates or strings failed or the site already has errors.
    public static func render(_ site: inout CheckedSite, templates: URL, displayPath: String,
                              previous: [String: ContentDigest]) -> (files: [OutputFile], rendered: SiteFiles.Rendered)? {
        guard !site.diagnostics.hasErrors else { return nil }
        guard let library = site.diagnostics.capture({ try TemplateLibrary.load(folder: templates, displayPath: displayPath) }) else { return nil }
        guard let strings = site.diagnostics.capture({ try SiteStrings.load(folder: templates, displayPath: displayPath) }) else { return nil }
        let collected = CollectedFiles()
        do {
            let rendered = try SiteFiles.render(site, templates: library, strings: strings, previous: previous, into: collected.append)
            site.diagnostics.append(contentsOf: rendered.diagnostics)
            return (collected.files.sorted { $0.path < $1.path }, rendered)
        } catch {
            // The collecting sink never throws; should it ever, the failure is reported, not hidden.
            site.diagnostics.append(.error("internal", at: .file(displayPath), "rendering into memory failed: \(error)"))
            return nil
        }
    }

    /// Renders the site into `sink` a batch of pages at a time, on all cores (see `SiteFiles.render`);
    /// template problems become diagnostics. Returns how many files reached the sink; rethrows the sink's error.
    @discardableResult
    public static func render(_ site: inout CheckedSite, templates: URL, displayPath: String,
                              into sink: @escaping @Sendable (OutputFile) throws -> Void) throws -> (pages: Int, files: Int) {
        guard !site.diagnostics.hasErrors else { return (0, 0) }
        guard let library = site.diagnostics.capture({ try TemplateLibrary.load(folder: templates, displayPath: displayPath) }) else { return (0, 0) }
        guard let strings = site.diagnostics.capture({ try SiteStrings.load(folder: templates, displayPath: displayPath) }) else { return (0, 0) }
        let counter = FileCounter()
        let diagnostics = try SiteFiles.render(site, templates: library, strings: strings) { file in
            try sink(file)
            counter.count(file)
        }
        site.diagnostics.append(contentsOf: diagnostics)
        return counter.totals
    }
}

/// Counts the files (and the HTML pages among them) that reach a sink from several threads.
final class FileCounter: @unchecked Sendable {
    // Unchecked: every access holds `lock`.
    private var pages = 0, files = 0
    private let lock = NSLock()
    func count(_ file: OutputFile) {
        lock.withLock {
            files += 1
            if file.path.hasSuffix(".html") { pages += 1 }
        }
    }
    var totals: (pages: Int, files: Int) { lock.withLock { (pages, files) } }
}

/// A sink that keeps every file, filled from several threads.
final class CollectedFiles: @unchecked Sendable {
    // Unchecked: every access holds `lock`.
    private var kept: [OutputFile] = []
    private let lock = NSLock()
    @Sendable func append(_ file: OutputFile) { lock.withLock { kept.append(file) } }
    var files: [OutputFile] { lock.withLock { kept } }
}
