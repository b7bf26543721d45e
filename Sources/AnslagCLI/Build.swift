import ArgumentParser
import Anslag
import Foundation

/// `anslag build`: checks everything, then writes the output folder atomically.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site from the content into the output folder.")

    @OptionGroup var options: ProjectOptions

    @Option(help: "The output folder.")
    var output: String = "Output"


    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let root = URL(fileURLWithPath: options.content)
        var site = Pipeline.check(contentRoot: root, asOf: options.asOf)
        let files = Pipeline.render(&site, templates: URL(fileURLWithPath: options.templates), displayPath: options.templates)
        DiagnosticPrinter(contentRoot: root).print(site.diagnostics)
        guard !site.diagnostics.hasErrors else {
            FileHandle.standardError.write(Data("build failed: \(site.diagnostics.errors.count) errors; \(output)/ is unchanged\n".utf8))
            throw ExitCode.failure
        }
        do {
            try OutputWriter(output: URL(fileURLWithPath: output)).replace(with: files)
        } catch {
            FileHandle.standardError.write(Data("error: could not write \(output)/: \(error)\n".utf8))
            throw ExitCode.failure
        }
        let elapsed = clock.now - start
        let ms = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        print("built \(files.count) files into \(output)/ in \(ms) ms; \(site.diagnostics.all.filter { $0.severity == .warning }.count) warnings")
    }
}
