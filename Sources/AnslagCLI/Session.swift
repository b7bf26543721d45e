import ArgumentParser
import Anslag
import Foundation

/// What `check`, `build` and `serve` share: the project, the options, and a runner for the build's named steps.
struct Session {
    let options: ProjectOptions
    /// The folders this run reads, and the default output folder.
    let paths: ProjectPaths
    let clock = ContinuousClock()
    let start: ContinuousClock.Instant

    init(options: ProjectOptions, paths: ProjectPaths) {
        self.options = options
        self.paths = paths
        start = clock.now
    }

    /// A session over the project the options name or the working directory is in.
    init(options: ProjectOptions) throws {
        self.init(options: options, paths: try options.project())
    }

    var root: URL { paths.content }

    func milliseconds(since instant: ContinuousClock.Instant) -> Int {
        let elapsed = clock.now - instant
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }

    /// A runner for this run's steps: with `--verbose` it prints each step, what it produced and
    /// its time. `ANSLAG_FAIL_STEP=<step>` makes that step fail on purpose (for trying what a
    /// failure leaves behind, as `ANSLAG_FAULT_AT` does for the output folder's swap).
    func runner() throws -> BuildRunner {
        var fault = BuildRunner.injectedFault
        if let name = ProcessInfo.processInfo.environment["ANSLAG_FAIL_STEP"] {
            guard let step = BuildStepName(rawValue: name) else {
                Output.problem("error: ANSLAG_FAIL_STEP must name a step (\(BuildStepName.allCases.map(\.rawValue).joined(separator: ", "))), found '\(name)'")
                throw ExitCode(2)
            }
            fault = step
        }
        let verbose = options.verbose
        return BuildRunner(fault: fault) { report in
            guard verbose else { return }
            let ms = Int(report.duration.components.seconds * 1000 + report.duration.components.attoseconds / 1_000_000_000_000_000)
            Output.info("\(report.name): \(report.summary) (\(ms) ms)")
        }
    }

    /// A context for this run's content, `--as-of` and `--strict`, with drafts as `drafts` says.
    func context(drafts: DraftMode = .shown) -> BuildContext {
        BuildContext(contentRoot: root, asOf: options.asOf, drafts: drafts, strict: options.strict)
    }

    /// The render step over this run's templates, into `sink`.
    func render(previous: [String: ContentDigest]? = nil, into sink: @escaping @Sendable (OutputFile) throws -> Void) -> BuildStep {
        Pipeline.render(templates: paths.templates, displayPath: ProjectPaths.display(paths.templates), previous: previous, into: sink)
    }

    /// This run's templates and wording, read from now on while the content loads.
    func readTemplatesInAdvance() -> TemplateReading {
        .inAdvance(folder: paths.templates, displayPath: ProjectPaths.display(paths.templates))
    }

    /// The render step over templates read in advance, into `sink` (which takes files spilled
    /// into the first of `spillFolders` that works when some are given, see `SiteFiles.render`).
    func render(_ templates: TemplateReading, spillFolders: [String] = [], into sink: @escaping @Sendable (OutputFile) throws -> Void) -> BuildStep {
        Pipeline.render(templates: templates, spillFolders: spillFolders, into: sink)
    }

    /// Prints the diagnostics, then those of each draft left out of the site (which never fail
    /// the run), then a count per file; true when the build or check fails (with `--strict`,
    /// warnings count as errors).
    func report(_ site: CheckedSite) -> Bool {
        let printer = DiagnosticPrinter(contentRoot: root)
        printer.print(site.diagnostics)
        for (draft, diagnostics) in site.draftDiagnostics.sorted(by: { $0.key < $1.key }) {
            let errors = diagnostics.errors.count, warnings = diagnostics.all.count - errors
            Output.problem("draft \(draft) is left out of the site: \(Self.count(errors, "error")), \(Self.count(warnings, "warning"))")
            printer.print(diagnostics)
        }
        printer.printCounts(site.diagnostics.all + site.draftDiagnostics.values.flatMap(\.all))
        return failed(site)
    }

    /// Whether the run fails: errors, or warnings with `--strict`.
    func failed(_ site: CheckedSite) -> Bool {
        let warnings = site.diagnostics.all.filter { $0.severity == .warning }.count
        return site.diagnostics.hasErrors || (options.strict && warnings > 0)
    }

    /// "1 error", "3 errors".
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// What the summary line says about drafts: those left out with their errors, or the errors in shown drafts.
    static func draftSummary(_ site: CheckedSite) -> String {
        var parts: [String] = []
        for (draft, diagnostics) in site.draftDiagnostics.sorted(by: { $0.key < $1.key }) {
            parts.append("left out draft \(draft) (\(count(diagnostics.errors.count, "error")))")
        }
        if !site.shownDrafts.isEmpty {
            let inDrafts = site.diagnostics.errors.filter { site.draft(owning: $0) != nil }.count
            parts.append("showing \(site.shownDrafts.count == 1 ? "draft" : "drafts") \(site.shownDrafts.joined(separator: ", ")) (\(count(inDrafts, "error")))")
        }
        return parts.isEmpty ? "" : "; " + parts.joined(separator: "; ")
    }
}

/// Messages for people: stdout for results, stderr for problems. Tests capture them instead,
/// so a passing test prints no real-looking `error:` line.
enum Output {
    /// When set (by a test, for the task that runs a command), messages go here instead.
    @TaskLocal static var capture: Captured?

    static func info(_ text: String) {
        if let capture { return capture.append(text + "\n", error: false) }
        print(text)
        fflush(nil)
    }
    static func problem(_ text: String) { problemText(text + "\n") }

    /// Writes `text` as it is (already ending in a newline) to standard error.
    static func problemText(_ text: String) {
        if let capture { return capture.append(text, error: true) }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// What a command printed, in order, split into standard output and standard error.
    final class Captured: @unchecked Sendable {
        private let lock = NSLock()
        private var out = "", err = ""
        var standardOutput: String { lock.withLock { out } }
        var standardError: String { lock.withLock { err } }
        func append(_ text: String, error: Bool) {
            lock.withLock { if error { err += text } else { out += text } }
        }
    }
}
