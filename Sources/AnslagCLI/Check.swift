import ArgumentParser
import Anslag
import Foundation

/// `anslag check`: loads, computes and reconciles everything, writing nothing.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the content without writing anything.")

    @OptionGroup var options: ProjectOptions


    @Flag(help: "List every 1-krona rounding difference between published tables and the computation.")
    var roundingNotes = false

    func run() throws {
        let root = URL(fileURLWithPath: options.content)
        var site = Pipeline.check(contentRoot: root, asOf: options.asOf)
        _ = Pipeline.render(&site, templates: URL(fileURLWithPath: options.templates), displayPath: options.templates)
        let printer = DiagnosticPrinter(contentRoot: root)
        printer.print(site.diagnostics)
        if roundingNotes {
            for note in site.roundingNotes {
                print("\(note.location): note: \(note.table) \(note.row), '\(note.column)': published \(note.published), computed \(note.computed)")
            }
        }
        let cells = site.reconciliations.values.flatMap { $0 }.map(\.cellsCompared).reduce(0, +)
        let summary = "checked \(site.allocations.count) agreements, \(site.allocations.map(\.pots.count).reduce(0, +)) pots, \(cells) published cells (\(site.roundingNotes.count) differ by 1 krona); \(site.diagnostics.errors.count) errors"
        FileHandle.standardError.write(Data((summary + "\n").utf8))
        if site.diagnostics.hasErrors { throw ExitCode.failure }
    }
}
