import Foundation
import Testing
@testable import Anslag
@testable import AnslagCLI

/// Every recoverable error in one run: the loader goes on past a bad pot, row or condition.
@Suite struct AllErrorsTests {
    @Test func threeTyposInOneAgreementGiveThreePositionedErrors() throws {
        let pots = """
          - id: total
            title: Total
            amount: 10x
            recipient: regions
            key: {type: proportional, input: befolkning}
        """
        let folder = SmallWorld.folder(pots: pots + """

          - id: del
            parent: total
            title: Del
            amount: 5
            recipient: regionz
          - id: annan
            parent: total
            title: Annan
            amount: 5
            recipient: regions
            key: {type: proportionel, input: befolkning}
        """)
        let errors = folder.check().diagnostics.errors
        #expect(errors.count == 3, "\(errors)")
        #expect(errors.map(\.id.rawValue) == ["wrong-type", "unknown-recipient", "unknown-key-type"])
        let file = "agreements/2030-test/agreement.yaml"
        #expect(errors.allSatisfy { $0.location.file == file })
        let text = try String(contentsOf: folder.root.appendingPathComponent(file), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        #expect(lines[errors[0].location.line - 1].contains("amount: 10x"))
        #expect(lines[errors[1].location.line - 1].contains("regionz"))
        #expect(lines[errors[2].location.line - 1].contains("proportionel"))
        #expect(errors[0].location.line < errors[1].location.line && errors[1].location.line < errors[2].location.line)
    }

    @Test func aCSVErrorDoesNotHideAYAMLTypoNorTheNextRow() throws {
        let folder = SmallWorld.folder(pots: """
          - id: total
            title: Total
            amount: 100
            recipient: regions
            key: {type: proportional, input: befolkning}
        """, population: "Region,Befolkning\nAlfa,1x0\nBeta,2y0\nGamma,700\n")
        var yaml = try String(contentsOf: folder.root.appendingPathComponent("agreements/2030-test/agreement.yaml"), encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "title: Test 2030", with: "title: Test 2030\nsumary: Stavfel")
        folder.write("agreements/2030-test/agreement.yaml", yaml)
        let errors = folder.check().diagnostics.sorted.filter { $0.severity == .error }
        #expect(errors.map(\.location.file) == ["agreements/2030-test/agreement.yaml", "agreements/2030-test/inputs/befolkning.csv", "agreements/2030-test/inputs/befolkning.csv"], "\(errors)")
        #expect(errors.first?.id == .unknownKey)
        #expect(errors.dropFirst().map(\.location.line) == [2, 3])

        // The CLI prints them sorted by file and position, with a count per file.
        let result = runCommand(["check", "--content", folder.root.path, "--templates", templatesPath])
        #expect(result.status != 0)
        let yamlAt = try #require(result.standardError.range(of: "agreement.yaml:"))
        let csvAt = try #require(result.standardError.range(of: "befolkning.csv:2:"))
        #expect(yamlAt.lowerBound < csvAt.lowerBound)
        #expect(result.standardError.contains("problems per file:"))
        #expect(result.standardError.contains("agreements/2030-test/inputs/befolkning.csv: 2 errors, 0 warnings"))
        #expect(result.standardError.contains("agreements/2030-test/agreement.yaml: 1 error, 0 warnings"))
    }
}
