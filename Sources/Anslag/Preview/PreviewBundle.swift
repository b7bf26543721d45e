import Foundation

/// What a preview worker hands back: whether the build failed, its diagnostics and, when it
/// succeeded, the rendered files. Written to one file: a first line naming the format, a line
/// with the JSON header's length, the JSON header, then the file contents back to back.
public struct PreviewBundle: Sendable {
    public var failed: Bool
    public var diagnostics: [Diagnostic]
    public var files: [OutputFile]

    public init(failed: Bool, diagnostics: [Diagnostic], files: [OutputFile]) {
        self.failed = failed
        self.diagnostics = diagnostics
        self.files = files
    }

    static let magic = "anslag-preview-bundle 1\n"

    private struct Header: Codable {
        struct Entry: Codable { var path: String; var size: Int }
        struct Item: Codable { var severity: String; var id: String; var file: String; var line: Int; var column: Int; var message: String; var notes: [String] }
        var failed: Bool
        var diagnostics: [Item]
        var files: [Entry]
    }

    /// The bundle as bytes.
    public func encoded() throws -> [UInt8] {
        let header = Header(
            failed: failed,
            diagnostics: diagnostics.map { .init(severity: $0.severity.rawValue, id: $0.id.rawValue, file: $0.location.file, line: $0.location.line,
                                                 column: $0.location.column, message: $0.message, notes: $0.notes) },
            files: files.map { .init(path: $0.path, size: $0.contents.count) })
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
        return PreviewBundle(failed: header.failed, diagnostics: diagnostics, files: files)
    }
}
