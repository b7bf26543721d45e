import Foundation
import Testing
@testable import Anslag

/// The build as named steps: each failure says which step, and stops the steps after it.
@Suite struct BuildStepTests {
    struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }

    static func step(_ name: BuildStepName, ran: @escaping @Sendable (inout BuildContext) throws -> Void) -> BuildStep {
        BuildStep(name, summary: { _ in "ok" }, body: ran)
    }

    @Test func anInternalErrorNamesItsStepAndStopsTheBuild() {
        var context = BuildContext(contentRoot: URL(fileURLWithPath: "/nowhere"))
        var reports: [BuildStepReport] = []
        BuildRunner.run([
            Self.step(.load) { $0.files.append(OutputFile(path: "a", contents: "a")) },
            Self.step(.allocate) { _ in throw Boom() },
            Self.step(.reconcile) { $0.files.append(OutputFile(path: "b", contents: "b")) },
        ], on: &context) { reports.append($0) }
        #expect(reports.map(\.name) == [.load, .allocate])
        #expect(reports.map(\.failed) == [false, true])
        #expect(context.files.map(\.path) == ["a"], "the step after the failure must not run")
        let errors = context.site.diagnostics.errors
        #expect(errors.map(\.id) == [.internal])
        #expect(errors.first?.message == "internal error in the allocate step: boom")
    }

    @Test func anInternalErrorCaughtInsideAStepIsNamedToo() {
        var context = BuildContext(contentRoot: URL(fileURLWithPath: "/nowhere"))
        BuildRunner.run([Self.step(.reconcile) { context in _ = context.site.diagnostics.capture { () throws -> Int in throw Boom() } }], on: &context)
        #expect(context.site.diagnostics.errors.map(\.message) == ["internal error in the reconcile step: boom"])
    }

    @Test func aThrownDiagnosticIsKeptAsItIs() {
        var context = BuildContext(contentRoot: URL(fileURLWithPath: "/nowhere"))
        let diagnostic = Diagnostic.error(.missingFile, at: .file("Templates"), "cannot read the templates folder 'Templates'")
        BuildRunner.run([Self.step(.render) { _ in throw diagnostic }, Self.step(.write) { _ in Issue.record("write ran") }], on: &context)
        #expect(context.site.diagnostics.all == [diagnostic])
    }

    @Test func checkRunsLoadAllocateReconcileAndRenderUsesItsOwnStep() {
        let folder = SmallWorld.folder(pots: "  - {id: p, title: P, amount: 10, recipient: skr}")
        var context = BuildContext(contentRoot: folder.root)
        var names: [BuildStepName] = []
        BuildRunner.run(Pipeline.checkSteps + [Pipeline.render(templates: URL(fileURLWithPath: templatesPath), displayPath: "Templates")],
                        on: &context) { names.append($0.name) }
        #expect(names == [.load, .allocate, .reconcile, .render])
        #expect(!context.site.diagnostics.hasErrors, "\(context.site.diagnostics.all)")
        #expect(context.files.contains { $0.path == "index.html" })
    }
}
