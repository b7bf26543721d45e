import Foundation
import Testing
@testable import Anslag

/// `docs/guide.md` works as written: its commands run, in order, on a copy of the project.
///
/// Each fenced block is read with the marker on the line before it: `<!-- fil: PATH -->` writes
/// the block to PATH; `<!-- körs inte i testet -->` skips it; an `sh` block is run with
/// `bash -e` (every command must succeed) with the anslag binary first on PATH, and after
/// `<!-- förväntat: misslyckas -->` it must fail instead.
@Suite struct GuideTests {
    struct Block {
        var language: String
        var marker: String?
        var text: String
        var line: Int
    }

    static func blocks(_ markdown: String) -> [Block] {
        var blocks: [Block] = []
        let lines = markdown.components(separatedBy: "\n")
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard line.hasPrefix("```"), line.count > 3 else { index += 1; continue }
            let previous = index > 0 ? lines[index - 1].trimmingCharacters(in: .whitespaces) : ""
            let marker = previous.hasPrefix("<!--") ? previous : nil
            var body: [String] = []
            var end = index + 1
            while end < lines.count, lines[end] != "```" { body.append(lines[end]); end += 1 }
            blocks.append(Block(language: String(line.dropFirst(3)), marker: marker, text: body.joined(separator: "\n") + "\n", line: index + 1))
            index = end + 1
        }
        return blocks
    }

    @Test func everyCommandInTheGuideWorksAsWritten() throws {
        let guide = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/guide.md"), encoding: .utf8)
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("anslag-guide-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: project) }
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: bundledContent, to: project.appendingPathComponent("Content"))
        try FileManager.default.copyItem(at: URL(fileURLWithPath: templatesPath), to: project.appendingPathComponent("Templates"))
        let preview = FileManager.default.temporaryDirectory.appendingPathComponent("anslag-utkast")
        defer { try? FileManager.default.removeItem(at: preview) }

        var ran = 0, written = 0, failedAsExpected = 0
        for block in Self.blocks(guide) {
            let marker = block.marker ?? ""
            if marker.contains("körs inte i testet") { continue }
            if marker.hasPrefix("<!-- fil:") {
                let path = marker.dropFirst("<!-- fil:".count).replacingOccurrences(of: "-->", with: "").trimmingCharacters(in: .whitespaces)
                let url = project.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try block.text.write(to: url, atomically: true, encoding: .utf8)
                written += 1
                continue
            }
            guard block.language == "sh" else { continue }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-e", "-c", block.text]
            process.currentDirectoryURL = project
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = anslagBinary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            environment["NO_COLOR"] = "1"
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let expectFailure = marker.contains("förväntat: misslyckas")
            if expectFailure {
                #expect(process.terminationStatus != 0, "docs/guide.md:\(block.line): expected to fail:\n\(block.text)\(text)")
                failedAsExpected += 1
            } else {
                #expect(process.terminationStatus == 0, "docs/guide.md:\(block.line): failed:\n\(block.text)\(text.suffix(3000))")
            }
            // A command the guide writes must exist as written: never a usage error.
            #expect(!text.contains("Usage:") && !text.contains("Unknown option") && !text.contains("command not found"),
                    "docs/guide.md:\(block.line):\n\(text.suffix(2000))")
            ran += 1
        }
        #expect(ran >= 8 && written >= 3 && failedAsExpected == 1, "ran \(ran), wrote \(written), failed as expected \(failedAsExpected)")
        // Where the guide leaves the editor: the exercise published, next year's draft left out.
        let output = project.appendingPathComponent("Output")
        let page = try String(contentsOf: output.appendingPathComponent("overenskommelser/2025-ovning/index.html"), encoding: .utf8)
        #expect(!page.contains("draft-banner"))
        #expect(page.contains("Så fördelas övningens medel"))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("overenskommelser/2025-god-och-nara-vard").path))
        let status = try String(contentsOf: output.appendingPathComponent("regioner/jamtland-harjedalen/krav/2025-ovning/index.html"), encoding: .utf8)
        #expect(status.contains("Övning, dnr RS/0000/2025"))
    }
}
