import Foundation
import Testing
@testable import Anslag

/// The staging folder refuses a site whose files and folders collide, whichever comes first,
/// and however many files share a folder before the collision.
@Suite struct StagingTests {
    func staging(_ folder: ContentFolder) throws -> Staging {
        let root = folder.root.appendingPathComponent("staging")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return Staging(root: root)
    }

    func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test func aFileWhereAFolderOfTheSiteIsIsRefused() throws {
        let folder = ContentFolder()
        let s = try staging(folder)
        try s.write(OutputFile(path: "regioner/alfa/2024/index.html", contents: "a"))
        // Files beside it reuse the folders checked for the first one.
        try s.write(OutputFile(path: "regioner/alfa/2024/medel.csv", contents: "b"))
        try s.write(OutputFile(path: "regioner/alfa/index.html", contents: "c"))
        for path in ["regioner/alfa/2024", "regioner/alfa", "regioner"] {
            let text = message { try s.write(OutputFile(path: path, contents: "x")) }
            #expect(text?.contains("a folder of the site has that path") == true, "\(path): \(text ?? "written")")
        }
    }

    @Test func aFolderWhereAFileOfTheSiteIsIsRefused() throws {
        let folder = ContentFolder()
        let s = try staging(folder)
        try s.write(OutputFile(path: "regioner/alfa/index.html", contents: "a"))
        try s.write(OutputFile(path: "regioner/beta", contents: "b"))
        // A new folder under the file, below folders already checked for other files.
        let text = message { try s.write(OutputFile(path: "regioner/beta/2024/index.html", contents: "c")) }
        #expect(text?.contains("cannot create folder") == true && text?.contains("a file of the site has that path") == true, "\(text ?? "written")")
        // The same file twice is refused too.
        let twice = message { try s.write(OutputFile(path: "regioner/alfa/index.html", contents: "a")) }
        #expect(twice?.contains("twice in one build") == true)
    }

    @Test func pathsThatCouldLeaveTheFolderAreRefusedAndOthersLandInTheirFolders() throws {
        let folder = ContentFolder()
        let s = try staging(folder)
        for path in ["../x.html", "a/../../x.html", "./x.html", "a/./x.html", "a//x.html", "/x.html", "", "a/", "..", "a/.."] {
            let text = message { try s.write(OutputFile(path: path, contents: "x")) }
            #expect(text?.contains("outside the output folder") == true, "\(path): \(text ?? "written")")
        }
        // Dots inside a name are fine; a file at the top has no folder to make.
        for path in ["index.html", "a/b.c/..d/x.html", "a/b.c/..d/y.csv", "a/z.json", "...x/y"] {
            try s.write(OutputFile(path: path, contents: path))
            let written = try String(contentsOf: s.root.appendingPathComponent(path), encoding: .utf8)
            #expect(written == path)
        }
    }
}
