import Foundation
import Testing
@testable import Anslag
@testable import AnslagCLI

/// A copy of the bundled content and templates in a throwaway folder, to edit.
final class ProjectCopy {
    let root: URL
    var content: URL { root.appendingPathComponent("Content") }
    var templates: URL { root.appendingPathComponent("Templates") }
    /// Jämtland Härjedalen's commentary: shown on that region's pages only.
    static let commentary = "regions/jamtland-harjedalen/2024-rs-802-2023.md"

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("anslag-incremental-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: bundledContent, to: content)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: templatesPath), to: templates)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Replaces the first `old` in the file at `path` (under `folder`) with `new`.
    func edit(_ folder: URL, _ path: String, replacing old: String, with new: String) throws {
        let url = folder.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let range = try #require(text.range(of: old), "\(path) does not contain '\(old)'")
        try text.replacingCharacters(in: range, with: new).write(to: url, atomically: false, encoding: .utf8)
    }

    /// A full render of the copy in memory, by path; fails the test on any diagnostic error.
    func fullRender() throws -> [String: [UInt8]] {
        var site = Pipeline.check(contentRoot: content)
        let files = Pipeline.render(&site, templates: templates, displayPath: "Templates")
        #expect(!site.diagnostics.hasErrors, "\(site.diagnostics.errors)")
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.contents) })
    }

    /// A render given the digests of an earlier one: the files passed on and what it reports.
    func render(previous: [String: ContentDigest]) throws -> (files: [String: [UInt8]], rendered: SiteFiles.Rendered) {
        var site = Pipeline.check(contentRoot: content)
        let result = try #require(Pipeline.render(&site, templates: templates, displayPath: "Templates", previous: previous))
        #expect(!site.diagnostics.hasErrors, "\(site.diagnostics.errors)")
        return (Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, $0.contents) }), result.rendered)
    }
}

/// Applies an incremental render to the files an earlier one left: replace what changed, drop what is gone.
func applying(_ changed: [String: [UInt8]], digests: [String: ContentDigest], to files: [String: [UInt8]]) -> [String: [UInt8]] {
    var out = files.filter { digests[$0.key] != nil }
    for (path, bytes) in changed { out[path] = bytes }
    return out
}

func pages(in files: [String: [UInt8]], containing text: String) -> Set<String> {
    Set(files.filter { $0.key.hasSuffix(".html") && String(decoding: $0.value, as: UTF8.self).contains(text) }.keys)
}

/// Incremental rendering for `serve`: only the pages whose inputs changed are rendered again, and
/// what results equals a full render byte for byte.
@Suite(.serialized) struct IncrementalTests {
    /// Words that appear in no page before the edit.
    static let marker = "Ändrad kommentar för förhandsvisningen"

    @Test func aCommentaryEditReRendersOnlyThePagesThatShowIt() throws {
        let project = try ProjectCopy()
        let first = try project.render(previous: [:])
        #expect(first.rendered.renderedPages == first.rendered.pages)
        #expect(Set(first.files.keys) == Set(first.rendered.digests.keys))
        #expect(pages(in: first.files, containing: Self.marker).isEmpty)

        try project.edit(project.content, ProjectCopy.commentary, replacing: "Enligt beslutet:", with: "\(Self.marker). Enligt beslutet:")
        let second = try project.render(previous: first.rendered.digests)
        let full = try project.fullRender()
        let showing = pages(in: full, containing: Self.marker)
        #expect(!showing.isEmpty)
        // Exactly the pages that show the commentary were rendered again; no download or site-wide file changed.
        let reRendered = Set(second.files.keys.filter { $0.hasSuffix(".html") })
        #expect(reRendered == showing)
        #expect(second.rendered.renderedPages == showing.count)
        #expect(second.rendered.pages == first.rendered.pages)
        #expect(Set(second.files.keys) == showing, "\(Set(second.files.keys).subtracting(showing).sorted())")
        // A page that does not show it, and the region's own 2023 page, were not rendered again.
        #expect(second.files["index.html"] == nil)
        #expect(second.files["regioner/jamtland-harjedalen/2023/index.html"] == nil)
        #expect(full["regioner/jamtland-harjedalen/2023/index.html"] != nil)
        // What the preview then holds is what a full render gives, byte for byte.
        #expect(applying(second.files, digests: second.rendered.digests, to: first.files) == full)

        // Nothing changed: nothing is rendered.
        let third = try project.render(previous: second.rendered.digests)
        #expect(third.files.isEmpty)
        #expect(third.rendered.renderedPages == 0)
    }

