import Foundation

/// Content that has been loaded, allocated, reconciled and checked: the input to rendering.
public struct CheckedSite: Sendable {
    public var content: Content?
    public var allocations: [AgreementAllocation]
    public var reconciliations: [String: [TableReconciliation]]
    public var diagnostics: Diagnostics
    /// The drafts left out of the site, each with its own diagnostics (which never block the site).
    public var draftDiagnostics: [String: Diagnostics] = [:]
    /// The drafts that are part of this run (under an "Utkast" banner once they load), their errors counted as the site's.
    public var shownDrafts: [String] = []

    /// The draft a diagnostic belongs to (by the folder it is in), or nil for the published site's.
    public func draft(owning diagnostic: Diagnostic) -> String? {
        Pipeline.draft(owning: diagnostic, drafts: content?.drafts ?? [])
    }

    /// All rounding notes across agreements, in agreement and table order.
    public var roundingNotes: [RoundingNote] {
        allocations.flatMap { reconciliations[$0.agreement.id] ?? [] }.flatMap(\.roundingNotes)
    }
}

/// The steps from `Content/` to a checked, rendered site, each named so a failure says where it happened.
public enum Pipeline {
    /// Loads `contentRoot` and runs every check. Never throws: problems are diagnostics.
    /// Drafts are computed and checked in every mode; `drafts` says whether they are part of the site.
    public static func check(contentRoot: URL, asOf: String? = nil, drafts mode: DraftMode = .shown) -> CheckedSite {
        var (content, loadDiagnostics) = ContentLoader.load(root: contentRoot)
        if let asOf { content?.config.asOf = asOf }
        var site = CheckedSite(content: content, allocations: [], reconciliations: [:], diagnostics: Diagnostics())
        guard let loaded = content else {
            site.diagnostics = loadDiagnostics
            return site
        }
        // Each diagnostic belongs to the published site or to one draft, by the folder it is in.
        var published = Diagnostics()
        var perDraft: [String: Diagnostics] = [:]
        func record(_ diagnostics: [Diagnostic]) {
            for diagnostic in diagnostics {
                if let draft = draft(owning: diagnostic, drafts: loaded.drafts) { perDraft[draft, default: Diagnostics()].append(diagnostic) }
                else { published.append(diagnostic) }
            }
        }
        record(loadDiagnostics.all)
        var reconciliations: [String: [TableReconciliation]] = [:]
        var allocations: [AgreementAllocation] = []
        var failedAllocations: Set<String> = []
        for agreement in loaded.agreements {
            record(StatusChecks.applicability(agreement))
            let (allocation, allocationDiagnostics) = Allocator.allocate(agreement, regions: loaded.regions)
            record(allocationDiagnostics)
            allocations.append(allocation)
            guard !allocationDiagnostics.contains(where: { $0.severity == .error }) else {
                failedAllocations.insert(agreement.id)
                continue
            }
            let (tables, reconcileDiagnostics) = Reconciler.reconcile(allocation, regions: loaded.regions)
            reconciliations[agreement.id] = tables
            record(reconcileDiagnostics)
        }
        let leftOut: Set<String>
        switch mode {
        case .shown: leftOut = []
        case .leftOut: leftOut = loaded.drafts
        case .shownWhenValid: leftOut = loaded.drafts.filter { perDraft[$0]?.hasErrors ?? false }
        }
        for draft in loaded.drafts.sorted() {
            if leftOut.contains(draft) { site.draftDiagnostics[draft] = perDraft[draft] ?? Diagnostics() }
            else { published.append(contentsOf: perDraft[draft]?.all ?? []) }
        }
        let (siteContent, dangling) = loaded.leavingOut(leftOut)
        published.append(contentsOf: dangling)
        site.content = siteContent
        site.diagnostics = published
        site.allocations = allocations.filter { !leftOut.contains($0.agreement.id) }
        site.reconciliations = reconciliations.filter { !leftOut.contains($0.key) }
        // Drafts that failed to load are shown too, in the sense that their errors count here.
        site.shownDrafts = loaded.drafts.subtracting(leftOut).sorted()
        // A figure of a draft left out is reported once, as links-to-draft, not again as unknown;
        // figures of an agreement whose allocation failed are not checked: its amounts are wrong or missing.
        let unavailable = siteContent.failedAgreements.union(leftOut).union(failedAllocations)
        site.diagnostics.append(contentsOf: FigureChecker.check(siteContent.commentary, allocations: site.allocations,
                                                                regions: siteContent.regions, failed: unavailable))
        for index in siteContent.commentary.indices {
            let (expanded, problems) = FigureReferences.expand(siteContent.commentary[index], allocations: site.allocations, regions: siteContent.regions,
                                                                  failed: unavailable)
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
            site.diagnostics.append(.error(.internal, at: .file(displayPath), "rendering into memory failed: \(error)"))
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
