import ArgumentParser
import Anslag
import Foundation

/// `anslag build`: checks everything, then replaces the output folder atomically.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site from the content into the output folder.")

    @OptionGroup var options: ProjectOptions

    @Option(help: "The output folder.")
    var output: String = "Output"

    func run() throws {
        let session = Session(options: options)
        var site = session.load()
        let warnings = { site.diagnostics.all.filter { $0.severity == .warning }.count }
        func fail() throws -> Never {
            Output.problem("build failed: \(site.diagnostics.errors.count) errors, \(warnings()) warnings\(options.strict ? " (--strict)" : ""); \(output)/ is unchanged")
            throw ExitCode.failure
        }
        guard !session.failed(site) else {
            _ = session.report(site)
            try fail()
        }
        // Pages stream into a staging folder as they are rendered; it replaces the output only
        // when everything rendered without errors.
        var totals = (pages: 0, files: 0)
        var writeError: (any Error)?
        do {
            try OutputWriter(output: URL(fileURLWithPath: output)).replace { staging in
                totals = try session.render(&site, into: staging.write)
                if session.failed(site) { throw RenderFailed() }
            }
        } catch is RenderFailed {
        } catch {
            writeError = error
        }
        if session.report(site) { try fail() }
        if let writeError {
            Output.problem("error: could not write \(output)/: \(writeError); it is unchanged")
            throw ExitCode.failure
        }
        Output.info("built \(totals.pages) pages and \(totals.files - totals.pages) other files into \(output)/ in \(session.milliseconds(since: session.start)) ms; \(warnings()) warnings")
    }
}

/// Stops the swap of the output folder when rendering found errors.
private struct RenderFailed: Error {}
