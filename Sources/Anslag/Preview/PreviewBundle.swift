import Foundation

/// What a preview worker hands back: whether the build failed, its diagnostics and, when it
/// succeeded, the rendered files: all of them, or (when `digests` is set) only those that changed
/// since the build whose digests the worker was given, with the digests of every file of the site.
/// Written to one file: a first line naming the format, a line with the JSON header's length, the
/// JSON header, the digests (as `PreviewDigests` lines, when there are any), then the file
/// contents back to back.
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

    static let magic = "anslag-preview-bundle 3\n"

    private struct Header: Codable {
        struct Entry: Codable { var path: String; var size: Int }
        struct Item: Codable { var severity: String; var id: String; var file: String; var line: Int; var column: Int; var message: String; var notes: [String] }
        var failed: Bool
        var diagnostics: [Item]
        var files: [Entry]
        /// The length of the digests block (`PreviewDigests` lines) after the header, or nil when there is none.
        var digestBytes: Int?
        var pages: Int
        var renderedPages: Int
    }

    /// The bundle as bytes.
    public func encoded() throws -> [UInt8] {
        var header = Header(
            failed: failed,
            diagnostics: diagnostics.map { .init(severity: $0.severity.rawValue, id: $0.id.rawValue, file: $0.location.file, line: $0.location.line,
                                                 column: $0.location.column, message: $0.message, notes: $0.notes) },
            files: files.map { .init(path: $0.path, size: $0.contents.count) },
            digestBytes: nil, pages: pages, renderedPages: renderedPages)
        let digestBlock = digests.map(PreviewDigests.encoded)
        header.digestBytes = digestBlock?.count
        let json = try JSONEncoder().encode(header)
        var out = Array(Self.magic.utf8) + Array("\(json.count)\n".utf8) + Array(json)
        out += digestBlock ?? []
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
        var digests: [String: ContentDigest]?
        if let size = header.digestBytes {
            guard size >= 0, size <= bytes.count - offset else { throw Malformed(description: "the result ends inside its digests") }
            do {
                digests = try PreviewDigests.decode(bytes[offset..<(offset + size)])
            } catch let malformed as Malformed {
                throw Malformed(description: "the result's digests: \(malformed.description)")
            }
            offset += size
        }
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
        return PreviewBundle(failed: header.failed, diagnostics: diagnostics, files: files, digests: digests,
                             pages: header.pages, renderedPages: header.renderedPages)
    }
}

/// The digests `serve` hands a worker: one line per file, `digest path`, sorted by path. Written
/// and read as bytes: a rebuild passes a thousand lines each way.
public enum PreviewDigests {
    /// The lines for `digests`.
    public static func encoded(_ digests: [String: ContentDigest]) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digests.count * 80)
        for (path, digest) in digests.sorted(by: { $0.key < $1.key }) {
            for word in [digest.high, digest.low] {
                for shift in stride(from: 60, through: 0, by: -4) { out.append(hex[Int((word >> UInt64(shift)) & 0xF)]) }
            }
            out.append(UInt8(ascii: " "))
            out += path.utf8
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// Reads what `encoded` writes; throws `PreviewBundle.Malformed` for anything else.
    public static func decode(_ bytes: [UInt8]) throws -> [String: ContentDigest] {
        try decode(bytes[...])
    }

    static func decode(_ bytes: ArraySlice<UInt8>) throws -> [String: ContentDigest] {
        var digests: [String: ContentDigest] = [:]
        var line = 0
        var start = bytes.startIndex
        while start < bytes.endIndex {
            line += 1
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            defer { start = end + 1 }
            if end == start { continue }
            func bad() -> PreviewBundle.Malformed {
                PreviewBundle.Malformed(description: "line \(line) of the previous digests is not 'digest path' with a new path")
            }
            guard end - start > 33, bytes[start + 32] == UInt8(ascii: " "),
                  let high = hexWord(bytes[start..<(start + 16)]), let low = hexWord(bytes[(start + 16)..<(start + 32)]) else { throw bad() }
            // The path as `String(decoding:)` gives it, as the text reading did.
            let path = String(decoding: bytes[(start + 33)..<end], as: UTF8.self)
            guard digests.updateValue(ContentDigest(high: high, low: low), forKey: path) == nil else { throw bad() }
        }
        return digests
    }

    /// Sixteen hexadecimal digits (either case), or nil.
    private static func hexWord(_ digits: ArraySlice<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        for digit in digits {
            let nibble: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = digit - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt64(nibble)
        }
        return value
    }
}
