import ArgumentParser
import Anslag
import Foundation

/// The steps `check` and `build` share: load, compute and reconcile, render; each named and timed.
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

    /// Runs a step, printing its name, result and time with `--verbose`.
    func step<T>(_ name: String, _ body: () -> T, describe: (T) -> String) -> T {
        let begin = clock.now
        let result = body()
        if options.verbose { Output.info("\(name): \(describe(result)) (\(milliseconds(since: begin)) ms)") }
        return result
    }

    /// Loads, computes and reconciles (the "check" step). Drafts are shown, left out, or shown
    /// only when they have no errors, as `drafts` says.
    func load(drafts: DraftMode = .shown) -> CheckedSite {
        step("load, compute, reconcile", { Pipeline.check(contentRoot: root, asOf: options.asOf, drafts: drafts) }) {
            "\($0.allocations.count) agreements, \($0.allocations.map(\.pots.count).reduce(0, +)) pots, \($0.diagnostics.errors.count) errors"
        }
    }

    /// Renders every page into `sink` a batch at a time; template problems join the site's diagnostics.
    func render(_ site: inout CheckedSite, into sink: @escaping @Sendable (OutputFile) throws -> Void) throws -> (pages: Int, files: Int) {
        let begin = clock.now
        let totals = try Pipeline.render(&site, templates: paths.templates, displayPath: ProjectPaths.display(paths.templates), into: sink)
        if options.verbose { Output.info("render: \(totals.pages) pages, \(totals.files) files (\(milliseconds(since: begin)) ms)") }
        return totals
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

    /// Checks and renders everything in memory, and prints the diagnostics (what `serve` shows).
    func checkAndRender(drafts: DraftMode = .shown) -> (site: CheckedSite, files: [OutputFile], failed: Bool) {
        var site = load(drafts: drafts)
        let files = step("render", { Pipeline.render(&site, templates: paths.templates, displayPath: ProjectPaths.display(paths.templates)) }) {
            "\($0.filter { $0.path.hasSuffix(".html") }.count) pages, \($0.count) files"
        }
        return (site, files, report(site))
    }

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
