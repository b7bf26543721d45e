import ArgumentParser
import Anslag
import Foundation

/// The steps `check` and `build` share (load, allocate, reconcile, render), each named and timed.
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

    /// Prints one step's name, result and time with `--verbose`.
    func report(_ step: BuildStepReport) {
        guard options.verbose else { return }
        let ms = Int(step.duration.components.seconds * 1000 + step.duration.components.attoseconds / 1_000_000_000_000_000)
        Output.info("\(step.name.rawValue): \(step.summary) (\(ms) ms)")
    }

    /// Runs `steps` over `context`, reporting each with `--verbose`.
    func run(_ steps: [BuildStep], on context: inout BuildContext) {
        BuildRunner.run(steps, on: &context, report: report)
    }

    /// Loads, allocates, reconciles and renders everything in memory; prints the diagnostics.
    /// With `--strict`, warnings count as errors.
    func checkAndRender() -> (site: CheckedSite, files: [OutputFile], failed: Bool) {
        var context = BuildContext(contentRoot: root, asOf: options.asOf)
        run(Pipeline.checkSteps + [Pipeline.render(templates: paths.templates, displayPath: ProjectPaths.display(paths.templates))], on: &context)
        DiagnosticPrinter(contentRoot: root).print(context.site.diagnostics)
        let warnings = context.site.diagnostics.all.filter { $0.severity == .warning }.count
        return (context.site, context.files, context.site.diagnostics.hasErrors || (options.strict && warnings > 0))
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
