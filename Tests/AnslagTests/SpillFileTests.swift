import Foundation
import Testing
@testable import Anslag
@testable import AnslagCLI

/// A file too large to hold while the site is made (`datapackage.json`) is kept in a nameless
/// temporary file: its bytes come back whole, the staging folder writes and compares it like any
/// other file, and the data package a build writes is the one rendering in memory gives.
@Suite struct SpillFileTests {
    /// Bytes that differ from piece to piece, so a piece out of place shows.
    func bytes(_ count: Int, seed: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed &+ $0 >> 9) } }

    @Test func bytesComeBackWholeAcrossPieces() throws {
        let folder = ContentFolder()
        let place = folder.root.appendingPathComponent("spill")
        try FileManager.default.createDirectory(at: place, withIntermediateDirectories: true)
        let spill = try SpillFile(in: place.path)
        // Three appends that cross the megabyte at which pending bytes are written out.
        let parts = [bytes(700_000, seed: 1), bytes(500_000, seed: 2), bytes(1_100_003, seed: 3)]
        for part in parts { try spill.append(part) }
        #expect(spill.count == parts.map(\.count).reduce(0, +))
        #expect(try spill.bytes() == parts.flatMap { $0 })
        // Nameless: nothing is left in the folder it was made in.
        #expect(try FileManager.default.contentsOfDirectory(atPath: place.path).isEmpty)
    }

    @Test func theFirstFolderThatWorksIsTaken() throws {
        let folder = ContentFolder()
        let missing = folder.root.appendingPathComponent("finns-inte").path
        let spill = try SpillFile(inFirstOf: [missing, folder.root.path])
        try spill.append(Array("data".utf8))
        #expect(try spill.bytes() == Array("data".utf8))
        // None works: the first folder's error, with its path.
        do {
            let second = folder.root.appendingPathComponent("saknas-ocksa").path
            _ = try SpillFile(inFirstOf: [missing, second])
            Issue.record("a spill file was made in a folder that does not exist")
        } catch {
            // Only the second folder's own name is looked for: the folder both are in has a
            // random name that can hold any short text.
            #expect("\(error)".contains(missing))
            #expect(!"\(error)".contains("saknas-ocksa"))
        }
    }

    @Test func theStagingFolderWritesAndComparesASpilledFile() throws {
        let folder = ContentFolder()
        let output = folder.root.appendingPathComponent("Output")
        func spilled(_ content: [UInt8]) throws -> OutputFile {
            let spill = try SpillFile(in: folder.root.path)
            try spill.append(content)
            return OutputFile(path: "data/stor.json", spilled: spill)
        }
        func inode() -> UInt64? {
            var info = stat()
            return lstat(output.path + "/data/stor.json", &info) == 0 ? UInt64(info.st_ino) : nil
        }
        let first = bytes(1_500_000, seed: 7)
        try OutputWriter(output: output).replace(with: [OutputFile(path: "index.html", contents: "start"), try spilled(first)])
        #expect(try Data(contentsOf: output.appendingPathComponent("data/stor.json")) == Data(first))
        let written = inode()
        // The same bytes again: found the same, the output is left as it is.
        try OutputWriter(output: output).replace(with: [OutputFile(path: "index.html", contents: "start"), try spilled(first)])
        #expect(inode() == written)
        // One byte changed near the end, past the first piece: written anew.
        var second = first
        second[1_400_000] ^= 0xFF
        try OutputWriter(output: output).replace(with: [OutputFile(path: "index.html", contents: "start"), try spilled(second)])
        #expect(inode() != written)
        #expect(try Data(contentsOf: output.appendingPathComponent("data/stor.json")) == Data(second))
    }

    @Test func theBuildsDataPackageIsTheOneRenderedInMemory() throws {
        let folder = ContentFolder()
        let output = folder.root.appendingPathComponent("Output")
        #expect(runCommand(["build", "--content", bundledContent.path, "--output", output.path, "--templates", templatesPath]).status == 0)
        let built = try Data(contentsOf: output.appendingPathComponent("datapackage.json"))
        var site = Pipeline.check(contentRoot: bundledContent)
        let files = Pipeline.render(&site, templates: URL(fileURLWithPath: templatesPath), displayPath: "Templates")
        let inMemory = try #require(files.first { $0.path == "datapackage.json" })
        #expect(inMemory.spilled == nil)
        #expect(built == Data(inMemory.contents))
        // All allocations as JSON is spilled by a build too.
        let builtOpenData = try Data(contentsOf: output.appendingPathComponent("data/anslag.json"))
        let openDataInMemory = try #require(files.first { $0.path == "data/anslag.json" })
        #expect(openDataInMemory.spilled == nil)
        #expect(builtOpenData == Data(openDataInMemory.contents))
    }

    @Test func aSpilledOpenDataFileHasTheBytesOfOneHeldInMemory() throws {
        let folder = ContentFolder()
        let site = Pipeline.check(contentRoot: bundledContent)
        let content = try #require(site.content)
        let held = try OpenData.file(site, regions: content.regions, path: "data/anslag.json", spill: nil)
        let spilled = try OpenData.file(site, regions: content.regions, path: "data/anslag.json", spill: SpillFile(in: folder.root.path))
        #expect(held.spilled == nil && spilled.spilled != nil)
        #expect(try spilled.spilled!.bytes() == held.contents)
        #expect(held.contents == OpenData.json(site, regions: content.regions))
    }

    @Test func aSpilledDataPackageHasTheBytesOfOneHeldInMemory() throws {
        let folder = ContentFolder()
        let config = try #require(Pipeline.check(contentRoot: bundledContent).content?.config)
        var held = DataPackage.Writer(config: config, pages: 10)
        var spilled = DataPackage.Writer(config: config, pages: 10, spill: try SpillFile(in: folder.root.path))
        // Enough resources to pass the megabyte at which the spilled writer moves its bytes out, twice.
        for index in 0..<8_000 {
            try held.addPot(path: "data/a-\(index)/pott.csv", title: "Överenskommelse \(index): pott")
            try spilled.addPot(path: "data/a-\(index)/pott.csv", title: "Överenskommelse \(index): pott")
        }
        let inMemory = try held.finish(path: "datapackage.json"), onDisk = try spilled.finish(path: "datapackage.json")
        #expect(inMemory.spilled == nil)
        let spill = try #require(onDisk.spilled)
        #expect(spill.count > 2 << 20, "the resources no longer pass two megabytes; the test would check less")
        #expect(try onDisk.loaded().contents == inMemory.contents)
    }
}
