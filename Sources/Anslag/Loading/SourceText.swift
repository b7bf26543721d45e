import Foundation

/// A content file's text, decoded as UTF-8 with a leading byte-order mark and CR LF line ends accepted.
struct SourceText {
    let path: String
    let text: String

    /// Reads `relativePath` under `root`. Invalid UTF-8 and empty files are errors at their position.
    static func read(_ relativePath: String, root: URL, allowEmpty: Bool = false) throws -> SourceText {
        let url = root.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Diagnostic.error("missing-file", at: .file(relativePath), "cannot read file '\(relativePath)'",
                                   notes: ["expected a file at \(relativePath) under the content folder"])
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            throw Diagnostic.error("encoding", at: invalidUTF8Location(bytes, file: relativePath),
                                   "file is not valid UTF-8", notes: ["save the file as UTF-8 (in Excel: CSV UTF-8)"])
        }
        if text.contains("\r") {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        if !allowEmpty && text.allSatisfy(\.isWhitespace) {
            throw Diagnostic.error("empty-file", at: .file(relativePath), "file is empty")
        }
        return SourceText(path: relativePath, text: text)
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
