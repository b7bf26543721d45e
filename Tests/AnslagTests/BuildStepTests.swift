import Foundation
import Testing
@testable import Anslag

/// The build as named steps: each failure says which step, stops the steps after it, and leaves
/// the output folder as it was.
@Suite struct BuildStepTests {
    struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }

    static func step(_ name: BuildStepName, needsPassingSite: Bool = false,
                     _ body: @escaping @Sendable (inout BuildContext) throws -> Void) -> BuildStep {
        BuildStep(name, needsPassingSite: needsPassingSite, summary: { _ in "ok" }) { context, _ in try body(&context) }
    }

    static let nowhere = URL(fileURLWithPath: "/nowhere")
    static let marker = OutputFile(path: "marker", contents: "")

    @Test func anInternalErrorNamesItsStepAndStopsTheBuild() {
        var context = BuildContext(contentRoot: Self.nowhere)
        var reports: [BuildStepReport] = []
        let ran = BuildRunner { reports.append($0) }.run([
            Self.step(.load) { $0.site.allocations = [] },
            Self.step(.allocate) { _ in throw Boom() },
            Self.step(.reconcile) { $0.outputName = "reconcile ran" },
        ], on: &context)
        #expect(!ran)
        #expect(reports.map(\.name) == [.load, .allocate])
        #expect(reports.map(\.failed) == [false, true])
        #expect(context.outputName == nil, "the step after the failure must not run")
        #expect(context.failedStep == .allocate)
        #expect(context.site.diagnostics.errors.map(\.id) == [.internal])
        #expect(context.site.diagnostics.errors.map(\.message) == ["internal error in the allocate step: boom"])
    }

    @Test func anInternalErrorAStepCaughtItselfIsNamedToo() {
        var context = BuildContext(contentRoot: Self.nowhere)
        BuildRunner().run([
            Self.step(.load) { context in _ = context.site.diagnostics.capture { () throws -> Int in throw Boom() } },
            Self.step(.reconcile) { context in _ = context.site.diagnostics.capture { () throws -> Int in throw Boom() } },
        ], on: &context)
        // Each named once, by the step that produced it; neither step threw, so both ran.
        #expect(context.site.diagnostics.errors.map(\.message) == ["internal error in the load step: boom", "internal error in the reconcile step: boom"])
        #expect(context.site.diagnostics.errors.allSatisfy { $0.id == .internal })
        #expect(context.failedStep == nil)
    }

    @Test func aThrownDiagnosticIsKeptAsItIs() {
        var context = BuildContext(contentRoot: Self.nowhere)
        let diagnostic = Diagnostic.error(.missingTemplate, at: .file("Templates"), "no template 'page'")
        BuildRunner().run([Self.step(.render) { _ in throw diagnostic }, Self.step(.write) { _ in Issue.record("write ran") }], on: &context)
        #expect(context.site.diagnostics.all == [diagnostic])
        #expect(context.failedStep == .render)
    }

    @Test func renderAndWriteDoNotStartOnAFailedSite() {
        var context = BuildContext(contentRoot: Self.nowhere, strict: true)
        context.site.diagnostics.append(Diagnostic(.warning, .uncheckedColumn, at: .file("a.csv"), "a warning"))
        var reports: [BuildStepReport] = []
        let ran = BuildRunner { reports.append($0) }.run([Self.step(.render, needsPassingSite: true) { _ in Issue.record("render ran") }], on: &context)
        #expect(!ran && reports.isEmpty, "with --strict a warning stops the build before render")
        context.strict = false
        #expect(BuildRunner().run([Self.step(.render, needsPassingSite: true) { _ in }], on: &context))
    }

    @Test func aStepThatFindsErrorsStopsTheBuildWhenItNeedsAPassingSite() {
        var context = BuildContext(contentRoot: Self.nowhere)
        let ran = BuildRunner().run([
            Self.step(.render, needsPassingSite: true) { $0.site.diagnostics.append(.error(.unknownTemplateKey, at: .file("page.mustache"), "x")) },
            Self.step(.write, needsPassingSite: true) { _ in Issue.record("write ran") },
        ], on: &context)
        #expect(!ran && context.failedStep == .render)
    }

    @Test func theCheckStepsRunInOrderAndRenderNamesItsOwn() {
        let folder = SmallWorld.folder(pots: "  - {id: p, title: P, amount: 10, recipient: skr}")
        var context = BuildContext(contentRoot: folder.root)
        var names: [BuildStepName] = []
        let collected = CollectedFiles()
        let ran = BuildRunner { names.append($0.name) }.run(Pipeline.checkSteps + [Pipeline.render(templates: URL(fileURLWithPath: templatesPath), displayPath: "Templates", into: collected.append)],
                                                            on: &context)
        #expect(ran && names == [.load, .allocate, .reconcile, .render])
        #expect(!context.site.diagnostics.hasErrors, "\(context.site.diagnostics.all)")
        #expect(collected.files.contains { $0.path == "index.html" })
        #expect(context.handedOn.files == collected.files.count && context.handedOn.pages > 0)
    }

    @Test func stepsRunByTheLibraryGiveTheSameSiteAsCheck() {
        // check() is the same three steps; a second run of them gives the same diagnostics.
        let folder = SmallWorld.folder(pots: "  - {id: p, title: P, amount: 10, recipient: nobody}")
        var context = BuildContext(contentRoot: folder.root)
        BuildRunner().run(Pipeline.checkSteps, on: &context)
        let checked = Pipeline.check(contentRoot: folder.root)
        #expect(!checked.diagnostics.all.isEmpty)
        #expect(context.site.diagnostics.all == checked.diagnostics.all)
    }

    // MARK: - A failure in each step, through the command line

    /// Every file under `folder` with its bytes.
    static func tree(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    @Test(arguments: BuildStepName.allCases)
    func aFailureInEachStepIsNamedFailsTheBuildAndLeavesTheOutput(_ step: BuildStepName) throws {
        let folder = SmallWorld.folder(pots: "  - {id: p, title: P, amount: 10, recipient: skr}")
        let output = folder.root.appendingPathComponent("Output")
        let arguments = ["build", "--content", folder.root.path, "--templates", templatesPath, "--output", output.path]
        let first = runCommand(arguments)
        #expect(first.status == 0, "\(first.standardError)")
        let before = try Self.tree(output)
        #expect(before["index.html"] != nil)
        let failed = BuildRunner.$injectedFault.withValue(step) { runCommand(arguments + ["--verbose"]) }
        #expect(failed.status != 0)
        #expect(failed.standardError.contains("build failed in the \(step) step: 1 errors"), "\(failed.standardError)")
        if step == .write {
            #expect(failed.standardError.contains("error: the write step failed: could not write \(output.path)/: a failure injected at the write step"),
                    "\(failed.standardError)")
        } else {
            #expect(failed.standardError.contains("error: internal error in the \(step) step: a failure injected at the \(step) step"), "\(failed.standardError)")
        }
        // --verbose shows the steps up to the failed one, which says it failed.
        let shown = failed.standardOutput.split(separator: "\n").compactMap { line in BuildStepName.allCases.first { line.hasPrefix("\($0): ") } }
        let expected = BuildStepName.allCases.prefix { $0 != step } + [step]
        #expect(shown.filter { $0 != .write } == expected.filter { $0 != .write }, "\(failed.standardOutput)")
        #expect(failed.standardOutput.contains("\(step): failed"), "\(failed.standardOutput)")
        #expect(try Self.tree(output) == before, "the output folder must be untouched")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.root.path).filter { $0.hasPrefix(".Output") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func aWriteFailureIsAWriteFailedDiagnosticOfTheWriteStep() throws {
        let folder = SmallWorld.folder(pots: "  - {id: p, title: P, amount: 10, recipient: skr}")
        var context = BuildContext(contentRoot: folder.root)
        let runner = BuildRunner(fault: .write)
        runner.run(Pipeline.checkSteps, on: &context)
        let output = folder.root.appendingPathComponent("Output")
        let templates = URL(fileURLWithPath: templatesPath)
        runner.run(Pipeline.write(OutputWriter(output: output), shownAs: "Output") { sink in
            Pipeline.render(templates: templates, displayPath: "Templates", into: sink)
        }, on: &context)
        #expect(context.failedStep == .write)
        #expect(context.site.diagnostics.errors.count == 1)
        #expect(context.site.diagnostics.errors.first?.id == .writeFailed)
        #expect(context.site.diagnostics.errors.first?.location == .file("Output"))
        // Render was stopped by the write failure; neither step is reported as a success.
        #expect(runner.reports.map(\.name) == [.load, .allocate, .reconcile, .render, .write])
        #expect(runner.reports.suffix(2).map(\.summary) == ["stopped: the write step failed", "failed: write-failed"])
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test(arguments: [BuildStepName.load, .allocate, .reconcile, .render])
    func checkNamesTheFailedStepAndFails(_ step: BuildStepName) {
        let folder = SmallWorld.folder(pots: "  - {id: p, title: P, amount: 10, recipient: skr}")
        let result = BuildRunner.$injectedFault.withValue(step) { runCommand(["check", "--content", folder.root.path, "--templates", templatesPath]) }
        #expect(result.status != 0)
        #expect(result.standardError.contains("internal error in the \(step) step"), "\(result.standardError)")
    }

    @Test func aTemplateErrorIsTheRenderStepsFailure() throws {
        let templates = ContentFolder()
        let source = URL(fileURLWithPath: templatesPath)
        for path in try FileManager.default.subpathsOfDirectory(atPath: source.path) where path.contains(".") {
            templates.write(path, try Data(contentsOf: source.appendingPathComponent(path)))
        }
        let page = try String(contentsOf: templates.root.appendingPathComponent("home.mustache"), encoding: .utf8)
        templates.write("home.mustache", page + "{{#unclosed}}")
        let folder = SmallWorld.folder(pots: "  - {id: p, title: P, amount: 10, recipient: skr}")
        let output = folder.root.appendingPathComponent("Output")
        let result = runCommand(["build", "--content", folder.root.path, "--templates", templates.root.path, "--output", output.path])
        #expect(result.status != 0)
        #expect(result.standardError.contains("build failed in the render step"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func thePreviewWorkerRunsTheSameStepsAndNamesTheFailedOne() throws {
        let folder = SmallWorld.folder(pots: "  - {id: p, title: P, amount: 10, recipient: skr}")
        let result = folder.root.appendingPathComponent("result.bin")
        let arguments = ["preview-worker", "--content", folder.root.path, "--templates", templatesPath, "--result", result.path]
        let failed = BuildRunner.$injectedFault.withValue(.reconcile) { runCommand(arguments) }
        #expect(failed.status == 1)
        let bundle = try PreviewBundle.decode(Array(try Data(contentsOf: result)))
        #expect(bundle.failed && bundle.files.isEmpty)
        #expect(bundle.diagnostics.map(\.message) == ["internal error in the reconcile step: a failure injected at the reconcile step (ANSLAG_FAIL_STEP)"])
        #expect(runCommand(arguments).status == 0)
        #expect(try !PreviewBundle.decode(Array(try Data(contentsOf: result))).failed)
    }
}
