import Foundation

/// The site as `anslag serve` shows it: the last good build in memory, the latest build's
/// errors, and a version number the open page polls to reload itself.
public final class PreviewSite: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: [UInt8]] = [:]
    private var errors: [Diagnostic] = []
    private var version = 0

    public init() {}

    /// Records a build: its files when it succeeded, its errors either way.
    public func update(files newFiles: [OutputFile]?, errors newErrors: [Diagnostic]) {
        lock.lock()
        defer { lock.unlock() }
        if let newFiles { files = Dictionary(newFiles.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a }) }
        errors = newErrors
        version += 1
    }

    public var currentVersion: Int {
        lock.lock()
        defer { lock.unlock() }
        return version
    }

    /// A response to a request for `path`: status, content type and body.
    public func response(for requestPath: String) -> (status: Int, contentType: String, body: [UInt8]) {
        lock.lock()
        let (files, errors, version) = (self.files, self.errors, self.version)
        lock.unlock()
        if requestPath == "/__anslag/version" { return (200, "text/plain; charset=utf-8", Array(String(version).utf8)) }
        var path = requestPath.split(separator: "?").first.map(String.init) ?? "/"
        path = path.removingPercentEncoding ?? path
        if path.hasSuffix("/") { path += "index.html" }
        path = String(path.drop { $0 == "/" })
        if files.isEmpty {
            return (500, "text/html; charset=utf-8", Array(page(body: "", errors: errors, version: version).utf8))
        }
        if let body = files[path] ?? files[path + "/index.html"] {
            let type = Self.contentType(path.hasSuffix("/index.html") || files[path] == nil ? "x.html" : path)
            if type.hasPrefix("text/html") {
                return (200, type, Array(inject(String(decoding: body, as: UTF8.self), errors: errors, version: version).utf8))
            }
            return (200, type, body)
        }
        let notFound = files["404.html"].map { String(decoding: $0, as: UTF8.self) } ?? "<!DOCTYPE html><html lang=\"sv\"><title>404</title><body></body></html>"
        return (404, "text/html; charset=utf-8", Array(inject(notFound, errors: errors, version: version).utf8))
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "json": return "application/json"
        case "csv": return "text/csv; charset=utf-8"
        case "xml": return "application/xml"
        case "ics": return "text/calendar; charset=utf-8"
        case "svg": return "image/svg+xml"
        default: return "text/plain; charset=utf-8"
        }
    }

    /// The page with the build errors shown on top and the reload script at the end.
    func inject(_ html: String, errors: [Diagnostic], version: Int) -> String {
        let banner = errors.isEmpty ? "" : errorBox(errors)
        let script = reloadScript(version)
        var out = html
        if !banner.isEmpty, let body = out.range(of: "<body>") { out.insert(contentsOf: banner, at: body.upperBound) }
        if let end = out.range(of: "</body>", options: .backwards) { out.insert(contentsOf: script, at: end.lowerBound) } else { out += script }
        return out
    }

    func page(body: String, errors: [Diagnostic], version: Int) -> String {
        "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Bygget misslyckades</title></head><body>"
            + errorBox(errors) + body + reloadScript(version) + "</body></html>"
    }

    func errorBox(_ errors: [Diagnostic]) -> String {
        let lines = errors.prefix(50).map { d in
            SwedishFormat.html("\(d.location): \(d.severity.rawValue): \(d.message)" + d.notes.map { "\n  note: \($0)" }.joined())
        }.joined(separator: "\n")
        return """
        <div role="alert" style="background:#fff0f0;border:4px solid #b00020;color:#1b1b1b;padding:1rem;margin:0;font-family:monospace;white-space:pre-wrap">\
        <strong>Bygget misslyckades (\(errors.count) fel).</strong> Senaste fungerande versionen visas. Rätta felet så laddas sidan om.
        \(lines)</div>
        """
    }

    func reloadScript(_ version: Int) -> String {
        "<script>(function(){var v='\(version)';setInterval(function(){fetch('/__anslag/version',{cache:'no-store'}).then(function(r){return r.text()}).then(function(t){if(t!==v)location.reload()}).catch(function(){})},700)})();</script>"
    }
}

/// A cheap fingerprint of a folder tree (paths, sizes, modification times) to notice edits.
public enum FolderFingerprint {
    public static func of(_ folders: [URL]) -> [String] {
        var result: [String] = []
        let manager = FileManager.default
        for folder in folders {
            for path in (manager.subpaths(atPath: folder.path) ?? []).sorted() {
                let attributes = try? manager.attributesOfItem(atPath: folder.appendingPathComponent(path).path)
                let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
                let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                result.append("\(folder.path)/\(path)|\(size)|\(modified)")
            }
        }
        return result
    }
}
