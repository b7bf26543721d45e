import Foundation
import Testing
@testable import Anslag

/// Commentary attaches to what its folder names; files that nothing reads are warnings naming them.
@Suite struct NothingDroppedTests {
    static let pots = """
      - id: total
        title: Total
        amount: 100
        recipient: regions
        key: {type: proportional, input: befolkning}
    """

    @Test func theFolderImpliesTheAgreementOrRegion() throws {
        let folder = SmallWorld.folder(pots: Self.pots)
        folder.write("agreements/2030-test/commentary/om.md", "---\ntitle: Om avtalet\n---\nText.\n")
        folder.write("regions/beta/beslut.md", "---\ntitle: Betas beslut\n---\nText.\n")
        let site = folder.check()
        #expect(site.diagnostics.all.isEmpty, "\(site.diagnostics.all)")
        let commentary = try #require(site.content?.commentary)
        #expect(commentary.first { $0.file.hasSuffix("om.md") }?.agreement == "2030-test")
        #expect(commentary.first { $0.file.hasSuffix("beslut.md") }?.region == "beta")
    }

    @Test func aKeyThatContradictsItsFolderIsAnError() throws {
        let folder = SmallWorld.folder(pots: Self.pots)
        folder.write("regions/beta/beslut.md", "---\ntitle: Betas beslut\nregion: gamma\n---\nText.\n")
        expectOneError(folder, file: "regions/beta/beslut.md", line: 3, column: 9, id: "commentary-folder-mismatch", contains: "regions/beta/")
    }

    @Test func aCommentaryFolderOfAnUnknownRegionIsAnError() throws {
        let folder = SmallWorld.folder(pots: Self.pots)
        folder.write("regions/betta/beslut.md", "---\ntitle: Betas beslut\n---\nText.\n")
        let errors = folder.check().diagnostics.errors
        #expect(errors.count == 1 && errors.first?.id == .unknownRegion && errors.first?.location.file == "regions/betta/beslut.md", "\(errors)")
        #expect(errors.first?.notes.contains("did you mean 'beta'?") == true)
    }

    @Test func filesNothingReadsAreWarningsNamingThem() throws {
        let folder = SmallWorld.folder(pots: Self.pots)
        folder.write("agreements/2030-test/inputs/gammal.csv", "Region,Befolkning\n")
        folder.write("agreements/2030-test/anteckning.md", "Att göra\n")
        folder.write("regions/beta.yml", "x: 1\n")
        folder.write("agreements/2030-test/avtal.pdf", "%PDF")
        let warnings = folder.check().diagnostics.all.filter { $0.severity == .warning }
        #expect(warnings.map(\.location.file) == ["agreements/2030-test/anteckning.md", "agreements/2030-test/inputs/gammal.csv", "regions/beta.yml"], "\(warnings)")
        #expect(warnings.allSatisfy { $0.id == .unreadFile && $0.message.contains($0.location.file) })
        #expect(folder.check().diagnostics.errors.isEmpty)
    }
}
