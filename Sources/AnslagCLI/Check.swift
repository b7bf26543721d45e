import ArgumentParser
import Anslag
import Foundation

/// `anslag check`: loads, computes, reconciles and renders everything, writing nothing.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the content and templates without writing anything.")

    @OptionGroup var options: ProjectOptions

    @Flag(help: "List every 1-krona rounding difference between published tables and the computation.")
    var roundingNotes = false

    func run() throws {
        let session = try Session(options: options)
        var site = session.load()
        // A build for publishing (unlike serve) warns about an example base_url and a missing publisher.
        site.diagnostics.append(contentsOf: site.content?.config.publishingWarnings() ?? [])
        // Everything is rendered and checked; the files are discarded as they come.
        var totals = (pages: 0, files: 0)
        do {
            totals = try session.render(&site) { _ in }
        } catch {
            // The discarding sink never throws; should it ever, say so rather than report 0 pages.
            Output.problem("error: rendering failed: \(error)")
            throw ExitCode.failure
        }
        let failed = session.report(site)
        if roundingNotes {
            for note in site.roundingNotes {
                Output.info("\(note.location): note: \(note.table) \(note.row), '\(note.column)': published \(note.published), computed \(note.computed)")
            }
        }
        let cells = site.reconciliations.values.flatMap { $0 }.map(\.cellsCompared).reduce(0, +)
        let warnings = site.diagnostics.all.filter { $0.severity == .warning }.count
        Output.problem("checked \(site.allocations.count) agreements, \(site.allocations.map(\.pots.count).reduce(0, +)) pots, \(cells) published cells (\(site.roundingNotes.count) differ by 1 krona), \(totals.pages) pages; \(site.diagnostics.errors.count) errors, \(warnings) warnings\(Session.draftSummary(site)) in \(session.milliseconds(since: session.start)) ms")
        if failed { throw ExitCode.failure }
    }
}
