import Foundation

/// The named steps of a build, in the order they run (STYLE.md principle 3).
public enum BuildStepName: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Reads `Content/`: site, regions, agreements, inputs, published tables, commentary, status.
    case load
    /// Splits every agreement's pots among its recipients, exactly.
    case allocate
    /// Compares allocations with the published tables, decides which drafts are shown, checks quoted figures.
    case reconcile
    /// Renders pages and files from the templates (into memory, or streamed to the writer).
    case render
    /// Replaces the output folder with what was rendered.
    case write

    /// The step's name, e.g. `reconcile`.
    public var description: String { rawValue }
}

/// One named step of a build over a `BuildContext`. Problems in the content are diagnostics the
/// step records in the context; anything the step throws is recorded by `BuildRunner` with the
/// step's name, and stops the build.
public struct BuildStep: Sendable {
    /// Which step this is.
    public var name: BuildStepName
    /// When true the step does not start on a site that has already failed (errors, or warnings
    /// with `--strict`), and the build stops after it if the site failed during it. Render and
    /// write are such steps; load, allocate and reconcile are not, so every error of the content
    /// is reported at once.
    public var needsPassingSite: Bool
    /// One line for `--verbose` about what the step produced.
    public var summary: @Sendable (BuildContext) -> String
    /// The work. It may run further steps through the runner it is given (write runs render
    /// inside the output folder's replacement, so pages stream into the staging folder).
    public var body: @Sendable (inout BuildContext, BuildRunner) throws -> Void

    /// A step named `name` doing `body`.
    public init(_ name: BuildStepName, needsPassingSite: Bool = false,
                summary: @escaping @Sendable (BuildContext) -> String,
                body: @escaping @Sendable (inout BuildContext, BuildRunner) throws -> Void) {
        self.name = name
        self.needsPassingSite = needsPassingSite
        self.summary = summary
        self.body = body
    }
}

/// How one step went, for `--verbose`.
public struct BuildStepReport: Sendable, Equatable {
    /// The step.
    public var name: BuildStepName
    /// How long it took, without the time of steps it ran inside itself.
    public var duration: Duration
    /// What it produced, or why it failed.
    public var summary: String
    /// Whether the build stopped at this step.
    public var failed: Bool
}

/// A failure a step throws on behalf of another step: render throws it when the writer's sink
/// fails, so the failure is the write step's (`write-failed`, with the path and the system's reason).
public struct StepFailure: Error, Sendable {
    /// The step that failed.
    public var step: BuildStepName
    /// What failed, as the user reads it.
    public var diagnostic: Diagnostic

    /// A failure of `step`, described by `diagnostic`.
    public init(_ step: BuildStepName, _ diagnostic: Diagnostic) {
        self.step = step
        self.diagnostic = diagnostic
    }
}

/// Runs steps in order over one context (STYLE.md principle 3). Nothing is swallowed:
/// - a thrown `Diagnostic` or `DiagnosticList` is recorded as it is;
/// - a `StepFailure` is recorded and charged to the step it names;
/// - any other thrown error becomes an `internal` diagnostic;
/// - every `internal` diagnostic a step produced, thrown or recorded by the step itself, has the
///   step's name put in front of its message ("internal error in the allocate step: …").
/// A step that throws stops the build, as does a step marked `needsPassingSite` on a failed site.
/// The first step that stopped the build is `BuildContext.failedStep`.
public final class BuildRunner {
    /// Every step that ran, in the order each finished.
    public private(set) var reports: [BuildStepReport] = []
    private let onReport: (BuildStepReport) -> Void
    private let clock = ContinuousClock()
    /// Time spent in steps run inside the step now running.
    private var nested: Duration = .zero
    /// The step at which to fail on purpose, for tests of what a failure leaves behind: an
    /// internal error at the start of load, allocate, reconcile or render, and a failure of the
    /// first file written for write (through the same path as a real write error).
    public let fault: BuildStepName?

