import Foundation

/// The steps from `Content/` to a written site: load, allocate, reconcile, render, write, each a
/// `BuildStep` run by `BuildRunner`, so a failure says in which step it happened. `check`,
/// `build` and `serve` all run these same steps.
public enum Pipeline {
    // MARK: - load, allocate, reconcile

    /// Reads the content folder. Every problem is a diagnostic; with no content at all, the build halts here.
    public static let load = BuildStep(.load, summary: { context in
        let content = context.site.content
        return "\(content?.agreements.count ?? 0) agreements (\(content?.drafts.count ?? 0) drafts), \(context.errorCount) errors"
    }) { context, _ in
        var (content, diagnostics) = ContentLoader.load(root: context.contentRoot)
        if let asOf = context.asOf { content?.config.asOf = asOf }
        context.site.content = content
        context.record(diagnostics.all)
        if content == nil { context.halted = true }
    }

    /// Splits every agreement's pots among its recipients, exactly, and checks that each status applies.
    public static let allocate = BuildStep(.allocate, summary: { context in
        "\(context.site.allocations.count) agreements, \(context.site.allocations.map(\.pots.count).reduce(0, +)) pots, \(context.errorCount) errors"
    }) { context, _ in
        guard let content = context.site.content else { return }
        // Each agreement on its own core; the results are taken in the agreements' order.
        let regions = content.regions
        let results = inParallel(content.agreements) { agreement in
            (StatusChecks.applicability(agreement), Allocator.allocate(agreement, regions: regions))
        }
        for (agreement, (applicability, (allocation, diagnostics))) in zip(content.agreements, results) {
            context.record(applicability)
            context.record(diagnostics)
            context.site.allocations.append(allocation)
            if diagnostics.contains(where: { $0.severity == .error }) { context.failedAllocations.insert(agreement.id) }
        }
    }

    /// Compares each allocation with its published tables, decides which drafts the site shows
    /// (`DraftMode`), and checks the figures quoted in commentary.
    public static let reconcile = BuildStep(.reconcile, summary: { context in
        let tables = context.site.reconciliations.values.map(\.count).reduce(0, +)
        let cells = context.site.reconciliations.values.flatMap { $0 }.map(\.cellsCompared).reduce(0, +)
        return "\(tables) published tables, \(cells) cells compared, \(context.errorCount) errors"
    }) { context, _ in
        guard let loaded = context.site.content else { return }
        // An agreement whose allocation failed is not reconciled: its amounts are wrong or missing.
        for allocation in context.site.allocations where !context.failedAllocations.contains(allocation.agreement.id) {
            let (tables, diagnostics) = Reconciler.reconcile(allocation, regions: loaded.regions)
            context.site.reconciliations[allocation.agreement.id] = tables
            context.record(diagnostics)
        }
        // Each draft is now shown (its errors count as the site's) or left out (its errors apart).
        let leftOut: Set<String>
        switch context.drafts {
        case .shown: leftOut = []
        case .leftOut: leftOut = loaded.drafts
        case .shownWhenValid: leftOut = loaded.drafts.filter { context.perDraft[$0]?.hasErrors ?? false }
        }
        for draft in loaded.drafts.sorted() {
            if leftOut.contains(draft) { context.site.draftDiagnostics[draft] = context.perDraft[draft] ?? Diagnostics() }
            else { context.site.diagnostics.append(contentsOf: context.perDraft[draft]?.all ?? []) }
        }
        context.perDraft = [:]
        let (siteContent, dangling) = loaded.leavingOut(leftOut)
        context.site.diagnostics.append(contentsOf: dangling)
        context.site.content = siteContent
        context.site.allocations.removeAll { leftOut.contains($0.agreement.id) }
        context.site.reconciliations = context.site.reconciliations.filter { !leftOut.contains($0.key) }
        // Drafts that failed to load are shown too, in the sense that their errors count here.
        context.site.shownDrafts = loaded.drafts.subtracting(leftOut).sorted()
        // A figure of a draft left out is reported once, as links-to-draft, not again as unknown;
        // figures of an agreement whose allocation failed are not checked: its amounts are wrong or missing.
        let unavailable = siteContent.failedAgreements.union(leftOut).union(context.failedAllocations)
        context.site.diagnostics.append(contentsOf: FigureChecker.check(siteContent.commentary, allocations: context.site.allocations,
                                                                        regions: siteContent.regions, failed: unavailable))
        for index in siteContent.commentary.indices {
            let (expanded, problems) = FigureReferences.expand(siteContent.commentary[index], allocations: context.site.allocations,
                                                               regions: siteContent.regions, failed: unavailable)
            context.site.diagnostics.append(contentsOf: problems)
            context.site.content?.commentary[index].markdown = expanded
        }
    }

