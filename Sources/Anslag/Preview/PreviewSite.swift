import Foundation

/// What the latest rebuild said, shown as a banner on top of every preview page.
public struct PreviewNotice: Sendable, Equatable {
    /// True when the rebuild failed, crashed or ran out of time (the last good site is shown).
    public var isFailure: Bool
    /// One Swedish sentence, e.g. "Bygget misslyckades (2 fel)."
    public var headline: String
    /// The error text: diagnostics as `file:line:column: severity: message`, or what the worker printed.
    public var details: [String]

    public init(isFailure: Bool, headline: String, details: [String]) {
        self.isFailure = isFailure
        self.headline = headline
        self.details = details
    }

    /// The notice for a build's diagnostics: errors make it a failure, warnings only a remark; nil when there are neither.
    public static func from(_ diagnostics: [Diagnostic], failed: Bool) -> PreviewNotice? {
        let shown = diagnostics.filter { $0.severity != .note }
        let errors = shown.filter { $0.severity == .error }.count
        let details = shown.map { d in "\(d.location): \(d.severity.rawValue): \(d.message)" + d.notes.map { "\n  note: \($0)" }.joined() }
        if failed {
            let headline = errors > 0 ? "Bygget misslyckades (\(errors) fel)." : "Bygget misslyckades (varningar räknas som fel med --strict)."
            return PreviewNotice(isFailure: true, headline: headline, details: details)
        }
        guard !shown.isEmpty else { return nil }
        return PreviewNotice(isFailure: false, headline: "Bygget lyckades med \(shown.count) \(shown.count == 1 ? "varning" : "varningar").", details: details)
    }
}

