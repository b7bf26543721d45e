import Foundation

/// What a build's steps work on: the site as far as the steps have taken it, and what render
/// and write produced. One value, passed from step to step by `BuildRunner`.
public struct BuildContext: Sendable {
    /// The content folder `load` reads.
    public let contentRoot: URL
    /// The `--as-of` date, if given; it replaces the one in `site.yaml`.
    public var asOf: String?
    /// What the build does with drafts (see `DraftMode`).
    public var drafts: DraftMode
    /// Whether warnings count as errors (`--strict`): render and write do not start then.
    public var strict: Bool
    /// The site so far: after `load` its content (drafts included until `reconcile` decides which
    /// are shown), after `allocate` its allocations, after `reconcile` the checked site.
    public var site: CheckedSite
    /// The step that stopped the build by failing (it threw, or render found errors), if any.
    public var failedStep: BuildStepName?
    /// Set by a step after which there is nothing to go on with (no content could be loaded).
    public var halted = false
    /// What render produced: its diagnostics, digests and page counts.
    public var rendered: SiteFiles.Rendered?
    /// The files (and HTML pages among them) that render handed on to the writer or to memory.
    public var handedOn = FileTotals()
    /// The output folder as the user named it, once the write step has started.
    public var outputName: String?

    /// Diagnostics of each draft, until `reconcile` decides which drafts are shown.
    var perDraft: [String: Diagnostics] = [:]
    /// Agreements whose allocation failed: they are not reconciled and their figures not checked.
    var failedAllocations: Set<String> = []

    /// A context before any step has run.
    public init(contentRoot: URL, asOf: String? = nil, drafts: DraftMode = .shown, strict: Bool = false) {
        self.contentRoot = contentRoot
        self.asOf = asOf
        self.drafts = drafts
        self.strict = strict
        site = CheckedSite(content: nil, allocations: [], reconciliations: [:], diagnostics: Diagnostics())
    }

    /// A context for rendering a site checked earlier.
    public init(checked site: CheckedSite, strict: Bool = false) {
        self.init(contentRoot: URL(fileURLWithPath: "/"), strict: strict)
        self.site = site
    }

    /// Whether the site has failed so far: errors, or warnings with `--strict`.
    public var failed: Bool {
        site.diagnostics.hasErrors || (strict && site.diagnostics.all.contains { $0.severity == .warning })
    }

    /// Records diagnostics: each belongs to the published site or, by the folder it is in, to one draft.
    mutating func record(_ diagnostics: [Diagnostic]) {
        let drafts = site.content?.drafts ?? []
        for diagnostic in diagnostics {
            if let draft = Pipeline.draft(owning: diagnostic, drafts: drafts) { perDraft[draft, default: Diagnostics()].append(diagnostic) }
            else { site.diagnostics.append(diagnostic) }
        }
    }

    /// Puts `step`'s name in front of every internal error not yet named (those the step produced).
    mutating func nameStep(_ step: BuildStepName) {
        site.diagnostics.nameStep(step.rawValue)
        for key in perDraft.keys { perDraft[key]?.nameStep(step.rawValue) }
        for key in site.draftDiagnostics.keys { site.draftDiagnostics[key]?.nameStep(step.rawValue) }
    }
}

/// How many files, and HTML pages among them, reached a sink.
public struct FileTotals: Sendable, Equatable {
    /// HTML pages.
    public var pages = 0
    /// All files, pages included.
    public var files = 0
}
