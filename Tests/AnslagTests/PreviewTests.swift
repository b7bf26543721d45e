import Foundation
import Testing
@testable import Anslag

/// The in-memory preview: last good site, notices on top, reload version.
@Suite struct PreviewTests {
    func files(_ title: String) -> [OutputFile] {
        [OutputFile(path: "index.html", contents: "<!DOCTYPE html><html lang=\"sv\"><head><title>\(title)</title></head><body class=\"x\"><p>\(title)</p></body></html>"),
         OutputFile(path: "regioner/alfa/index.html", contents: "<html><body>Alfa</body></html>"),
         OutputFile(path: "assets/style.css", contents: "body{}")]
    }

    func text(_ preview: PreviewSite, _ path: String) -> String { String(decoding: preview.response(for: path).body, as: UTF8.self) }

    @Test func servesTheLastGoodSiteWithTheErrorsOnTop() {
        let preview = PreviewSite()
        preview.update(files: files("Första"), errors: [])
        var page = text(preview, "/")
        #expect(page.contains("Första") && !page.contains("Bygget misslyckades") && page.contains("/__anslag/version"))
        #expect(preview.response(for: "/regioner/alfa/").status == 200)
        #expect(preview.response(for: "/regioner/alfa").status == 200)
        #expect(preview.response(for: "/assets/style.css").contentType.hasPrefix("text/css"))
        #expect(text(preview, "/assets/style.css") == "body{}")
        #expect(preview.response(for: "/finns-inte/").status == 404)

        let error = Diagnostic.error(.unknownRegion, at: SourceLocation(file: "agreements/x/inputs/b.csv", line: 20, column: 1),
                                     "unknown region or county <Betta>", notes: ["did you mean 'Beta'?"])
        preview.update(files: nil, errors: [error])
        page = text(preview, "/")
        #expect(page.contains("Första"))
        #expect(page.contains("<body class=\"x\"><div role=\"alert\""), "the notice opens the body")
        #expect(page.contains("Bygget misslyckades (1 fel)."))
        #expect(page.contains("agreements/x/inputs/b.csv:20:1: error: unknown region or county &lt;Betta&gt;"))
        #expect(page.contains("note: did you mean 'Beta'?"))
        #expect(text(preview, "/__anslag/version") == "2")
        #expect(text(preview, "/__anslag/version?t=1") == "2")

        preview.update(files: files("Andra"), errors: [])
        page = text(preview, "/")
        #expect(page.contains("Andra") && !page.contains("role=\"alert\""))
    }

    @Test func warningsAreARemarkNotAFailure() {
        let preview = PreviewSite()
        preview.update(files: files("Första"), errors: [Diagnostic(.warning, .statusNotApplicable, at: .file("site.yaml"), "status is old")])
        let page = text(preview, "/")
        #expect(page.contains("Bygget lyckades med 1 varning."))
        #expect(!page.contains("misslyckades"))
        #expect(page.contains("site.yaml:1:1: warning: status is old"))
    }

    @Test func noGoodBuildYetShowsOnlyTheErrors() {
        let preview = PreviewSite()
        #expect(preview.response(for: "/").status == 503)
        #expect(text(preview, "/").contains("Bygger webbplatsen"))
        preview.update(files: nil, errors: [.error(.yamlSyntax, at: .file("site.yaml"), "invalid YAML")])
        let response = preview.response(for: "/")
        #expect(response.status == 500)
        #expect(String(decoding: response.body, as: UTF8.self).contains("site.yaml:1:1: error: invalid YAML"))
    }

    @Test func aCrashIsShownWithItsSignalAndOutput() {
        let preview = PreviewSite()
        preview.update(files: files("Första"), errors: [])
        preview.update(files: nil, notice: PreviewBuildOutcome.crashed(signal: SIGILL, output: "Fatal error: overflow\n").notice)
        let page = text(preview, "/")
        #expect(page.contains("Första"))
        #expect(page.contains("Byggprocessen kraschade (signal \(SIGILL), \(PreviewWorker.signalName(SIGILL)))."))
        #expect(page.contains("Fatal error: overflow"))
    }
}

/// Reading request heads: limits enforced before the buffer outgrows them, in linear time.
@Suite struct HTTPHeadParserTests {
    func parse(_ chunks: [String], line: Int = 64, head: Int = 256) -> [HTTPHeadParser.Result] {
        var parser = HTTPHeadParser(maxRequestLine: line, maxHead: head)
        var results: [HTTPHeadParser.Result] = []
        for chunk in chunks {
            parser.append(Array(chunk.utf8))
            var result = parser.parse()
            while case .head = result {
                results.append(result)
                result = parser.parse()
            }
            if result != .incomplete { results.append(result); break }
        }
        return results
    }