    @Test func aTemplateChangeReRendersThePagesThatUseIt() throws {
        let project = try ProjectCopy()
        let first = try project.render(previous: [:])
        // The per-year region pages are the only ones rendered with region-year.
        try project.edit(project.templates, "region-year.mustache", replacing: "{{/main}}", with: "<!-- MALLTEST -->{{/main}}")
        let full = try project.fullRender()
        let using = pages(in: full, containing: "MALLTEST")
        #expect(using.count > 1)
        #expect(using.allSatisfy { $0.hasPrefix("regioner/") })
        let second = try project.render(previous: first.rendered.digests)
        #expect(Set(second.files.keys) == using)
        #expect(second.rendered.renderedPages == using.count)
        #expect(applying(second.files, digests: second.rendered.digests, to: first.files) == full)

        // The layout every page is a child of re-renders every page.
        let url = project.templates.appendingPathComponent("layout.mustache")
        try (try String(contentsOf: url, encoding: .utf8) + "\n").write(to: url, atomically: false, encoding: .utf8)
        let third = try project.render(previous: second.rendered.digests)
        let users = try project.fullRender()
        #expect(third.rendered.renderedPages == third.rendered.pages)
        #expect(applying(third.files, digests: third.rendered.digests, to: applying(second.files, digests: second.rendered.digests, to: first.files)) == users)
    }

    @Test func aRemovedCommentaryRemovesNothingElseAndMatchesAFullRender() throws {
        let project = try ProjectCopy()
        let first = try project.render(previous: [:])
        try FileManager.default.removeItem(at: project.content.appendingPathComponent(ProjectCopy.commentary))
        let second = try project.render(previous: first.rendered.digests)
        let full = try project.fullRender()
        #expect(second.rendered.renderedPages < second.rendered.pages)
        #expect(applying(second.files, digests: second.rendered.digests, to: first.files) == full)
    }

    @Test func digestsRoundTripAndRejectGarbage() throws {
        let digests = ["a/index.html": ContentDigest.of([1, 2, 3]), "b.csv": ContentDigest.of([])]
        #expect(try PreviewDigests.decode(PreviewDigests.encoded(digests)) == digests)
        #expect(throws: PreviewBundle.Malformed.self) { try PreviewDigests.decode(Array("xyz a.html\n".utf8)) }
        #expect(ContentDigest.of(Array("ab".utf8)) != ContentDigest.of(Array("ba".utf8)))
        #expect(ContentDigest.of(Array("abcdefghi".utf8)) != ContentDigest.of(Array("abcdefgh".utf8)))
        let bundle = PreviewBundle(failed: false, diagnostics: [], files: [OutputFile(path: "a/index.html", contents: "x")],
                                   digests: digests, pages: 2, renderedPages: 1)
        let back = try PreviewBundle.decode(bundle.encoded())
        #expect(back.digests == digests)
        #expect(back.pages == 2 && back.renderedPages == 1)
    }
}

