import ArgumentParser
import Foundation
import Testing
@testable import Anslag
@testable import AnslagCLI

/// `build` streams pages into a staging folder as they are rendered: it must write exactly what
/// rendering in memory gives, and a template error found midway must leave the output alone.
@Suite struct StreamingTests {
    func run(_ arguments: [String]) -> Int32 { runCommand(arguments).status }

    @Test func theStreamedBuildWritesWhatRenderingInMemoryGives() throws {
        let folder = ContentFolder()
        let output = folder.root.appendingPathComponent("Output")
        #expect(run(["build", "--content", bundledContent.path, "--output", output.path, "--templates", templatesPath]) == 0)
        var site = Pipeline.check(contentRoot: bundledContent)
        let files = Pipeline.render(&site, templates: URL(fileURLWithPath: templatesPath), displayPath: "Templates")
        #expect(site.diagnostics.errors.isEmpty)
        let written = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        // The ownership marker is the writer's, not a rendered file.
        #expect(written.filter { $0 != OutputWriter.markerName }.sorted() == files.map(\.path).sorted())
        #expect(files.count > 800)
        for file in files {
            #expect(FileManager.default.contents(atPath: output.appendingPathComponent(file.path).path) == Data(file.contents), "\(file.path)")
        }
    }

    @Test func aTemplateErrorFoundWhileStreamingLeavesTheOutputUnchanged() throws {
        let templates = ContentFolder()
        let source = URL(fileURLWithPath: templatesPath)
        for path in try FileManager.default.subpathsOfDirectory(atPath: source.path) where path.contains(".") {
            templates.write(path, try Data(contentsOf: source.appendingPathComponent(path)))
        }
        let folder = ContentFolder()
        let output = folder.root.appendingPathComponent("Output")
        let arguments = ["build", "--content", bundledContent.path, "--output", output.path, "--templates", templates.root.path]
        #expect(run(arguments) == 0)
        let before = try Data(contentsOf: output.appendingPathComponent("regioner/index.html"))
        // Region-year pages come late in the site's order, after many pages were already written.
        let regionYear = try String(contentsOf: templates.root.appendingPathComponent("region-year.mustache"), encoding: .utf8)
        templates.write("region-year.mustache", regionYear.replacingOccurrences(of: "{{name}}", with: "{{nmae}}"))
        #expect(run(arguments) != 0)
        #expect(try Data(contentsOf: output.appendingPathComponent("regioner/index.html")) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.root.path).filter { $0.hasPrefix(".Output") }
        #expect(leftovers.isEmpty)
    }
}
