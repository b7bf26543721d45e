import ArgumentParser
import Foundation
import Testing
@testable import Anslag
@testable import AnslagCLI

/// The command line: exit status and the promise that a failed build leaves the output alone.
@Suite struct CLITests {
    func run(_ arguments: [String]) -> Int32 { runCommand(arguments).status }

    @Test func checkOnTheBundledContentSucceeds() {
        #expect(run(["check", "--content", bundledContent.path, "--templates", templatesPath]) == 0)
    }

    @Test func checkOnBadContentFails() {
        let folder = SmallWorld.folder(pots: "  - {id: p, title: P, amount: -5, recipient: skr}")
        #expect(run(["check", "--content", folder.root.path]) != 0)
    }

    @Test func failedBuildLeavesTheOutputUnchanged() throws {
        let folder = SmallWorld.folder(pots: "  - {id: p, title: P, amount: 10, recipient: skr}")
        let output = folder.root.appendingPathComponent("Output")
        #expect(run(["build", "--content", folder.root.path, "--output", output.path, "--templates", templatesPath]) == 0)
        let index = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("Test 2030"))

        folder.write("agreements/2030-test/inputs/befolkning.csv", "Region,Befolkning\nAlfa,100\n")
        #expect(run(["build", "--content", folder.root.path, "--output", output.path, "--templates", templatesPath]) != 0)
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == index)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.root.path).filter { $0.hasPrefix(".Output") }
        #expect(leftovers.isEmpty)
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let folder = ContentFolder()
        let a = folder.root.appendingPathComponent("a"), b = folder.root.appendingPathComponent("b")
        #expect(run(["build", "--content", bundledContent.path, "--output", a.path, "--templates", templatesPath]) == 0)
        #expect(run(["build", "--content", bundledContent.path, "--output", b.path, "--templates", templatesPath]) == 0)
        let files = try FileManager.default.subpathsOfDirectory(atPath: a.path).sorted()
        #expect(files == (try FileManager.default.subpathsOfDirectory(atPath: b.path).sorted()))
        #expect(files.contains("data/anslag.json"))
        for file in files {
            #expect(FileManager.default.contentsEqual(atPath: a.appendingPathComponent(file).path, andPath: b.appendingPathComponent(file).path), "\(file)")
        }
    }
}

@Suite struct MarkdownTests {
    @Test func rendersGitHubTablesAndOmitsRawHTML() {
        let html = Markdown.html("| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) ~~old~~ https://skr.se")
        #expect(html.contains("<table>"))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("<del>old</del>"))
        #expect(html.contains("<a href=\"https://skr.se\">"))
    }
}

@Suite struct OutputWriterTests {
    @Test func aWriteThatFailsMidwayLeavesTheOutputUnchanged() throws {
        let folder = ContentFolder()
        let output = folder.root.appendingPathComponent("Output")
        let writer = OutputWriter(output: output)
        try writer.replace(with: [OutputFile(path: "index.html", contents: "v1"), OutputFile(path: "gammal.html", contents: "old")])
        // The third file cannot be written (a folder is in the way of a file), after two were.
        let failing = [OutputFile(path: "a.html", contents: "v2"), OutputFile(path: "b/c.html", contents: "v2"), OutputFile(path: "b", contents: "x")]
        #expect(throws: (any Error).self) { try writer.replace(with: failing) }
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "v1")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("gammal.html").path))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("a.html").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.root.path).filter { $0.hasPrefix(".Output") }
        #expect(leftovers.isEmpty)
    }

    @Test func pathsCannotLeaveTheOutputFolder() throws {
        let folder = ContentFolder()
        let output = folder.root.appendingPathComponent("Output")
        for path in ["../utanfor.html", "/etc/x", "a/../../b.html"] {
            #expect(throws: (any Error).self) { try OutputWriter(output: output).replace(with: [OutputFile(path: path, contents: "x")]) }
        }
        #expect(!FileManager.default.fileExists(atPath: folder.root.appendingPathComponent("utanfor.html").path))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func filesFromEarlierBuildsAreGone() throws {
        let folder = ContentFolder()
        let output = folder.root.appendingPathComponent("Output")
        try OutputWriter(output: output).replace(with: [OutputFile(path: "gammal/index.html", contents: "old")])
        try OutputWriter(output: output).replace(with: [OutputFile(path: "index.html", contents: "new")])
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("gammal").path))
    }
}

/// Finding the project, and the command line's answers to habits from other tools.
@Suite struct ProjectAndCommandTests {
    @Test func theProjectIsFoundFromAnyFolderInsideIt() throws {
        let project = ContentFolder()
        try FileManager.default.createDirectory(at: project.root.appendingPathComponent("Content/agreements/x"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: project.root.appendingPathComponent("Templates"), withIntermediateDirectories: true)
        let deep = project.root.appendingPathComponent("Content/agreements/x")
        let layout = try #require(try ProjectLayout.find(from: deep))
        #expect(layout.root.standardizedFileURL.path == project.root.standardizedFileURL.path)
        #expect(layout.content.lastPathComponent == "Content")
        #expect(layout.output.lastPathComponent == "Output")
    }

    @Test func anslagYamlNamesTheFolders() throws {
        let project = ContentFolder()
        project.write("anslag.yaml", "content: data\ntemplates: theme\noutput: public\n")
        let layout = try #require(try ProjectLayout.find(from: project.root))
        #expect([layout.content, layout.templates, layout.output].map(\.lastPathComponent) == ["data", "theme", "public"])
        project.write("anslag.yaml", "content: data\noutptu: public\n")
        #expect(throws: Diagnostic.self) { try ProjectLayout.find(from: project.root) }
    }

    @Test func aMissingContentFolderIsNamed() throws {
        let options = try ProjectOptions.parse(["--content", "/nonexistent-anslag-folder"])
        do {
            _ = try options.project()
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("/nonexistent-anslag-folder"))
            #expect("\(error)".contains("--content"))
        }
    }

    @Test func aMisspeltCommandGetsASuggestion() throws {
        let answer = try #require(AnslagCommand.answerBeforeParsing(["chek"]))
        #expect(answer.code != 0)
        #expect(answer.text.contains("did you mean 'check'?"))
        #expect(AnslagCommand.answerBeforeParsing(["version"])?.text == AnslagVersion.current)
        #expect(AnslagCommand.answerBeforeParsing(["build", "--output", "x"]) == nil)
        #expect(AnslagCommand.answerBeforeParsing(["--version"]) == nil)
    }

    @Test func completionScriptsForEachShell() throws {
        for shell in ["bash", "zsh", "fish"] {
            #expect(AnslagCommand.completionScript(for: CompletionShell(rawValue: shell)!).contains("anslag"))
        }
        #expect(throws: (any Error).self) { try Completion.parse(["powershell"]) }
    }
}
