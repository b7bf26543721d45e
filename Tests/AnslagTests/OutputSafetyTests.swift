import ArgumentParser
import Foundation
import Testing
@testable import Anslag
@testable import AnslagCLI

/// A project folder as a user has it: content, a package, a repository and work not yet committed.
private final class Project {
    let folder = SmallWorld.folder(pots: "  - {id: p, title: P, amount: 10, recipient: skr}")
    var root: URL { folder.root }
    var content: URL { root.appendingPathComponent("Content") }
    /// Files that must survive every refused build.
    let precious = ["Package.swift", ".git/HEAD", "anteckningar.txt", "Content/site.yaml", "Content/regions.yaml",
                    "Content/agreements/2030-test/agreement.yaml"]

    init() {
        // SmallWorld writes content at the top; move it under Content/ as in the repository.
        let manager = FileManager.default
        let names = try! manager.contentsOfDirectory(atPath: root.path)
        try! manager.createDirectory(at: content, withIntermediateDirectories: true)
        for name in names { try! manager.moveItem(at: root.appendingPathComponent(name), to: content.appendingPathComponent(name)) }
        folder.write("Package.swift", "// swift-tools-version:6.0\n")
        folder.write(".git/HEAD", "ref: refs/heads/main\n")
        folder.write("anteckningar.txt", "ej incheckat\n")
    }

    func expectPreciousFilesExist(sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for file in precious {
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(file).path), "\(file) was deleted", sourceLocation: sourceLocation)
        }
    }
}

/// Runs the CLI in this process and returns its exit status; its messages are captured, not printed.
private func run(_ arguments: [String]) -> Int32 { runCommand(arguments).status }