    /// The steps that check the content, in order: load, allocate, reconcile.
    public static let checkSteps = [load, allocate, reconcile]

    /// Loads `contentRoot` and runs every check. Never throws: problems are diagnostics.
    /// Drafts are computed and checked in every mode; `drafts` says whether they are part of the site.
    public static func check(contentRoot: URL, asOf: String? = nil, drafts mode: DraftMode = .shown) -> CheckedSite {
        var context = BuildContext(contentRoot: contentRoot, asOf: asOf, drafts: mode)
        BuildRunner().run(checkSteps, on: &context)
        return context.site
    }

    // MARK: - render and write

    /// Renders the checked site from `templates` into `sink`, a batch of pages at a time on all
    /// cores (see `SiteFiles.render`); with `previous` (digests of an earlier render), only what
    /// differs reaches the sink. Template problems become diagnostics. A failure of the sink is
    /// the write step's (`write-failed`), not render's.
    public static func render(templates: URL, displayPath: String, previous: [String: ContentDigest]? = nil,
                              into sink: @escaping @Sendable (OutputFile) throws -> Void) -> BuildStep {
        render(templates: TemplateReading(folder: templates, displayPath: displayPath), previous: previous, into: sink)
    }

    /// The render step over templates that may have been read in advance (see `TemplateReading`).
    /// With `spillFolders`, `sink` gets the data package as a file spilled into the first of them
    /// that works (`OutputFile.spilled`).
    public static func render(templates reading: TemplateReading, previous: [String: ContentDigest]? = nil, spillFolders: [String] = [],
                              into sink: @escaping @Sendable (OutputFile) throws -> Void) -> BuildStep {
        render(templates: { _ in try reading.result() }, previous: previous, spillFolders: spillFolders, into: sink)
    }

    /// The render step with the templates and wording `templates` gives once the step runs (it
    /// sees the checked site), and with `reuse`, the pages `serve`'s kept worker may skip.
    static func render(templates: @escaping @Sendable (BuildContext) throws -> (TemplateLibrary, SiteStrings),
                       previous: [String: ContentDigest]?, reuse: PageReuse? = nil, spillFolders: [String] = [],
                       into sink: @escaping @Sendable (OutputFile) throws -> Void) -> BuildStep {
        BuildStep(.render, needsPassingSite: true, summary: { context in
            let handed = context.handedOn
            guard previous != nil, let rendered = context.rendered else { return "\(handed.pages) pages, \(handed.files) files" }
            return "\(rendered.renderedPages) of \(rendered.pages) pages rendered, \(handed.files) files changed"
        }) { context, _ in
            let (library, strings) = try templates(context)
            let counter = FileCounter()
            let rendered: SiteFiles.Rendered
            do {
                rendered = try SiteFiles.render(context.site, templates: library, strings: strings, previous: previous, reuse: reuse,
                                                spillFolders: spillFolders) { file in
                    do { try sink(file) } catch { throw SinkFailure(error: error) }
                    counter.count(file)
                }
            } catch let failure as SinkFailure {
                let output = context.outputName ?? "the output"
                throw StepFailure(.write, .error(.writeFailed, at: .file(output), "the write step failed: could not write \(output)/: \(failure.error)"))
            }
            context.site.diagnostics.append(contentsOf: rendered.diagnostics)
            context.rendered = rendered
            context.handedOn = counter.totals
        }
    }

