import ArgumentParser
import Anslag
import Foundation

/// `anslag check`: runs the build's steps but write (load, allocate, reconcile, render), writing nothing.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Check the content and templates without writing anything.")

    @OptionGroup var options: ProjectOptions

    @Flag(help: "List every 1-krona rounding difference between published tables and the computation.")
    var roundingNotes = false

    func run() throws {
        let session = try Session(options: options)
        let runner = try session.runner()
        let templates = session.readTemplatesInAdvance()
        var context = session.context()
        // Everything is rendered and checked; the files are discarded as they come.
        runner.run(Pipeline.checkSteps, on: &context)
        // Like a build for publishing (unlike serve): warn about an example base_url and a missing publisher.
        context.site.diagnostics.append(contentsOf: context.site.content?.config.publishingWarnings() ?? [])
        runner.run([session.render(templates) { _ in }], on: &context)
        let site = context.site, totals = context.handedOn
        let failed = session.report(site)
        if roundingNotes {
            for note in site.roundingNotes {
                Output.info("\(note.location): note: \(note.table) \(note.row), '\(note.column)': published \(note.published), computed \(note.computed)")
            }
        }
        let cells = site.reconciliations.values.flatMap { $0 }.map(\.cellsCompared).reduce(0, +)
        let warnings = site.diagnostics.all.filter { $0.severity == .warning }.count
        Output.problem("checked \(site.allocations.count) agreements, \(site.allocations.map(\.pots.count).reduce(0, +)) pots, \(cells) published cells (\(site.roundingNotes.count) differ by 1 krona), \(totals.pages) pages; \(site.diagnostics.errors.count) errors, \(warnings) warnings\(Session.draftSummary(site)) in \(session.milliseconds(since: session.start)) ms")
        if failed || context.failedStep != nil { throw ExitCode.failure }
    }
}
