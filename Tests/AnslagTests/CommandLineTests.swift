import Foundation
import Testing
@testable import Anslag
@testable import AnslagCLI

/// The printer's exact format, the global flags, and determinism across two processes.
@Suite struct CommandLineTests {
    @Test func printerFormatsOneErrorWithItsLineCaretAndNotes() {
        let folder = ContentFolder()
        folder.write("agreements/x/agreement.yaml", "id: x\n  year: 20x4\n")
        let diagnostic = Diagnostic.error(.wrongType, at: Anslag.SourceLocation(file: "agreements/x/agreement.yaml", line: 2, column: 9),
                                          "key 'year' must be a whole number, found '20x4'", notes: ["write the year as four digits"])
        let printer = DiagnosticPrinter(contentRoot: folder.root, colour: false)
        #expect(printer.format(diagnostic) == """
            \(folder.root.path)/agreements/x/agreement.yaml:2:9: error: key 'year' must be a whole number, found '20x4'
                  year: 20x4
                        ^
              note: write the year as four digits

            """)
    }

    /// The fuzzer's hang: a CSV row pasted 20 000 times gave 60 000 errors, and the printer read
    /// and split the whole file again for each one (over 30 s). Each file is now read once.
    @Test func manyErrorsInOneFilePrintInLinearTime() {
        let folder = ContentFolder()
        let rows = (1...20_000).map { "Region \($0),\($0)" }
        folder.write("inputs/big.csv", (["Region,Antal"] + rows).joined(separator: "\n") + "\n")
        var diagnostics = Diagnostics()
        for line in 2...20_001 {
            diagnostics.append(.error(.duplicateRow, at: Anslag.SourceLocation(file: "inputs/big.csv", line: line, column: 1), "row \(line)"))
        }
        let captured = Output.Captured()
        let clock = ContinuousClock()
        let start = clock.now
        Output.$capture.withValue(captured) { DiagnosticPrinter(contentRoot: folder.root, colour: false).print(diagnostics) }
        #expect(clock.now - start < .seconds(10))
        #expect(captured.standardError.contains("    Region 20000,20000\n"))
        #expect(captured.standardError.components(separatedBy: "error: row ").count == 20_001)
    }

    @Test func verbosePrintsEachStepWithItsTime() {
        let folder = SmallWorld.folder(pots: "  - {id: p, title: P, amount: 10, recipient: skr}")
        let quiet = runCommand(["check", "--content", folder.root.path, "--templates", templatesPath])
        let verbose = runCommand(["check", "--verbose", "--content", folder.root.path, "--templates", templatesPath])
        #expect(quiet.status == 0 && verbose.status == 0)
        #expect(!quiet.standardOutput.contains(" ms)"))
        // Each step on its own line, in order, with its time.
        let lines = verbose.standardOutput.split(separator: "\n").map(String.init)
        let names = ["load", "allocate", "reconcile", "render"]
        let steps = lines.compactMap { line in names.first { line.hasPrefix("\($0): ") && line.hasSuffix(" ms)") } }
        #expect(steps == names, "\(verbose.standardOutput)")
    }

    @Test func asOfMustBeARealDate() throws {
        #expect(runCommand(["check", "--as-of", "2024-13-01", "--content", bundledContent.path, "--templates", templatesPath]).status != 0)
        for bad in ["2024-13-01", "2023-02-29", "24-01-01", "2024-1-5"] {
            #expect(throws: (any Error).self, "\(bad)") { try Check.parse(["--as-of", bad]) }
        }
        #expect(try Check.parse(["--as-of", "2024-02-29"]).options.asOf == "2024-02-29")
    }

    @Test func twoBuildsInTwoProcessesAreByteIdentical() throws {
        let binary = repositoryRoot.appendingPathComponent(".build/debug/anslag")
        try #require(FileManager.default.isExecutableFile(atPath: binary.path), "build the anslag executable first (swift build)")
        let folder = ContentFolder()
        var outputs: [URL] = []
        for name in ["a", "b"] {
            let output = folder.root.appendingPathComponent(name)
            let process = Process()
            process.executableURL = binary
            process.arguments = ["build", "--content", bundledContent.path, "--templates", templatesPath, "--output", output.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            outputs.append(output)
        }
        let files = try FileManager.default.subpathsOfDirectory(atPath: outputs[0].path).sorted()
        #expect(files == (try FileManager.default.subpathsOfDirectory(atPath: outputs[1].path).sorted()))
        #expect(files.count > 100)
        for file in files {
            #expect(FileManager.default.contentsEqual(atPath: outputs[0].appendingPathComponent(file).path,
                                                      andPath: outputs[1].appendingPathComponent(file).path), "\(file)")
        }
    }
}