    /// Replaces the output folder through `writer` with what `render` (given the staging
    /// folder's writer as its sink) renders: pages stream into the staging folder, which replaces
    /// the output only when render finished without errors. `output` is the folder as the user named it.
    public static func write(_ writer: OutputWriter, shownAs output: String,
                             rendering render: @escaping @Sendable (_ sink: @escaping @Sendable (OutputFile) throws -> Void) -> BuildStep) -> BuildStep {
        BuildStep(.write, needsPassingSite: true, summary: { context in
            "\(context.handedOn.files) files into \(output)/"
        }) { context, runner in
            context.outputName = output
            do {
                let fault = runner.fault
                try writer.replace { staging in
                    let step = render { file in
                        if fault == .write { throw InjectedStepFault(step: .write) }
                        try staging.write(file)
                    }
                    guard runner.run(step, on: &context) else { throw StepStopped() }
                }
            } catch let stopped as StepStopped {
                throw stopped
            } catch {
                throw StepFailure(.write, .error(.writeFailed, at: .file(output), "the write step failed: could not write \(output)/: \(error)"))
            }
        }
    }

    // MARK: - Rendering a checked site in memory

    /// Renders the site in memory, sorted by path; template problems become diagnostics. Nothing is written.
    public static func render(_ site: inout CheckedSite, templates: URL, displayPath: String) -> [OutputFile] {
        let collected = CollectedFiles()
        var context = BuildContext(checked: site)
        BuildRunner().run(render(templates: templates, displayPath: displayPath, into: collected.append), on: &context)
        site = context.site
        return collected.files.sorted { $0.path < $1.path }
    }

    /// Renders in memory only what differs from an earlier render whose files' digests are
    /// `previous` (see `SiteFiles.render(_:templates:strings:previous:into:)`), sorted by path.
    /// Nil when the render step did not run or failed (the reason is among the diagnostics).
    public static func render(_ site: inout CheckedSite, templates: URL, displayPath: String,
                              previous: [String: ContentDigest]) -> (files: [OutputFile], rendered: SiteFiles.Rendered)? {
        let collected = CollectedFiles()
        var context = BuildContext(checked: site)
        let ran = BuildRunner().run(render(templates: templates, displayPath: displayPath, previous: previous, into: collected.append), on: &context)
        site = context.site
        guard ran, let rendered = context.rendered else { return nil }
        return (collected.files.sorted { $0.path < $1.path }, rendered)
    }
}

/// An error of the sink render streams into, told apart from render's own.
struct SinkFailure: Error {
    var error: any Error
}

extension BuildContext {
    /// Errors so far, for the steps' summaries.
    var errorCount: Int { site.diagnostics.errors.count }
}

/// The templates and the site's wording, read once for a run. Made with `inAdvance`, they are read
/// on a thread of their own while the content loads and is checked (which they do not depend
/// on); the render step waits for them, and a problem in them is still the render step's.
public final class TemplateReading: Sendable {
    private let folder: URL
    private let displayPath: String
    private let pending: Pending<Result<(TemplateLibrary, SiteStrings), any Error>>?

    /// Reads when the render step asks.
    public init(folder: URL, displayPath: String) {
        self.folder = folder
        self.displayPath = displayPath
        pending = nil
    }

    private init(folder: URL, displayPath: String, startNow: Void) {
        self.folder = folder
        self.displayPath = displayPath
        pending = Pending { Result { try Self.read(folder: folder, displayPath: displayPath) } }
    }

    /// Starts reading now, on another thread.
    public static func inAdvance(folder: URL, displayPath: String) -> TemplateReading {
        TemplateReading(folder: folder, displayPath: displayPath, startNow: ())
    }

    private static func read(folder: URL, displayPath: String) throws -> (TemplateLibrary, SiteStrings) {
        (try TemplateLibrary.load(folder: folder, displayPath: displayPath), try SiteStrings.load(folder: folder, displayPath: displayPath))
    }

    /// The templates and wording, or the error reading them gave.
    func result() throws -> (TemplateLibrary, SiteStrings) {
        guard let pending else { return try Self.read(folder: folder, displayPath: displayPath) }
        return try pending.value().get()
    }
}