/// The built `anslag` executable beside the test bundle, for cases that need their own working
/// folder or a real kill.
private func executable() -> URL? {
    var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("anslag")]
    if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
        candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("anslag"))
    }
    candidates.append(repositoryRoot.appendingPathComponent(".build/debug/anslag"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}

private struct Finished { var status: Int32; var killed: Bool; var stderr: String }

private func runProcess(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> Finished {
    guard let executable = executable() else { throw OutputWriter.WriteError(description: "the anslag executable is not built") }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let pipe = Pipe()
    process.standardError = pipe
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Finished(status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
                    stderr: String(decoding: data, as: UTF8.self))
}

@Suite struct OutputOwnershipTests {
    @Test func outputDotIsRefusedAndNothingIsDeleted() throws {
        let project = Project()
        let finished = try runProcess(["build", "--content", "Content", "--output", ".", "--templates", templatesPath], in: project.root)
        #expect(finished.status != 0)
        #expect(finished.stderr.contains("refusing to replace"), "\(finished.stderr)")
        #expect(finished.stderr.contains("current folder"), "\(finished.stderr)")
        #expect(finished.stderr.contains("--output"), "\(finished.stderr)")
        project.expectPreciousFilesExist()
    }

    @Test func outputContentIsRefused() throws {
        let project = Project()
        let finished = try runProcess(["build", "--content", "Content", "--output", "Content", "--templates", templatesPath], in: project.root)
        #expect(finished.status != 0)
        #expect(finished.stderr.contains(": it is /") && finished.stderr.contains("/Content, which the build reads"), "\(finished.stderr)")
        project.expectPreciousFilesExist()
    }

    @Test func aParentOfTheContentIsRefused() throws {
        let project = Project()
        // From another working folder, so the refusal is for holding the content, not for being the current folder.
        let writer = OutputWriter(output: project.root, protecting: [project.content])
        #expect { try writer.checkTarget() } throws: { "\($0)".contains("it contains \(project.content.path)") }
        #expect(run(["build", "--content", project.content.path, "--templates", templatesPath, "--output", project.root.path]) != 0)
        project.expectPreciousFilesExist()
    }

    @Test func theTemplatesFolderAndAnAgreementFolderAreRefused() throws {
        let project = Project()
        let templates = try FileManager.default.subpathsOfDirectory(atPath: templatesPath).sorted()
        for output in [URL(fileURLWithPath: templatesPath), project.content.appendingPathComponent("agreements/2030-test")] {
            let writer = OutputWriter(output: output, protecting: [project.content, URL(fileURLWithPath: templatesPath)])
            #expect(throws: OutputWriter.WriteError.self) { try writer.replace(with: [OutputFile(path: "index.html", contents: "x")]) }
        }
        #expect(try FileManager.default.subpathsOfDirectory(atPath: templatesPath).sorted() == templates)
        project.expectPreciousFilesExist()
    }

    @Test func aFolderWithOtherFilesIsRefusedWithAdvice() throws {
        let project = Project()
        project.folder.write("Webb/min-sida.html", "<p>mitt arbete</p>")
        let output = project.root.appendingPathComponent("Webb")
        let writer = OutputWriter(output: output, protecting: [project.content])
        #expect { try writer.replace(with: [OutputFile(path: "index.html", contents: "x")]) } throws: {
            "\($0)".contains("was not written by anslag") && "\($0)".contains("empty it yourself")
        }
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("min-sida.html").path))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
    }

    @Test func aFolderHoldingAProjectIsRefusedEvenWithTheMarker() throws {
        let project = Project()
        project.folder.write(OutputWriter.markerName, "x")
        let writer = OutputWriter(output: project.root)
        #expect { try writer.checkTarget() } throws: { "\($0)".contains("looks like a project") }
        project.expectPreciousFilesExist()
    }

    @Test func emptyContentIsAnErrorAndTheSiteStays() throws {
        let project = Project()
        let output = project.root.appendingPathComponent("Output")
        let arguments = ["build", "--content", project.content.path, "--templates", templatesPath, "--output", output.path]
        #expect(run(arguments) == 0)
        let before = try FileManager.default.subpathsOfDirectory(atPath: output.path).sorted()
        try FileManager.default.removeItem(at: project.content.appendingPathComponent("agreements"))
        let errors = Pipeline.check(contentRoot: project.content).diagnostics.errors
        #expect(errors.map(\.id.rawValue) == ["no-agreements"], "\(errors)")
        #expect(run(arguments) != 0)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: output.path).sorted() == before)
    }

    @Test func aBuildMarksItsFolderAndKeepsTheMarkerOutOfTheSitemap() throws {
        let project = Project()
        let output = project.root.appendingPathComponent("Output")
        project.folder.write("Output/README.md", "# Output\n")
        #expect(run(["build", "--content", project.content.path, "--templates", templatesPath, "--output", output.path]) == 0)
        let marker = try String(contentsOf: output.appendingPathComponent(OutputWriter.markerName), encoding: .utf8)
        #expect(marker == OutputWriter.markerText)
        #expect(try String(contentsOf: output.appendingPathComponent("README.md"), encoding: .utf8) == "# Output\n")
        let sitemap = try String(contentsOf: output.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        #expect(sitemap.contains("<loc>") && !sitemap.contains(OutputWriter.markerName))
    }

    /// A fresh clone's `Output/` holds only the README git keeps; a build must accept it as its own
    /// and carry the README over, so `make site` works on a clone without any marker in git.
    @Test func aFreshClonesOutputFolderIsAcceptedAndItsReadmeKept() throws {
        let readme = try Data(contentsOf: repositoryRoot.appendingPathComponent("Output/README.md"))
        let project = Project()
        let output = project.root.appendingPathComponent("Output")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try readme.write(to: output.appendingPathComponent("README.md"))
        try OutputWriter(output: output).checkTarget()
        try OutputWriter(output: output).replace(with: [OutputFile(path: "index.html", contents: "x")])
        #expect(try Data(contentsOf: output.appendingPathComponent("README.md")) == readme)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == [OutputWriter.markerName, "README.md", "index.html"])
    }

    @Test func cleanRemovesOnlyAFolderAnslagWrote() throws {
        let project = Project()
        let output = project.root.appendingPathComponent("Output")
        try OutputWriter(output: output).replace(with: [OutputFile(path: "index.html", contents: "x")])
        #expect(run(["clean", "--output", output.path, "--content", project.content.path]) == 0)
        #expect(!FileManager.default.fileExists(atPath: output.path))
        // A folder with the README git keeps is emptied, not removed, so git sees no change.
        project.folder.write("Output/README.md", "# Output\n")
        try OutputWriter(output: output).replace(with: [OutputFile(path: "index.html", contents: "x")])
        #expect(try OutputWriter(output: output).remove() == .emptied)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == [OutputWriter.markerName, "README.md"])
        project.folder.write("Annat/fil.txt", "behåll")
        #expect(run(["clean", "--output", project.root.appendingPathComponent("Annat").path]) != 0)
        #expect(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("Annat/fil.txt").path))
    }
}

@Suite struct OutputSwapTests {
    let v1 = [OutputFile(path: "index.html", contents: "v1"), OutputFile(path: "gammal/index.html", contents: "v1")]
    let v2 = [OutputFile(path: "index.html", contents: "v2"), OutputFile(path: "ny/index.html", contents: "v2")]
    let v3 = [OutputFile(path: "index.html", contents: "v3")]