/// Lines a preview said, kept for a test to read.
final class SaidLines: @unchecked Sendable {
    // Unchecked: every access holds `lock`.
    private var lines: [String] = []
    private let lock = NSLock()
    @Sendable func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

extension IncrementalTests {
    /// The check: under serve, editing Jämtland Härjedalen's commentary re-renders only the
    /// pages that show it, the server's log says how many, and the preview then holds what a full
    /// render gives.
    @Test func underServeACommentaryEditReRendersOnlyItsPages() async throws {
        let project = try ProjectCopy()
        let said = SaidLines()
        var configuration = PreviewService.Configuration(
            port: 0,
            worker: PreviewWorker(executable: anslagBinary, arguments: ["preview-worker", "--content", project.content.path, "--templates", project.templates.path],
                                  timeLimit: .seconds(120)).quiet,
            watched: [project.content, project.templates], say: said.append, complain: said.append)
        configuration.pollInterval = .milliseconds(50)
        let service = try PreviewService(configuration)
        Thread { service.run() }.start()
        defer { service.stop() }
        #expect(await eventually(within: 120) { service.rebuildReports.count == 1 })
        let first = try #require(service.rebuildReports.first)
        #expect(!first.incremental && first.renderedPages == first.pages)
        let page = "/regioner/jamtland-harjedalen/2024/"
        #expect(Loopback.get(service.port, page).status == 200)
        #expect(!Loopback.get(service.port, page).body.contains(Self.marker))

        try project.edit(project.content, ProjectCopy.commentary, replacing: "Enligt beslutet:", with: "\(Self.marker). Enligt beslutet:")
        #expect(await eventually(within: 120) { Loopback.get(service.port, page).body.contains(Self.marker) })
        // The report and the log line follow the files by a moment.
        #expect(await eventually(within: 10) { service.rebuildReports.count == 2 && said.all.count == 2 })
        let second = try #require(service.rebuildReports.last)
        let full = try project.fullRender()
        let showing = pages(in: full, containing: Self.marker)
        #expect(second.incremental)
        #expect(second.renderedPages == showing.count)
        #expect(second.pages == first.pages)
        #expect(second.changedFiles == showing.count && second.removedFiles == 0)
        #expect(said.all.contains("rebuilt in \(second.milliseconds) ms: \(showing.count) of \(second.pages) pages re-rendered (\(showing.count) files changed)"),
                "\(said.all)")
        // A page that does not show it is served as before; the whole preview equals a full render.
        #expect(!Loopback.get(service.port, "/").body.contains(Self.marker))
        #expect(service.site.currentFiles == full)

        // Saved again the way many editors save: a new file renamed over the old one. The kept
        // worker builds only the pages that read the commentary; the log says the same count.
        let url = project.content.appendingPathComponent(ProjectCopy.commentary)
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: Self.marker, with: "Sparad med namnbyte")
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".kommentar.tmp")
        try text.write(to: temporary, atomically: false, encoding: .utf8)
        #expect(rename(temporary.path, url.path) == 0)
        #expect(await eventually(within: 60) { Loopback.get(service.port, page).body.contains("Sparad med namnbyte") })
        #expect(await eventually(within: 10) { service.rebuildReports.count == 3 && said.all.count == 3 })
        let third = try #require(service.rebuildReports.last)
        let again = try project.fullRender()
        #expect(third.incremental && third.renderedPages == showing.count && third.pages == first.pages)
        #expect(said.all.last == "rebuilt in \(third.milliseconds) ms: \(showing.count) of \(third.pages) pages re-rendered (\(showing.count) files changed)")
        #expect(service.site.currentFiles == again)
    }
}

/// The preview worker that stays alive (`PreviewBuilder`): templates kept, and after an edit that
/// changed only commentary, only the pages that read the changed commentary are built at all.
/// Whatever it skips must not change: after every step of a sequence of edits, what the preview
/// holds equals a fresh full render of the edited content.
@Suite(.serialized) struct KeptWorkerTests {
    /// One rebuild as the worker makes it: its files by path, what render reports, and how many pages were reused.
    func build(_ builder: PreviewBuilder, _ project: ProjectCopy, previous: [String: ContentDigest]) throws
        -> (files: [String: [UInt8]], rendered: SiteFiles.Rendered, reused: Int) {
        var context = BuildContext(contentRoot: project.content, drafts: .shownWhenValid)
        let collected = CollectedFiles()
        let ran = builder.build(&context, runner: BuildRunner(), previous: previous, into: collected.append)
        #expect(ran && !context.site.diagnostics.hasErrors, "\(context.site.diagnostics.errors)")
        let rendered = try #require(context.rendered)
        return (Dictionary(uniqueKeysWithValues: collected.files.map { ($0.path, $0.contents) }), rendered, builder.pages.reusedPages)
    }

