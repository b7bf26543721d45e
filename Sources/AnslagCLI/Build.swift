import ArgumentParser
import Anslag
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `anslag build`: checks everything, then replaces the output folder atomically.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the site from the content into the output folder.")

    @OptionGroup var options: ProjectOptions

    @Option(help: "The output folder (default: Output/ of the project). It is replaced only if it is new, empty or was written by anslag.")
    var output: String?

    @Flag(help: "Include agreements marked 'status: draft', under an \"Utkast\" banner (never for the published site).")
    var drafts = false

    func run() throws {
        let session = try Session(options: options)
        let outputURL = output.map { URL(fileURLWithPath: $0) } ?? session.paths.output
        let output = ProjectPaths.display(outputURL)
        let writer = OutputWriter.forCommandLine(output: outputURL, paths: session.paths)
        // Refuse a wrong folder before spending time on the build.
        do { try writer.checkTarget() } catch {
            Output.problem("error: \(error)")
            throw ExitCode.failure
        }
        let runner = try session.runner()
        let templates = session.readTemplatesInAdvance()
        var context = session.context(drafts: drafts ? .shown : .leftOut)
        runner.run(Pipeline.checkSteps, on: &context)
        // A build for publishing (unlike serve) warns about an example base_url and a missing publisher.
        context.site.diagnostics.append(contentsOf: context.site.content?.config.publishingWarnings() ?? [])
        func fail() throws -> Never {
            let site = context.site
            let warnings = site.diagnostics.all.filter { $0.severity == .warning }.count
            let step = context.failedStep.map { " in the \($0) step" } ?? ""
            Output.problem("build failed\(step): \(site.diagnostics.errors.count) errors, \(warnings) warnings\(options.strict ? " (--strict)" : "")\(Session.draftSummary(site)); \(output)/ is unchanged")
            throw ExitCode.failure
        }
        guard !session.failed(context.site) else {
            _ = session.report(context.site)
            try fail()
        }
        // Pages stream into a staging folder as they are rendered; it replaces the output only
        // when everything rendered without errors.
        runner.run(Pipeline.write(writer, shownAs: output) { sink in session.render(templates, spillFolders: [writer.output.deletingLastPathComponent().path, writer.output.path, NSTemporaryDirectory()], into: sink) }, on: &context)
        if session.report(context.site) || context.failedStep != nil { try fail() }
        let site = context.site, totals = context.handedOn
        let warnings = site.diagnostics.all.filter { $0.severity == .warning }.count
        Output.info("built \(totals.pages) pages and \(totals.files - totals.pages) other files into \(output)/ in \(session.milliseconds(since: session.start)) ms; \(warnings) warnings\(Session.draftSummary(site))")
    }
}

/// `anslag clean`: removes the output folder, only if anslag wrote it.
struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clean", abstract: "Remove the output folder, if anslag wrote it.")

    @OptionGroup var options: ProjectOptions

    @Option(help: "The output folder (default: Output/ of the project).")
    var output: String?

    func run() throws {
        let paths = try options.project()
        let outputURL = output.map { URL(fileURLWithPath: $0) } ?? paths.output
        let shown = ProjectPaths.display(outputURL)
        do {
            switch try OutputWriter.forCommandLine(output: outputURL, paths: paths).remove() {
            case .nothing: Output.info("nothing to remove: \(shown)/ does not exist")
            case .removed: Output.info("removed \(shown)/")
            case .emptied: Output.info("emptied \(shown)/ (kept its README.md and \(OutputWriter.markerName))")
            }
        } catch {
            Output.problem("error: \(error)")
            throw ExitCode.failure
        }
    }
}

extension OutputWriter {
    /// The writer for `--output`, protecting the content and templates folders. The environment
    /// variable `ANSLAG_FAULT_AT=<step>` kills the process at that step of the swap (for testing
    /// what a kill leaves behind; steps are listed in `OutputWriter.Step`).
    static func forCommandLine(output: URL, paths: ProjectPaths) -> OutputWriter {
        var writer = OutputWriter(output: output, protecting: [paths.content, paths.templates])
        if let name = ProcessInfo.processInfo.environment["ANSLAG_FAULT_AT"], let step = Step(rawValue: name) {
            writer.fault = { if $0 == step { kill(getpid(), SIGKILL) } }
        }
        return writer
    }
}