/// The site as `anslag serve` shows it: the last good build in memory, the latest build's
/// notice, and a version number the open page polls to reload itself.
public final class PreviewSite: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: [UInt8]] = [:]
    private var notice: PreviewNotice?
    private var built = false
    private var version = 0

    public init() {}

    /// Records a build: its files when it succeeded (nil keeps the last good site), its notice either way.
    public func update(files newFiles: [OutputFile]?, notice newNotice: PreviewNotice?) {
        lock.lock()
        defer { lock.unlock() }
        if let newFiles {
            files = Dictionary(newFiles.map { ($0.path, $0.contents) }, uniquingKeysWith: { a, _ in a })
            built = true
        }
        notice = newNotice
        version += 1
    }

    /// Records an incremental build: `changed` replaces or adds files, files not in `digests` are
    /// removed, and every other file in `digests` must already be here. Returns false, and changes
    /// nothing, when one is missing (the caller then asks for a full build).
    public func update(changed: [OutputFile], digests: [String: ContentDigest], notice newNotice: PreviewNotice?) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let changedPaths = Set(changed.map(\.path))
        guard built, changedPaths.isSubset(of: digests.keys),
              digests.keys.allSatisfy({ changedPaths.contains($0) || files[$0] != nil }) else { return false }
        files = files.filter { digests[$0.key] != nil }
        for file in changed { files[file.path] = file.contents }
        notice = newNotice
        version += 1
        return true
    }

    /// Every file of the last good build, by path (for tests and checks).
    public var currentFiles: [String: [UInt8]] {
        lock.lock()
        defer { lock.unlock() }
        return files
    }

    /// Records a build from its diagnostics: the files when it succeeded, the errors (or warnings) as the notice.
    public func update(files newFiles: [OutputFile]?, errors: [Diagnostic]) {
        update(files: newFiles, notice: .from(errors, failed: newFiles == nil))
    }

    /// How many builds have been recorded; the open page reloads when it changes.
    public var currentVersion: Int {
        lock.lock()
        defer { lock.unlock() }
        return version
    }

    /// The notice of the latest build, if any.
    public var currentNotice: PreviewNotice? {
        lock.lock()
        defer { lock.unlock() }
        return notice
    }

    /// A response to a request for `path`: status, content type and body.
    public func response(for requestPath: String) -> (status: Int, contentType: String, body: [UInt8]) {
        lock.lock()
        let (files, notice, built, version) = (self.files, self.notice, self.built, self.version)
        lock.unlock()
        var path = requestPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? "/"
        if path == "/__anslag/version" { return (200, "text/plain; charset=utf-8", Array(String(version).utf8)) }
        path = path.removingPercentEncoding ?? path
        if path.hasSuffix("/") { path += "index.html" }
        path = String(path.drop { $0 == "/" })
        guard built else {
            let status = notice == nil ? 503 : 500
            let title = notice == nil ? "Bygger webbplatsen …" : "Bygget misslyckades"
            return (status, "text/html; charset=utf-8", Array(page(title: title, notice: notice, version: version).utf8))
        }
        if let body = files[path] ?? files[path + "/index.html"] {
            let type = Self.contentType(files[path] == nil ? "index.html" : path)
            if type.hasPrefix("text/html") {
                return (200, type, inject(body, notice: notice, version: version))
            }
            return (200, type, body)
        }
        let notFound = files["404.html"].map { String(decoding: $0, as: UTF8.self) } ?? "<!DOCTYPE html><html lang=\"sv\"><title>404</title><body></body></html>"
        return (404, "text/html; charset=utf-8", inject(Array(notFound.utf8), notice: notice, version: version))
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "csv": return "text/csv; charset=utf-8"
        case "xml": return "application/xml"
        case "ics": return "text/calendar; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        default: return "text/plain; charset=utf-8"
        }
    }

    /// The page with the notice on top and the reload script at the end.
    /// The page with the notice (if any) after its `<body…>` tag and the reload script before its
    /// last `</body>`, worked on as bytes (pages are UTF-8; the markers are ASCII), since the
    /// preview answers this on every request.
    func inject(_ html: [UInt8], notice: PreviewNotice?, version: Int) -> [UInt8] {
        let banner = notice.map { Array(box($0).utf8) } ?? []
        let script = Array(reloadScript(version).utf8)
        var out = html
        out.reserveCapacity(html.count + banner.count + script.count)
        if !banner.isEmpty {
            // As the pattern <body[^>]*> finds it: the first "<body" and the next ">".
            if let body = Self.first(Array("<body".utf8), in: out), let close = out[body...].firstIndex(of: UInt8(ascii: ">")) {
                out.insert(contentsOf: banner, at: close + 1)
            } else {
                out.insert(contentsOf: banner, at: 0)
            }
        }
        if let end = Self.last(Array("</body>".utf8), in: out) { out.insert(contentsOf: script, at: end) } else { out += script }
        return out
    }

    static func first(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = 0
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    static func last(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = haystack.count - needle.count
        while index >= 0 {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index -= 1
        }
        return nil
    }

    func page(title: String, notice: PreviewNotice?, version: Int) -> String {
        "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>\(title)</title></head><body>"
            + (notice.map(box) ?? "<p>Bygger webbplatsen … Sidan laddas om när bygget är klart.</p>") + reloadScript(version) + "</body></html>"
    }

    func box(_ notice: PreviewNotice) -> String {
        let lines = notice.details.prefix(50).map(SwedishFormat.html).joined(separator: "\n")
        let more = notice.details.count > 50 ? "\n… och \(notice.details.count - 50) till (se terminalen)." : ""
        let (background, border, after) = notice.isFailure
            ? ("#fff0f0", "#b00020", " Senaste fungerande versionen visas. Rätta felet så laddas sidan om.")
            : ("#fff8e0", "#8a5a00", "")
        return """
        <div role="alert" id="anslag-preview-notice" style="background:\(background);border:4px solid \(border);color:#1b1b1b;padding:1rem;margin:0;font-family:monospace;white-space:pre-wrap;overflow-wrap:anywhere">\
        <strong>\(SwedishFormat.html(notice.headline))</strong>\(after)
        \(lines)\(more)</div>
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
        for folder in folders {
            for path in (FileManager.default.subpaths(atPath: folder.path) ?? []).sorted() {
                var info = stat()
                let full = folder.appendingPathComponent(path).path
                // A file that vanished between listing and stat still changes the fingerprint, by its marker.
                guard lstat(full, &info) == 0 else { result.append("\(full)|gone"); continue }
                #if canImport(Darwin)
                let modified = info.st_mtimespec
                #else
                let modified = info.st_mtim
                #endif
                result.append("\(full)|\(info.st_size)|\(modified.tv_sec).\(modified.tv_nsec)|\(info.st_ino)")
            }
        }
        return result
    }
}
