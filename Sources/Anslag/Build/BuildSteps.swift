import Foundation

/// The named steps of a build, in the order they run (STYLE.md principle 3).
public enum BuildStepName: String, CaseIterable, Sendable {
    case load, allocate, reconcile, render, write
}

/// What a build's steps work on: the checked site so far and the rendered files.
public struct BuildContext: Sendable {
    /// The content folder.
    public var contentRoot: URL
    /// The `--as-of` date, if given.
    public var asOf: String?
    /// The site as loaded, allocated and reconciled so far, with every diagnostic.
    public var site: CheckedSite
    /// Agreements whose allocation failed (after `allocate`): `reconcile` skips them.
    public var failedAllocations: Set<String> = []
    /// The rendered files (after `render`).
    public var files: [OutputFile] = []

    /// A context before any step has run.
    public init(contentRoot: URL, asOf: String? = nil) {
        self.contentRoot = contentRoot
        self.asOf = asOf
        site = CheckedSite(content: nil, allocations: [], reconciliations: [:], diagnostics: Diagnostics())
    }
}

/// One named step of a build. Problems in the content are diagnostics appended to the context;
/// anything the step throws is reported with the step's name by `BuildRunner`.
public struct BuildStep: Sendable {
    /// Which step this is.
    public var name: BuildStepName
    /// One line for `--verbose` about what the step produced.
    public var summary: @Sendable (BuildContext) -> String
    /// The work.
    public var body: @Sendable (inout BuildContext) throws -> Void

    /// A step named `name` doing `body`.
    public init(_ name: BuildStepName, summary: @escaping @Sendable (BuildContext) -> String,
                body: @escaping @Sendable (inout BuildContext) throws -> Void) {
        self.name = name
        self.summary = summary
        self.body = body
    }
}

/// How one step went, for `--verbose`.
public struct BuildStepReport: Sendable {
    /// The step.
    public var name: BuildStepName
    /// How long it took.
    public var duration: Duration
    /// What it produced, or why it failed.
    public var summary: String
    /// Whether the step threw (its failure is then among the diagnostics).
    public var failed: Bool
}

/// Runs steps in order over one context. A thrown diagnostic is recorded as it is; any other
/// thrown error becomes an `internal` diagnostic, and every internal diagnostic of a step (also
/// one a step caught and recorded itself) has its message prefixed with the step's name. A step that
/// throws stops the build: the steps after it do not run. Nothing is swallowed.
public enum BuildRunner {
    /// Runs `steps` over `context`, calling `report` after each step that ran.
    public static func run(_ steps: [BuildStep], on context: inout BuildContext,
                           report: (BuildStepReport) -> Void = { _ in }) {
        let clock = ContinuousClock()
        for step in steps {
            let start = clock.now
            let before = context.site.diagnostics.all.count
            var failure: String?
            do {
                try step.body(&context)
            } catch let diagnostic as Diagnostic {
                context.site.diagnostics.append(diagnostic)
                failure = "failed: \(diagnostic.id)"
            } catch let list as DiagnosticList {
                context.site.diagnostics.append(contentsOf: list.diagnostics)
                failure = "failed: \(list.diagnostics.count) errors"
            } catch {
                context.site.diagnostics.append(.error(.internal, at: .file("?"), "\(error)"))
                failure = "failed: internal error"
            }
            context.site.diagnostics.nameStep(step.name.rawValue, inInternalErrorsFrom: before)
            report(BuildStepReport(name: step.name, duration: clock.now - start,
                                   summary: failure ?? step.summary(context), failed: failure != nil))
            if failure != nil { return }
        }
    }
}