    @Test func aSequenceOfEditsSkipsOnlyUnaffectedPagesAndEqualsAFullBuild() throws {
        let project = try ProjectCopy()
        // The folder for site-wide commentary, empty for now (a new folder is a change beyond commentary).
        let siteFile = project.content.appendingPathComponent("site/om-sidan.md")
        try FileManager.default.createDirectory(at: siteFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        let builder = PreviewBuilder(templates: project.templates, displayPath: "Templates")
        let first = try build(builder, project, previous: [:])
        #expect(first.reused == 0 && first.rendered.renderedPages == first.rendered.pages)
        var held = first.files
        var digests = first.rendered.digests
        /// Rebuilds, applies the result to what the preview holds, checks it against a full render,
        /// and returns how many pages were rendered and reused, and the pages showing `marker`.
        func step(_ marker: String?) throws -> (rendered: Int, reused: Int, showing: Set<String>) {
            let before = marker.map { pages(in: held, containing: $0) } ?? []
            let next = try build(builder, project, previous: digests)
            held = applying(next.files, digests: next.rendered.digests, to: held)
            digests = next.rendered.digests
            let full = try project.fullRender()
            #expect(held == full, "differs from a full render: \(Set(held.keys).symmetricDifference(full.keys).sorted().prefix(5)), \(held.filter { full[$0.key] != $0.value }.keys.sorted().prefix(5))")
            #expect(next.rendered.renderedPages + next.reused <= next.rendered.pages)
            let showing = marker.map { pages(in: full, containing: $0) } ?? []
            if marker != nil {
                #expect(!showing.isEmpty)
                // Every page that shows the edit and did not before was built and re-rendered.
                #expect(showing.subtracting(before).isSubset(of: Set(next.files.keys)), "\(showing.subtracting(next.files.keys).sorted())")
            }
            return (next.rendered.renderedPages, next.reused, showing)
        }

        // 1. Jämtland Härjedalen's commentary: only the pages that read it are built.
        try project.edit(project.content, ProjectCopy.commentary, replacing: "Enligt beslutet:", with: "Första ändringen. Enligt beslutet:")
        let one = try step("Första ändringen")
        #expect(one.rendered == one.showing.count)
        #expect(one.reused > first.rendered.pages - 10, "only the few pages that read Jämtland Härjedalen's commentary are built: \(one.reused) reused")

        // 2. The same commentary again, and a new commentary file for the whole site (home and about pages).
        try project.edit(project.content, ProjectCopy.commentary, replacing: "Första ändringen.", with: "Andra ändringen.")
        try "---\ntitle: Om förhandsvisningen\n---\nEn ny kommentar för hela webbplatsen.\n".write(to: siteFile, atomically: false, encoding: .utf8)
        let two = try step("En ny kommentar för hela webbplatsen")
        #expect(two.reused > 0)
        #expect(!two.showing.isEmpty)

        // 3. The commentary moves to another agreement (front matter): from the region's 2024 page to
        // its 2022 page, a page that did not read it before.
        try project.edit(project.content, ProjectCopy.commentary, replacing: "agreement: 2024-god-och-nara-vard", with: "agreement: 2022-god-och-nara-vard")
        let three = try step("Andra ändringen")
        #expect(three.showing.contains("regioner/jamtland-harjedalen/2022/index.html"))
        #expect(!three.showing.contains("regioner/jamtland-harjedalen/2024/index.html"))
        try project.edit(project.content, ProjectCopy.commentary, replacing: "agreement: 2022-god-och-nara-vard", with: "agreement: 2024-god-och-nara-vard")
        _ = try step("Andra ändringen")

        // 4. The site commentary is removed: the pages that showed it change back.
        try FileManager.default.removeItem(at: siteFile)
        _ = try step(nil)

        // 5. Anything but commentary builds every page again (and still equals a full render).
        try project.edit(project.content, "site.yaml", replacing: "title: ", with: "title: Ändrad ")
        let five = try step(nil)
        #expect(five.reused == 0)

        // 6. A template: reloaded, every page built, those using it re-rendered.
        try project.edit(project.templates, "region-year.mustache", replacing: "{{/main}}", with: "<!-- MALLTEST -->{{/main}}")
        let six = try step("MALLTEST")
        #expect(six.reused == 0)
        #expect(six.rendered == six.showing.count)

        // 7. And commentary again after those: skipping resumes.
        try project.edit(project.content, ProjectCopy.commentary, replacing: "Andra ändringen.", with: "Tredje ändringen.")
        let seven = try step("Tredje ändringen")
        #expect(seven.reused > first.rendered.pages - 10)
    }

    /// Skipping never trusts its own memory over what serve holds: given digests that differ from
    /// those of the last build (a result serve dropped), the pages that differ are rendered again.
    @Test func aDroppedResultIsNotTakenForHeld() throws {
        let project = try ProjectCopy()
        let builder = PreviewBuilder(templates: project.templates, displayPath: "Templates")
        let first = try build(builder, project, previous: [:])
        try project.edit(project.content, ProjectCopy.commentary, replacing: "Enligt beslutet:", with: "Tappad ändring. Enligt beslutet:")
        _ = try build(builder, project, previous: first.rendered.digests)  // serve drops this one
        // Nothing changed since, but serve still holds the first build: the pages showing the edit
        // must come again, although their commentary is what the worker last saw.
        let third = try build(builder, project, previous: first.rendered.digests)
        let held = applying(third.files, digests: third.rendered.digests, to: first.files)
        #expect(held == (try project.fullRender()))
        #expect(pages(in: held, containing: "Tappad ändring").count == 2)
    }
}

extension KeptWorkerTests {
    /// The kept worker's load reads again only what changed, and says exactly what a fresh load
    /// says: the same diagnostics for a broken file, and after the fix the same site.
    @Test func aKeptLoadReportsWhatAFreshLoadReports() throws {
        let project = try ProjectCopy()
        let builder = PreviewBuilder(templates: project.templates, displayPath: "Templates")
        let first = try build(builder, project, previous: [:])
        let file = "agreements/2024-god-och-nara-vard/agreement.yaml"
        try project.edit(project.content, file, replacing: "amount: 3430250000", with: "amount: tre miljarder")
        try project.edit(project.content, ProjectCopy.commentary, replacing: "title:", with: "titel:")
        var context = BuildContext(contentRoot: project.content, drafts: .shownWhenValid)
        #expect(!builder.build(&context, runner: BuildRunner(), previous: first.rendered.digests, into: { _ in }))
        let fresh = Pipeline.check(contentRoot: project.content, drafts: .shownWhenValid)
        #expect(!fresh.diagnostics.all.isEmpty)
        #expect(context.site.diagnostics.all == fresh.diagnostics.all)
        // Again, now that the broken files are kept as they are.
        var again = BuildContext(contentRoot: project.content, drafts: .shownWhenValid)
        #expect(!builder.build(&again, runner: BuildRunner(), previous: first.rendered.digests, into: { _ in }))
        #expect(again.site.diagnostics.all == fresh.diagnostics.all)

        try project.edit(project.content, file, replacing: "amount: tre miljarder", with: "amount: 3430250000")
        try project.edit(project.content, ProjectCopy.commentary, replacing: "titel:", with: "title:")
        // A broken settings file (kept whole, like the others), twice.
        try project.edit(project.content, "site.yaml", replacing: "title:", with: "titel:")
        let brokenSettings = Pipeline.check(contentRoot: project.content, drafts: .shownWhenValid)
        #expect(brokenSettings.diagnostics.hasErrors)
        for _ in 0..<2 {
            var settings = BuildContext(contentRoot: project.content, drafts: .shownWhenValid)
            #expect(!builder.build(&settings, runner: BuildRunner(), previous: first.rendered.digests, into: { _ in }))
            #expect(settings.site.diagnostics.all == brokenSettings.diagnostics.all)
        }
        try project.edit(project.content, "site.yaml", replacing: "titel:", with: "title:")
        let fixed = try build(builder, project, previous: first.rendered.digests)
        #expect(applying(fixed.files, digests: fixed.rendered.digests, to: first.files) == (try project.fullRender()))
    }
}
