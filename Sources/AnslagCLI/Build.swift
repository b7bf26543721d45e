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
    static let configuration = CommandConfiguration(abstract: "Build the site from the content into the output folder.")

    @OptionGroup var options: ProjectOptions

    @Option(help: "The output folder (default: Output/ of the project). It is replaced only if it is new, empty or was written by anslag.")
    var output: String?

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
        let (site, files, failed) = session.checkAndRender()
        let warnings = site.diagnostics.all.filter { $0.severity == .warning }.count
        guard !failed else {
            Output.problem("build failed: \(site.diagnostics.errors.count) errors, \(warnings) warnings\(options.strict ? " (--strict)" : ""); \(output)/ is unchanged")
            throw ExitCode.failure
        }
        var context = BuildContext(contentRoot: session.root, asOf: options.asOf)
        context.site = site
        context.files = files
        let write = BuildStep(.write, summary: { "\($0.files.count) files into \(output)/" }) { context in
            do { try writer.replace(with: context.files) } catch let diagnostic as Diagnostic { throw diagnostic } catch {
                throw Diagnostic.error(.writeFailed, at: .file(output), "could not write \(output)/: \(error)")
            }
        }
        session.run([write], on: &context)
        if context.site.diagnostics.hasErrors {
            for error in context.site.diagnostics.errors.dropFirst(site.diagnostics.errors.count) {
                Output.problem("error: the write step failed: \(error.message)")
            }
            throw ExitCode.failure
        }
        let pages = files.filter { $0.path.hasSuffix(".html") }.count
        Output.info("built \(pages) pages and \(files.count - pages) other files into \(output)/ in \(session.milliseconds(since: session.start)) ms; \(warnings) warnings")
    }
}

/// `anslag clean`: removes the output folder, only if anslag wrote it.
struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Remove the output folder, if anslag wrote it.")

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
