import ArgumentParser
import Anslag
import FlyingFox
import Foundation

/// `anslag serve`: a preview on 127.0.0.1 that rebuilds when content or templates change.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Preview the site on 127.0.0.1, rebuilding on every change.")

    @OptionGroup var options: ProjectOptions

    @Option(help: "The port to listen on (127.0.0.1 only).")
    var port: Int = 8080

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535, found \(port)") }
    }

    func run() throws {
        let preview = PreviewSite()
        let paths = try options.project()
        let folders = [paths.content, paths.templates]
        rebuild(preview, paths: paths)
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: UInt16(port))
        let server = HTTPServer(address: address, handler: PreviewHandler(site: preview))
        let task = Task { try await server.run() }
        Output.info("serving on http://127.0.0.1:\(port)/ — rebuilding when \(ProjectPaths.display(paths.content))/ or \(ProjectPaths.display(paths.templates))/ change; Ctrl-C stops")
        var fingerprint = FolderFingerprint.of(folders)
        while !task.isCancelled {
            Thread.sleep(forTimeInterval: 0.4)
            let now = FolderFingerprint.of(folders)
            if now != fingerprint {
                fingerprint = now
                rebuild(preview, paths: paths)
            }
        }
    }

    func rebuild(_ preview: PreviewSite, paths: ProjectPaths) {
        let session = Session(options: options, paths: paths)
        let (site, files, failed) = session.checkAndRender()
        preview.update(files: failed ? nil : files, errors: site.diagnostics.all.filter { $0.severity != .note })
        let pages = files.filter { $0.path.hasSuffix(".html") }.count
        Output.info(failed ? "build failed: \(site.diagnostics.errors.count) errors; showing the last good site with the errors on top"
                           : "built \(pages) pages in \(session.milliseconds(since: session.start)) ms")
    }
}

/// Answers every request from the in-memory preview.
struct PreviewHandler: HTTPHandler {
    let site: PreviewSite

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (status, type, body) = site.response(for: request.path)
        return HTTPResponse(statusCode: HTTPStatusCode(status, phrase: status == 200 ? "OK" : status == 404 ? "Not Found" : "Internal Server Error"),
                            headers: [.contentType: type, .cacheControl: "no-store"], body: Data(body))
    }
}
