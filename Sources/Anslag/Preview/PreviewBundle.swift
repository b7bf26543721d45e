import Foundation

/// What a preview worker hands back: whether the build failed, its diagnostics and, when it
/// succeeded, the rendered files: all of them, or (when `digests` is set) only those that changed
/// since the build whose digests the worker was given, with the digests of every file of the site. Written to one file: a first line naming the format, a line
/// with the JSON header's length, the JSON header, then the file contents back to back.
public struct PreviewBundle: Sendable {
    public var failed: Bool
    public var diagnostics: [Diagnostic]
    public var files: [OutputFile]
    /// For an incremental build: every file of the site and its digest. A file listed here but
    /// not in `files` is unchanged; a file not listed is gone. Nil: `files` is the whole site.
    public var digests: [String: ContentDigest]?
    /// How many pages the site has, and how many of them were rendered for this bundle.
    public var pages: Int
    public var renderedPages: Int

    public init(failed: Bool, diagnostics: [Diagnostic], files: [OutputFile],
                digests: [String: ContentDigest]? = nil, pages: Int? = nil, renderedPages: Int? = nil) {
        self.failed = failed
        self.diagnostics = diagnostics
        self.files = files
        self.digests = digests
        let htmlFiles = files.filter { $0.path.hasSuffix(".html") }.count
        self.pages = pages ?? htmlFiles
        self.renderedPages = renderedPages ?? htmlFiles
    }

    static let magic = "anslag-preview-bundle 2\n"

    private struct Header: Codable {
        struct Entry: Codable { var path: String; var size: Int }
        struct Item: Codable { var severity: String; var id: String; var file: String; var line: Int; var column: Int; var message: String; var notes: [String] }
        var failed: Bool
        var diagnostics: [Item]
        var files: [Entry]
        /// Path to digest (32 hex digits), sorted by path, or nil.
        var digests: [[String]]?
        var pages: Int
        var renderedPages: Int
    }

    /// The bundle as bytes.
    public func encoded() throws -> [UInt8] {
        let header = Header(
            failed: failed,
            diagnostics: diagnostics.map { .init(severity: $0.severity.rawValue, id: $0.id.rawValue, file: $0.location.file, line: $0.location.line,
                                                 column: $0.location.column, message: $0.message, notes: $0.notes) },
            files: files.map { .init(path: $0.path, size: $0.contents.count) },
            digests: digests.map { $0.sorted { $0.key < $1.key }.map { [$0.key, $0.value.description] } },
            pages: pages, renderedPages: renderedPages)
        let json = try JSONEncoder().encode(header)
        var out = Array(Self.magic.utf8) + Array("\(json.count)\n".utf8) + Array(json)
        for file in files { out += file.contents }
        return out
    }

    /// Why a bundle could not be read back.
    public struct Malformed: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads a bundle written by `encoded()`; throws `Malformed` for anything else.
    public static func decode(_ bytes: [UInt8]) throws -> PreviewBundle {
        let magic = Array(Self.magic.utf8)
        guard bytes.starts(with: magic) else { throw Malformed(description: "the result does not start with '\(Self.magic.dropLast())'") }
        guard let newline = bytes[magic.count...].firstIndex(of: UInt8(ascii: "\n")),
              let length = Int(String(decoding: bytes[magic.count..<newline], as: UTF8.self)),
              length >= 0, newline + 1 + length <= bytes.count else {
            throw Malformed(description: "the result's header length is missing or too large")
        }
        let header = try JSONDecoder().decode(Header.self, from: Data(bytes[(newline + 1)..<(newline + 1 + length)]))
        var offset = newline + 1 + length
        var files: [OutputFile] = []
        for entry in header.files {
            guard entry.size >= 0, entry.size <= bytes.count - offset else { throw Malformed(description: "the result ends inside \(entry.path)") }
            files.append(OutputFile(path: entry.path, bytes: Array(bytes[offset..<(offset + entry.size)])))
            offset += entry.size
        }
        guard offset == bytes.count else { throw Malformed(description: "the result has \(bytes.count - offset) bytes after its last file") }
        let diagnostics = try header.diagnostics.map { item -> Diagnostic in
            guard let severity = Severity(rawValue: item.severity) else { throw Malformed(description: "unknown severity '\(item.severity)'") }
            guard let id = DiagnosticID(rawValue: item.id) else { throw Malformed(description: "unknown diagnostic id '\(item.id)'") }
            return Diagnostic(severity, id, at: SourceLocation(file: item.file, line: item.line, column: item.column), item.message, notes: item.notes)
        }
        var digests: [String: ContentDigest]?
        if let pairs = header.digests {
            var table: [String: ContentDigest] = [:]
            for pair in pairs {
                guard pair.count == 2, let digest = ContentDigest(hex: pair[1]), table.updateValue(digest, forKey: pair[0]) == nil else {
                    throw Malformed(description: "the result's digest entry \(pair) is not a path with a digest of 32 hexadecimal digits, once")
                }
                table[pair[0]] = digest
            }
            digests = table
        }
        return PreviewBundle(failed: header.failed, diagnostics: diagnostics, files: files, digests: digests,
                             pages: header.pages, renderedPages: header.renderedPages)
    }
}

/// The digests `serve` hands a worker: one line per file, `digest path`, sorted by path.
public enum PreviewDigests {
    /// The lines for `digests`.
    public static func encoded(_ digests: [String: ContentDigest]) -> [UInt8] {
        Array(digests.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)\n" }.joined().utf8)
    }

    /// Reads what `encoded` writes; throws `PreviewBundle.Malformed` for anything else.
    public static func decode(_ bytes: [UInt8]) throws -> [String: ContentDigest] {
        var digests: [String: ContentDigest] = [:]
        for (index, line) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty { continue }
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let digest = ContentDigest(hex: String(parts[0])), digests.updateValue(digest, forKey: String(parts[1])) == nil else {
                throw PreviewBundle.Malformed(description: "line \(index + 1) of the previous digests is not 'digest path' with a new path")
            }
        }
        return digests
    }
}