    @Test func aHeadSplitAcrossReadsAndPipelinedRequests() {
        let results = parse(["GET /a?x=1 HT", "TP/1.1\r\nHost: local", "host:8080\r\nConnection:  close \r\n\r\nGET /b HTTP/1.0\n\n"])
        #expect(results.count == 2)
        guard case .head(let first) = results.first, case .head(let second) = results.last else { Issue.record("\(results)"); return }
        #expect(first.method == "GET" && first.target == "/a?x=1" && first.version == "HTTP/1.1")
        #expect(first.header("host") == "localhost:8080" && first.header("connection") == "close" && !first.keepAlive)
        #expect(second.target == "/b" && !second.keepAlive)
    }

    @Test func requestLineLimitIsExact() {
        let fits = "GET /" + String(repeating: "a", count: 64 - 16) + " HTTP/1.1\r\n"
        #expect(fits.utf8.count == 64)
        guard case .head = parse([fits + "\r\n"]).first else { Issue.record("a 64-byte line is within a 64-byte limit"); return }
        let over = "GET /" + String(repeating: "a", count: 64 - 16 + 1) + " HTTP/1.1\r\n\r\n"
        #expect(parse([over]).first == .reject(status: 414, reason: "the request line is longer than 64 bytes"))
        // Refused as soon as the buffer passes the limit, without waiting for a line end.
        #expect(parse([String(repeating: "a", count: 65)]).first == .reject(status: 414, reason: "the request line is longer than 64 bytes"))
    }

    @Test func headLimit() {
        let headers = String(repeating: "X-A: b\r\n", count: 40)
        guard case .reject(let status, _) = parse(["GET / HTTP/1.1\r\n", headers]).first else { Issue.record("no rejection"); return }
        #expect(status == 431)
    }

    @Test func malformedHeads() {
        func status(_ text: String) -> Int? {
            if case .reject(let status, _) = parse([text]).first { return status }
            return nil
        }
        #expect(status("GET  / HTTP/1.1\r\n\r\n") == 400)
        #expect(status("GET http://x/ HTTP/1.1\r\n\r\n") == 400)
        #expect(status("GET / HTTP/2.0\r\n\r\n") == 505)
        #expect(status("get / HTTP/1.1\r\n\r\n") == 400)
        #expect(status("GET / HTTP/1.1\r\nNoColon\r\n\r\n") == 400)
        #expect(status("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") == 400)
        #expect(status("\r\n\r\n\r\n\r\n\r\n\r\n") == 400)
    }

    /// A 16 MB request line arriving in 16 kB reads: rejected after the first reads, without scanning the rest.
    @Test func largeInputIsRefusedQuickly() {
        var parser = HTTPHeadParser(maxRequestLine: 8 * 1024, maxHead: 32 * 1024)
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 16 * 1024)
        let clock = ContinuousClock()
        let start = clock.now
        var reads = 0
        var result = HTTPHeadParser.Result.incomplete
        parser.append(Array("GET /".utf8))
        while result == .incomplete && reads < 1024 {
            parser.append(chunk)
            reads += 1
            result = parser.parse()
        }
        #expect(reads == 1)
        guard case .reject(414, _) = result else { Issue.record("\(result)"); return }
        #expect(clock.now - start < .milliseconds(100))
    }
}

/// The worker's result file.
@Suite struct PreviewBundleTests {
    @Test func roundTrip() throws {
        let bundle = PreviewBundle(
            failed: false,
            diagnostics: [Diagnostic(.warning, .statusNotApplicable, at: SourceLocation(file: "a.yaml", line: 3, column: 7), "ö", notes: ["n1", "n2"])],
            files: [OutputFile(path: "index.html", contents: "<p>å</p>"), OutputFile(path: "empty.txt", bytes: []), OutputFile(path: "b.bin", bytes: [0, 255, 10])])
        let back = try PreviewBundle.decode(bundle.encoded())
        #expect(back.failed == false)
        #expect(back.diagnostics == bundle.diagnostics)
        #expect(back.files.map(\.path) == ["index.html", "empty.txt", "b.bin"])
        #expect(back.files.map(\.contents) == bundle.files.map(\.contents))
    }

    @Test func truncatedOrPaddedIsRefused() throws {
        let bytes = try PreviewBundle(failed: true, diagnostics: [], files: [OutputFile(path: "a", contents: "abc")]).encoded()
        #expect(throws: PreviewBundle.Malformed.self) { try PreviewBundle.decode(Array(bytes.dropLast())) }
        #expect(throws: PreviewBundle.Malformed.self) { try PreviewBundle.decode(bytes + [0]) }
        #expect(throws: PreviewBundle.Malformed.self) { try PreviewBundle.decode(Array("hello".utf8)) }
    }
}
