import CByteScan
import Foundation

/// Characters refused in every input: C0 controls other than tab and line feed (a carriage return
/// is read as a line end), DEL, C1 controls, and the non-characters U+FFFE and U+FFFF, none of
/// which XML, iCalendar or HTML can carry.
enum ControlCharacters {
    static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF
    }

    /// `U+0007`, the way a reader can look it up.
    static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

/// Bounds on every input file, so that a mistaken or hostile file fails fast with a clear message.
public enum InputLimits {
    /// Largest file read, in bytes.
    public static let maxFileBytes = 8 * 1024 * 1024
    /// Longest line, in characters (Unicode scalars).
    public static let maxLineLength = 10_000
}

/// A content file's text, decoded as UTF-8 with a leading byte-order mark and CR LF line ends accepted.
struct SourceText {
    let path: String
    let text: String

    /// Reads `relativePath` under `root`. A file reached through a symbolic link that leads out of
    /// `root`, a file over `InputLimits`, invalid UTF-8, control characters and (unless allowed)
    /// empty files are errors at their position.
    static func read(_ relativePath: String, root: URL, allowEmpty: Bool = false) throws -> SourceText {
        let url = root.appendingPathComponent(relativePath)
        func missing() -> Diagnostic {
            .error(.missingFile, at: .file(relativePath), "cannot read file '\(relativePath)'",
                   notes: ["expected a file at \(relativePath) under the content folder"])
        }
        let path = url.path
        guard access(path, R_OK) == 0 else { throw missing() }
        try ProjectPath.requireInside(url, root: root, shown: relativePath, folderName: "content")
        // The size is checked before reading, so a huge file is never loaded, and again while
        // reading, for a file that grows.
        var bytes: [UInt8]
        switch FileSystem.readRegularFile(path, limit: InputLimits.maxFileBytes) {
        case nil: throw missing()
        case .tooLarge(let size)?:
            throw Diagnostic.error(.fileTooLarge, at: .file(relativePath), "file is too large: \(size) bytes, the limit is \(InputLimits.maxFileBytes)",
                                   notes: ["is this the right file? content files are small text files"])
        case .bytes(let read)?: bytes = read
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            throw Diagnostic.error(.encoding, at: invalidUTF8Location(bytes, file: relativePath),
                                   "file is not valid UTF-8", notes: ["save the file as UTF-8 (in Excel: CSV UTF-8)"])
        }
        if bytes.contains(0x0D) {
            // CR LF and a lone CR become LF; removing ASCII bytes keeps the UTF-8 valid.
            var lines: [UInt8] = []
            lines.reserveCapacity(bytes.count)
            for (index, byte) in bytes.enumerated() where byte != 0x0D || index + 1 == bytes.count || bytes[index + 1] != 0x0A {
                lines.append(byte == 0x0D ? 0x0A : byte)
            }
            text = String(decoding: lines, as: UTF8.self)
        }
        try checkCharacters(text, file: relativePath)
        if !allowEmpty && text.allSatisfy(\.isWhitespace) {
            throw Diagnostic.error(.emptyFile, at: .file(relativePath), "file is empty")
        }
        return SourceText(path: relativePath, text: text)
    }

    /// Every control character (up to ten) and the first over-long line, each at its position.
    static func checkCharacters(_ text: String, file: String) throws {
        // Most files have none of the bytes a refused character starts with, and no line longer
        // in bytes than the limit in characters: then there is nothing to find, and the walk
        // by scalar below (thirty-five instructions a byte) is skipped.
        let clean = UTF8Bytes.with(text) { bytes -> Bool in
            guard let base = bytes.baseAddress else { return true }
            guard anslag_first_control_candidate(base, bytes.count, 0) == bytes.count else { return false }
            var lineStart = 0
            while lineStart < bytes.count {
                let rest = bytes.count - lineStart
                let end = memchr(base + lineStart, 0x0A, rest).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
                if end - lineStart > InputLimits.maxLineLength { return false }
                lineStart = end + 1
            }
            return true
        }
        if clean { return }
        try checkEachCharacter(text, file: file)
    }

    /// `checkCharacters` scalar by scalar: what it finds in every text (tested).
    static func checkEachCharacter(_ text: String, file: String) throws {
        var found: [Diagnostic] = []
        var line = 1, column = 1, controls = 0, longLine = false
        var text = text
        text.withUTF8 { bytes in
            // One step per Unicode scalar: its first byte (never a continuation byte 10xxxxxx).
            for index in bytes.indices where bytes[index] & 0xC0 != 0x80 {
                let byte = bytes[index]
                if byte == 0x0A {
                    line += 1
                    column = 1
                    continue
                }
                var refused: UInt32?
                if (byte < 0x20 && byte != 0x09) || byte == 0x7F {
                    refused = UInt32(byte)
                } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] <= 0x9F {
                    refused = UInt32(bytes[index + 1])  // U+0080 to U+009F: C2 80 to C2 9F
                } else if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                    refused = 0xFFC0 | UInt32(bytes[index + 2] & 0x3F)  // U+FFFE, U+FFFF: EF BF BE, EF BF BF
                }
                if let refused, let scalar = Unicode.Scalar(refused), ControlCharacters.isRefused(scalar) {
                    controls += 1
                    if controls <= 10 {
                        found.append(.error(.controlCharacter, at: SourceLocation(file: file, line: line, column: column),
                                            "the control character \(ControlCharacters.name(scalar)) is not allowed",
                                            notes: ["remove it; only tab and line breaks are allowed in content files"]))
                    }
                }
                if column == InputLimits.maxLineLength + 1 && !longLine {
                    longLine = true
                    found.append(.error(.lineTooLong, at: SourceLocation(file: file, line: line, column: column),
                                        "line \(line) is longer than \(InputLimits.maxLineLength) characters",
                                        notes: ["break the text over several lines"]))
                }
                column += 1
            }
        }
        if controls > 10 {
            found.append(.error(.controlCharacter, at: .file(file), "\(controls) control characters in all; is this a text file?"))
        }
        if found.count == 1 { throw found[0] }
        if !found.isEmpty { throw DiagnosticList(found) }
    }

    /// Whether `needle` occurs in `text`, compared byte by byte (no Unicode equivalence); with
    /// `atLineStart`, only at the start of the text or right after a line feed. A quick test before
    /// the slower line-by-line reading that finds where.
    static func contains(_ needle: String, in text: String, atLineStart: Bool = false) -> Bool {
        var needle = needle, text = text
        return needle.withUTF8 { pattern in text.withUTF8 { contains(pattern, in: $0, atLineStart: atLineStart) } }
    }

    /// `contains` on UTF-8 bytes, for a file not yet decoded as text.
    static func contains(_ pattern: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, atLineStart: Bool = false) -> Bool {
        guard let first = pattern.first else { return true }
        guard bytes.count >= pattern.count else { return false }
        var index = 0
        while index <= bytes.count - pattern.count {
            if bytes[index] == first, !atLineStart || index == 0 || bytes[index - 1] == 0x0A,
               UnsafeBufferPointer(rebasing: bytes[index..<index + pattern.count]).elementsEqual(pattern) {
                return true
            }
            index += 1
        }
        return false
    }

    /// The line and column of the first byte that is not valid UTF-8.
    private static func invalidUTF8Location(_ bytes: [UInt8], file: String) -> SourceLocation {
        var line = 1, column = 1, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            guard length > 0, index + length <= bytes.count,
                  String(validating: bytes[index..<index + length], as: UTF8.self) != nil else { break }
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
            index += length
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
