import ArgumentParser
import Anslag
import Foundation

/// `anslag new <series> <year>`: scaffolds next year's agreement from the latest of its series.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Start next year's agreement folder from the latest one of a series.")

    @OptionGroup var options: ProjectOptions

    @Argument(help: "The series, e.g. god-och-nara-vard.")
    var series: String

    @Argument(help: "The year of the new agreement.")
    var year: Int

    func validate() throws {
        guard (1900...2200).contains(year) else { throw ValidationError("year must be a four-digit year, found \(year)") }
    }

    func run() throws {
        let root = try options.project().content
        let shown = ProjectPaths.display(root)
        var diagnostics = Diagnostics()
        guard let result = diagnostics.capture({ try Scaffold.create(series: series, year: year, contentRoot: root) }) else {
            DiagnosticPrinter(contentRoot: root).print(diagnostics)
            throw ExitCode.failure
        }
        Output.info("created \(shown)/\(result.folder) with \(result.files.count) files:")
        for file in result.files { Output.info("  \(shown)/\(file)") }
        Output.info("replace every \(Placeholder.text) with the new agreement's values; `anslag check` lists what is left")
    }
}
