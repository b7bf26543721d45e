import ArgumentParser
import Anslag
import Foundation

/// `anslag build`: checks everything, then replaces the output folder atomically.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site from the content into the output folder.")

    @OptionGroup var options: ProjectOptions

    @Option(help: "The output folder (default: Output/ of the project).")
    var output: String?

    @Flag(help: "Include agreements marked 'status: draft', under an \"Utkast\" banner (never for the published site).")
    var drafts = false

    func run() throws {
        let session = try Session(options: options)
        let outputURL = output.map { URL(fileURLWithPath: $0) } ?? session.paths.output
        let output = ProjectPaths.display(outputURL)
        let (site, files, failed) = session.checkAndRender(drafts: drafts ? .shown : .leftOut)
        let warnings = site.diagnostics.all.filter { $0.severity == .warning }.count
        guard !failed else {
            Output.problem("build failed: \(site.diagnostics.errors.count) errors, \(warnings) warnings\(options.strict ? " (--strict)" : "")\(Session.draftSummary(site)); \(output)/ is unchanged")
            throw ExitCode.failure
        }
        let written: Void? = session.step("write", { try? OutputWriter(output: outputURL).replace(with: files) }) {
            $0 == nil ? "failed" : "\(files.count) files into \(output)/"
        }
        guard written != nil else {
            Output.problem("error: could not write \(output)/; it is unchanged")
            throw ExitCode.failure
        }
        let pages = files.filter { $0.path.hasSuffix(".html") }.count
        Output.info("built \(pages) pages and \(files.count - pages) other files into \(output)/ in \(session.milliseconds(since: session.start)) ms; \(warnings) warnings\(Session.draftSummary(site))")
    }
}