    /// The step at which runners made without an explicit `fault` fail on purpose (tests only).
    @TaskLocal public static var injectedFault: BuildStepName?

    /// A runner calling `report` as each step finishes (for `--verbose`).
    public init(fault: BuildStepName? = BuildRunner.injectedFault, report: @escaping (BuildStepReport) -> Void = { _ in }) {
        self.fault = fault
        onReport = report
    }

    /// Throws the injected failure when `step` is the one to fail.
    public func checkFault(_ step: BuildStepName) throws {
        if fault == step { throw InjectedStepFault(step: step) }
    }

    /// Runs `steps` in order until one stops the build; true when every step ran and none stopped it.
    @discardableResult
    public func run(_ steps: [BuildStep], on context: inout BuildContext) -> Bool {
        for step in steps {
            guard run(step, on: &context) else { return false }
        }
        return true
    }

    /// Runs one step; true when the build may go on.
    @discardableResult
    public func run(_ step: BuildStep, on context: inout BuildContext) -> Bool {
        guard context.failedStep == nil else { return false }
        if step.needsPassingSite && context.failed {
            // Not a failure of this step: the steps before it found errors. Nothing is reported
            // for a step that did not run.
            return false
        }
        let start = clock.now
        let outerNested = nested
        nested = .zero
        var failure: String?
        do {
            if step.name != .write { try checkFault(step.name) }
            try step.body(&context, self)
        } catch let stepFailure as StepFailure {
            context.site.diagnostics.append(stepFailure.diagnostic)
            context.failedStep = context.failedStep ?? stepFailure.step
            failure = stepFailure.step == step.name ? "failed: \(stepFailure.diagnostic.id)" : "stopped: the \(stepFailure.step) step failed"
        } catch let diagnostic as Diagnostic {
            context.site.diagnostics.append(diagnostic)
            failure = "failed: \(diagnostic.id)"
        } catch let list as DiagnosticList {
            context.site.diagnostics.append(contentsOf: list.diagnostics)
            failure = "failed: \(list.diagnostics.count) errors"
        } catch is StepStopped {
            // A step run inside this one stopped the build; its failure is recorded already
            // (it may be this step's own, as when render's sink, the writer, failed).
            let failed = context.failedStep
            let own = context.site.diagnostics.errors.last.map { "failed: \($0.id)" } ?? "failed"
            failure = failed == step.name ? own : "stopped: the \(failed.map(\.rawValue) ?? "inner") step failed"
        } catch {
            context.site.diagnostics.append(.error(.internal, at: .file("?"), "\(error)"))
            failure = "failed: internal error"
        }
        context.nameStep(step.name)
        if failure != nil {
            context.failedStep = context.failedStep ?? step.name
        } else if step.needsPassingSite && context.failed {
            context.failedStep = step.name
            let errors = context.site.diagnostics.errors.count
            failure = errors > 0 ? "failed: \(errors) errors" : "failed: warnings count as errors (--strict)"
        }
        let total = clock.now - start
        let report = BuildStepReport(name: step.name, duration: total - nested,
                                     summary: failure ?? step.summary(context), failed: failure != nil)
        nested = outerNested + total
        reports.append(report)
        onReport(report)
        return failure == nil && !context.halted
    }
}

/// Thrown by a step whose inner step stopped the build (already recorded), to unwind the outer
/// step's work: write throws it out of the output folder's replacement so nothing is swapped in.
public struct StepStopped: Error, Sendable {
    /// Creates the marker.
    public init() {}
}

/// The failure a runner's `fault` injects.
public struct InjectedStepFault: Error, Sendable, CustomStringConvertible {
    /// The step that fails.
    public var step: BuildStepName
    /// Says that the failure was injected, and how.
    public var description: String { "a failure injected at the \(step) step (ANSLAG_FAIL_STEP)" }
}
