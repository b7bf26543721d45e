import Foundation
import Testing
@testable import Anslag
@testable import AnslagCLI

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let bundledContent = repositoryRoot.appendingPathComponent("Content")
let templatesPath = repositoryRoot.appendingPathComponent("Templates").path

/// A throwaway content folder written from strings; removed when the test ends.
final class ContentFolder {
    let root: URL

    init() {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("anslag-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        write("site.yaml", "title: Test\ntagline: Testplats\nbase_url: https://test.example\nbuild_date: 2030-01-15\n")
    }

    /// Files or folders a test made outside `root` (a link's target), removed with it.
    var outside: [URL] = []

    deinit {
        try? FileManager.default.removeItem(at: root)
        for url in outside { try? FileManager.default.removeItem(at: url) }
    }

    func write(_ path: String, _ text: String) {
        write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) {
        let url = root.appendingPathComponent(path)
        try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! data.write(to: url)
    }

    /// Copies a folder of the bundled content into this one.
    func copyBundled(_ path: String) {
        let target = root.appendingPathComponent(path)
        try! FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! FileManager.default.copyItem(at: bundledContent.appendingPathComponent(path), to: target)
    }

    func check() -> CheckedSite { Pipeline.check(contentRoot: root) }
}

/// Text with one `⟦⟧` marker: the text without it, and the 1-based line and column where it stood.
struct Marked {
    let text: String
    let line: Int
    let column: Int

    init(_ marked: String) {
        guard let range = marked.range(of: "⟦⟧") else {
            text = marked; line = 0; column = 0; return
        }
        let before = marked[..<range.lowerBound]
        line = before.filter { $0 == "\n" }.count + 1
        column = (before.split(separator: "\n", omittingEmptySubsequences: false).last?.count ?? 0) + 1
        text = marked.replacingCharacters(in: range, with: "")
    }
}

/// A small world of three regions in two samverkansregioner, for hand-checkable cases.
enum SmallWorld {
    static let regions = """
    samverkansregioner:
      - {id: norr, name: Norr}
      - {id: syd, name: Syd}
    regions:
      - {id: alfa, name: Region Alfa, county: Alfa, county_code: "01", samverkansregion: norr, variants: [Alfa län]}
      - {id: beta, name: Region Beta, county: Beta, county_code: "02", samverkansregion: norr}
      - {id: gamma, name: Region Gamma, county: Gamma, county_code: "03", samverkansregion: syd}

    """

    /// An agreement whose `pots:` are given; inputs befolkning (1, 1, 1 scaled) and insatser are fixed.
    static func agreement(pots: String, inputs extra: String = "", published: String = "") -> String {
        """
        id: 2030-test
        series: test
        year: 2030
        title: Test 2030
        parties:
          - party: Staten
        source: {file: seed.txt, title: Test}
        inputs:
          - id: befolkning
            kind: population
            date: 2029-11-01
            file: inputs/befolkning.csv
          - id: insatser
            kind: care-recipients
            file: inputs/insatser.csv
        \(extra)
        pots:
        \(pots)
        \(published)
        """
    }

    static func folder(pots: String, inputs: String = "", published: String = "",
                       population: String = "Region,Befolkning\nAlfa,100\nBeta,200\nGamma,700\n",
                       care: String = "Län,Antal\nAlfa,10\nBeta,10\nGamma,20\n") -> ContentFolder {
        let folder = ContentFolder()
        folder.write("regions.yaml", regions)
        folder.write("agreements/2030-test/agreement.yaml", agreement(pots: pots, inputs: inputs, published: published))
        folder.write("agreements/2030-test/inputs/befolkning.csv", population)
        folder.write("agreements/2030-test/inputs/insatser.csv", care)
        return folder
    }
}

extension CheckedSite {
    func shares(_ pot: String) -> [Int]? {
        allocations.first?.pots[pot]?.shares?.map(\.amount)
    }
}

/// Checks `folder` and expects exactly one error, with this id, at this file, line and column, whose
/// message or notes contain `text`.
func expectOneError(_ folder: ContentFolder, file: String, line: Int, column: Int, id: String, contains text: String,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let errors = folder.check().diagnostics.errors
    #expect(errors.count == 1, "\(errors)", sourceLocation: sourceLocation)
    guard let error = errors.first else { return }
    #expect(error.id.rawValue == id, "\(error)", sourceLocation: sourceLocation)
    #expect(error.location == Anslag.SourceLocation(file: file, line: line, column: column), "\(error)", sourceLocation: sourceLocation)
    #expect(error.message.contains(text) || error.notes.contains { $0.contains(text) }, "\(error) \(error.notes)", sourceLocation: sourceLocation)
}

/// What a command run in-process printed and its exit status; its messages are captured, not printed.
struct CommandResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

/// Runs `anslag ARGUMENTS` in this process with its output captured.
func runCommand(_ arguments: [String]) -> CommandResult {
    let captured = Output.Captured()
    let status: Int32 = Output.$capture.withValue(captured) {
        do {
            var command = try AnslagCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch {
            return AnslagCommand.exitCode(for: error).rawValue
        }
    }
    return CommandResult(status: status, standardOutput: captured.standardOutput, standardError: captured.standardError)
}

/// Reproducible inputs for tests that compare two ways of doing one thing on many generated
/// cases: a fixed seed and a linear congruential step (Knuth's MMIX constants), so a failure
/// is the same on every run.
struct Generated {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The next number, 0 to 2³¹ − 1.
    mutating func next() -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(state >> 33)
    }

    /// A text glued from fewer than `maximum` of `pieces`, each drawn at random.
    mutating func text(from pieces: [String], fewerThan maximum: Int) -> String {
        var text = ""
        for _ in 0..<(next() % maximum) { text += pieces[next() % pieces.count] }
        return text
    }
}