    /// The files under `output` (marker left out) with their contents.
    func tree(_ output: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        guard FileManager.default.fileExists(atPath: output.path) else { return [:] }
        for path in try FileManager.default.subpathsOfDirectory(atPath: output.path) {
            var isDirectory: ObjCBool = false
            let url = output.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  path != OutputWriter.markerName, !path.hasPrefix(".anslag-") else { continue }
            result[path] = try String(contentsOf: url, encoding: .utf8)
        }
        return result
    }

    func expected(_ files: [OutputFile]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) })
    }

    func leftovers(_ output: URL) throws -> [String] {
        let beside = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path).filter { $0.hasPrefix(".Output.") }
        let inside = (try? FileManager.default.contentsOfDirectory(atPath: output.path))?.filter { $0.hasPrefix(".anslag-") && $0 != OutputWriter.markerName } ?? []
        return beside + inside
    }

    @Test(arguments: [OutputWriter.SwapMethod.automatic, .twoRenames, .inPlace])
    func aKillAtEachStepLeavesACompleteSiteAndTheNextBuildCleansUp(method: OutputWriter.SwapMethod) throws {
        for step in OutputWriter.Step.allCases where method != .automatic || step != .oldMovedAside {
            let folder = ContentFolder()
            let output = folder.root.appendingPathComponent("Output")
            try OutputWriter(output: output, swapMethod: method).replace(with: v1)
            let killed = OutputWriter(output: output, swapMethod: method) { if $0 == step { throw OutputWriter.InjectedFault(step: step) } }
            #expect(throws: OutputWriter.InjectedFault.self) { try killed.replace(with: v2) }
            let after = try tree(output)
            let gap = step == .oldMovedAside && method != .automatic
            if !gap {
                #expect(after == expected(v1) || after == expected(v2), "\(method) \(step): \(after)")
                #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(OutputWriter.markerName).path))
            }
            // The next build, even one whose writing fails, first puts a complete site back and removes the rest.
            let failing = OutputWriter(output: output, swapMethod: method)
            #expect(throws: OutputWriter.WriteError.self) { try failing.replace(with: [OutputFile(path: "../x", contents: "")]) }
            if !(gap && method == .inPlace) {
                let repaired = try tree(output)
                #expect(repaired == expected(v1) || repaired == expected(v2), "\(method) \(step): \(repaired)")
            }
            let left = try leftovers(output)
            #expect(left.isEmpty, "\(method) \(step): \(left)")
            try OutputWriter(output: output, swapMethod: method).replace(with: v3)
            #expect(try tree(output) == expected(v3), "\(method) \(step)")
            #expect(try leftovers(output).isEmpty, "\(method) \(step)")
        }
    }

    @Test func aRealKillAtEachStepLeavesACompleteSite() throws {
        let project = Project()
        let output = project.root.appendingPathComponent("Output")
        // Each build names another as-of date on every page, so it has a new site to put in place
        // (a build whose site the output already holds writes nothing; see the next test).
        func build(_ asOf: String, into folder: String = "Output") -> [String] {
            ["build", "--content", "Content", "--templates", templatesPath, "--output", folder, "--as-of", asOf]
        }
        #expect(try runProcess(build("2030-01-01"), in: project.root).status == 0)
        var old = try tree(output)
        #expect(old["index.html"] != nil)
        for (number, step) in [OutputWriter.Step.leftoversCleaned, .staged, .swapped, .oldRemoved].enumerated() {
            let asOf = "2030-01-1\(number)"
            #expect(try runProcess(build(asOf, into: "Referens-\(number)"), in: project.root).status == 0)
            let new = try tree(project.root.appendingPathComponent("Referens-\(number)"))
            #expect(new != old && new["index.html"] != nil)
            let finished = try runProcess(build(asOf), in: project.root, environment: ["ANSLAG_FAULT_AT": step.rawValue])
            #expect(finished.killed, "\(step): \(finished.status) \(finished.stderr)")
            let after = try tree(output)
            #expect(after == old || after == new, "\(step)")
            // A kill before the swap leaves the old site, after it the new one.
            #expect(after == (step == .leftoversCleaned || step == .staged ? old : new), "\(step)")
            old = after
        }
        #expect(try runProcess(build("2030-02-01"), in: project.root).status == 0)
        #expect(try runProcess(build("2030-02-01", into: "Referens"), in: project.root).status == 0)
        let left = try leftovers(output)
        #expect(left.isEmpty, "\(left)")
        #expect(try tree(output) == tree(project.root.appendingPathComponent("Referens")))
    }

    /// A build whose site the output already holds, file for file and byte for byte, writes
    /// nothing: the folder and every file keep their inodes. Anything else in the output (a
    /// stray file, a stray folder, a file edited by hand, a link, a missing file, another
    /// marker) makes it a real build that replaces the folder, so the output is always exactly
    /// the new site.
    @Test func anUnchangedSiteLeavesTheOutputAsItIs() throws {
        let folder = ContentFolder()
        let output = folder.root.appendingPathComponent("Output")
        let site = [OutputFile(path: "index.html", contents: "start"), OutputFile(path: "a/b/sida.html", contents: "sida"),
                    OutputFile(path: "a/data.csv", contents: "x;y")]
        func inode(_ path: String) -> UInt64? {
            var info = stat()
            return lstat(output.path + (path.isEmpty ? "" : "/" + path), &info) == 0 ? UInt64(info.st_ino) : nil
        }
        try OutputWriter(output: output).replace(with: site)
        let folderInode = inode(""), fileInode = inode("a/b/sida.html")
        try OutputWriter(output: output).replace(with: site)
        #expect(inode("") == folderInode && inode("a/b/sida.html") == fileInode)
        #expect(try tree(output) == expected(site))
        #expect(try leftovers(output).isEmpty)
        func expectReplaced(_ what: String, removesSida: Bool = false, after change: () throws -> Void) throws {
            try change()
            let before = inode("")
            try OutputWriter(output: output).replace(with: site)
            #expect(inode("") != before, "\(what): the output was not replaced")
            #expect(try tree(output) == expected(site), "\(what)")
            if !removesSida { #expect(inode("a/b/sida.html") == fileInode, "\(what): an unchanged file was written again") }
            #expect(try leftovers(output).isEmpty, "\(what)")
        }
        try expectReplaced("a stray file") { try "gammal".write(to: output.appendingPathComponent("a/gammal.html"), atomically: false, encoding: .utf8) }
        try expectReplaced("a stray folder") { try FileManager.default.createDirectory(at: output.appendingPathComponent("tom/mapp"), withIntermediateDirectories: true) }
        try expectReplaced("a file edited by hand") { try "STARTX".write(to: output.appendingPathComponent("index.html"), atomically: false, encoding: .utf8) }
        try expectReplaced("a file as long, edited by hand") { try "x;z".write(to: output.appendingPathComponent("a/data.csv"), atomically: false, encoding: .utf8) }
        try expectReplaced("a link in place of a file") {
            try FileManager.default.removeItem(at: output.appendingPathComponent("index.html"))
            try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("index.html").path, withDestinationPath: "a/b/sida.html")
        }
        try expectReplaced("a missing file") { try FileManager.default.removeItem(at: output.appendingPathComponent("a/data.csv")) }
        try expectReplaced("another marker") {
            try "annan text".write(to: output.appendingPathComponent(OutputWriter.markerName), atomically: false, encoding: .utf8)
        }
        // A README kept from the folder (the build writes none) is part of the same site.
        try "Läs mig".write(to: output.appendingPathComponent("README.md"), atomically: false, encoding: .utf8)
        try OutputWriter(output: output).replace(with: site)
        let withReadme = inode("")
        try OutputWriter(output: output).replace(with: site)
        #expect(inode("") == withReadme)
        #expect(try String(contentsOf: output.appendingPathComponent("README.md"), encoding: .utf8) == "Läs mig")
        // Last, since they remove a file the checks above follow by its inode.
        try FileManager.default.removeItem(at: output.appendingPathComponent("README.md"))
        try expectReplaced("a missing folder", removesSida: true) { try FileManager.default.removeItem(at: output.appendingPathComponent("a/b")) }
        try expectReplaced("a file in place of a folder", removesSida: true) {
            try FileManager.default.removeItem(at: output.appendingPathComponent("a/b"))
            try "b".write(to: output.appendingPathComponent("a/b"), atomically: false, encoding: .utf8)
        }
    }

    @Test func inPlaceIntoAnEmptyFolderMarksItSoTheNextBuildMayReplaceIt() throws {
        let folder = ContentFolder()
        let output = folder.root.appendingPathComponent("Output")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try OutputWriter(output: output, swapMethod: .inPlace).replace(with: v1)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(OutputWriter.markerName).path))
        try OutputWriter(output: output, swapMethod: .inPlace).replace(with: v2)
        #expect(try tree(output) == expected(v2))
        let left = try leftovers(output)
        #expect(left.isEmpty, "\(left)")
    }

    @Test func stagingOfARunningBuildIsLeftAlone() throws {
        let folder = ContentFolder()
        let output = folder.root.appendingPathComponent("Output")
        // Process 1 is always running; a folder with its id belongs to a build still in progress.
        folder.write(".Output.new-1/index.html", "någon annans bygge")
        try OutputWriter(output: output).replace(with: v1)
        #expect(FileManager.default.fileExists(atPath: folder.root.appendingPathComponent(".Output.new-1/index.html").path))
    }

    @Test func concurrentWritesCreateEachFolderOnceAndRefuseDuplicates() throws {
        let folder = ContentFolder()
        let output = folder.root.appendingPathComponent("Output")
        try OutputWriter(output: output).replace { staging in
            DispatchQueue.concurrentPerform(iterations: 200) { index in
                try! staging.write(OutputFile(path: "a/b/\(index % 7)/sida-\(index).html", contents: "\(index)"))
            }
        }
        #expect(try tree(output).count == 200)
        #expect { try OutputWriter(output: output).replace(with: [OutputFile(path: "x.html", contents: "1"), OutputFile(path: "x.html", contents: "2")]) }
            throws: { "\($0)".contains("twice") }
        #expect(try tree(output).count == 200)
    }

    /// A rebuild keeps a file whose bytes did not change (the same inode, linked, not written
    /// again), and never takes over an old file whose bytes differ, even at the same size, or a
    /// symbolic link: the new tree holds exactly the new files, with every method of swapping.
    @Test(arguments: [OutputWriter.SwapMethod.automatic, .twoRenames, .inPlace])
    func aRebuildLinksOnlyFilesWhoseBytesAreUnchanged(method: OutputWriter.SwapMethod) throws {
        let folder = ContentFolder()
        let output = folder.root.appendingPathComponent("Output")
        func inode(_ path: String) throws -> UInt64 {
            var info = stat()
            guard lstat(output.path + "/" + path, &info) == 0 else { throw CocoaError(.fileNoSuchFile) }
            return UInt64(info.st_ino)
        }
        let first = [OutputFile(path: "same.html", contents: "oförändrad"), OutputFile(path: "a/same.html", contents: "oförändrad"),
                     OutputFile(path: "edited.html", contents: "AAAA"), OutputFile(path: "changed.html", contents: "v1"),
                     OutputFile(path: "link.html", contents: "mål")]
        try OutputWriter(output: output, swapMethod: method).replace(with: first)
        let kept = try inode("a/same.html"), edited = try inode("edited.html")
        // Someone edits a file of the output by hand (same size, other bytes) and puts a symbolic
        // link where a file was; the next build must not keep either.
        try "BBBB".write(to: output.appendingPathComponent("edited.html"), atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(at: output.appendingPathComponent("link.html"))
        try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("link.html").path, withDestinationPath: "same.html")
        let second = [OutputFile(path: "same.html", contents: "oförändrad"), OutputFile(path: "a/same.html", contents: "oförändrad"),
                      OutputFile(path: "edited.html", contents: "AAAA"), OutputFile(path: "changed.html", contents: "v2"),
                      OutputFile(path: "link.html", contents: "oförändrad")]
        try OutputWriter(output: output, swapMethod: method).replace(with: second)
        #expect(try tree(output) == expected(second))
        #expect(try inode("a/same.html") == kept)
        #expect(try inode("edited.html") != edited)
        #expect(try FileSystem.kind(output.path + "/link.html") == .file)
        #expect(try leftovers(output).isEmpty)
    }

    @Test func fileSystemErrorsNameThePathAndTheReason() throws {
        let folder = ContentFolder()
        // A file where the output's parent folder should be: fails even for root.
        folder.write("fil", "x")
        let blocked = folder.root.appendingPathComponent("fil/Output")
        #expect { try OutputWriter(output: blocked).replace(with: v1) } throws: {
            "\($0)".contains(folder.root.appendingPathComponent("fil").path) && "\($0)".contains("Not a directory")
        }
        let parent = folder.root.appendingPathComponent("skrivskyddad")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        chmod(parent.path, 0o555)
        defer { chmod(parent.path, 0o755) }
        guard access(parent.path, W_OK) != 0 else { return }  // running as root: permissions are not enforced
        #expect { try OutputWriter(output: parent.appendingPathComponent("Output")).replace(with: v1) } throws: {
            "\($0)".contains(parent.path) && "\($0)".contains("Permission denied")
        }
    }
}
