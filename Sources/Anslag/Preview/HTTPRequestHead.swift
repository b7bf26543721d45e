/// The request line and headers of one HTTP/1.x request, as the preview server reads them.
public struct HTTPRequestHead: Sendable, Equatable {
    public var method: String
    /// The origin-form target, e.g. `/regioner/alfa/?x=1`.
    public var target: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    public var version: String
    /// Header names in lower case, values trimmed, in the order sent.
    public var headers: [(name: String, value: String)]

    /// The first value of a header, by its lower-case name.
    public func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }

    /// Whether the client asked to keep the connection open after this request.
    public var keepAlive: Bool {
        let connection = header("connection")?.lowercased() ?? ""
        return version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive")
    }

    public static func == (lhs: HTTPRequestHead, rhs: HTTPRequestHead) -> Bool {
        lhs.method == rhs.method && lhs.target == rhs.target && lhs.version == rhs.version
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}

/// Reads a request head from bytes as they arrive, in time linear in the bytes, refusing
/// anything longer than its limits before it has buffered more than the limit.
public struct HTTPHeadParser: Sendable {
    /// What the bytes so far amount to.
    public enum Result: Sendable, Equatable {
        /// Not a complete head yet.
        case incomplete
        /// A head; its bytes have been taken from the buffer, what follows stays for the next request.
        case head(HTTPRequestHead)
        /// A request that gets this status and a closed connection, with a reason for the body.
        case reject(status: Int, reason: String)
    }

    public let maxRequestLine: Int
    public let maxHead: Int
    private var buffer: [UInt8] = []
    /// Where the next search for a line end starts; bytes before it hold no unseen line end.
    private var scanned = 0
    /// Where the current line starts.
    private var lineStart = 0
    private var requestLine: Range<Int>?
    private var headerLines: [Range<Int>] = []
    private var emptyLinesBefore = 0

    /// - Parameters:
    ///   - maxRequestLine: the longest request line, with its line end.
    ///   - maxHead: the longest head (request line, headers and the blank line).
    public init(maxRequestLine: Int, maxHead: Int) {
        self.maxRequestLine = maxRequestLine
        self.maxHead = maxHead
    }

    /// True when no byte of a next request has arrived.
    public var isEmpty: Bool { buffer.isEmpty }

    /// Adds bytes read from the connection.
    public mutating func append(_ bytes: some Collection<UInt8>) { buffer.append(contentsOf: bytes) }

    /// Looks at the bytes not yet looked at; call after every `append`.
    public mutating func parse() -> Result {
        let newline = UInt8(ascii: "\n")
        while scanned < buffer.count {
            guard let end = buffer[scanned...].firstIndex(of: newline) else {
                scanned = buffer.count
                break
            }
            scanned = end + 1
            var line = lineStart..<end
            if line.upperBound > line.lowerBound, buffer[line.upperBound - 1] == UInt8(ascii: "\r") { line = line.lowerBound..<(line.upperBound - 1) }
            lineStart = end + 1
            if requestLine == nil {
                if end + 1 > maxRequestLine { return tooLongLine() }
                // RFC 9112 2.2: ignore empty lines before the request line.
                if line.isEmpty {
                    emptyLinesBefore += 1
                    if emptyLinesBefore > 4 { return .reject(status: 400, reason: "empty lines instead of a request line") }
                    buffer.removeFirst(end + 1); scanned = 0; lineStart = 0; continue
                }
                requestLine = line
            } else if line.isEmpty {
                let result = finish()
                buffer.removeFirst(end + 1)
                scanned = 0
                lineStart = 0
                requestLine = nil
                headerLines = []
                emptyLinesBefore = 0
                return result
            } else {
                headerLines.append(line)
            }
            if end + 1 > maxHead { return tooLongHead() }
        }
        if requestLine == nil, buffer.count > maxRequestLine { return tooLongLine() }
        if buffer.count > maxHead { return tooLongHead() }
        return .incomplete
    }

    private func tooLongLine() -> Result {
        .reject(status: 414, reason: "the request line is longer than \(maxRequestLine) bytes")
    }

    private func tooLongHead() -> Result {
        .reject(status: 431, reason: "the request head is longer than \(maxHead) bytes")
    }

    private func text(_ range: Range<Int>) -> String { String(decoding: buffer[range], as: UTF8.self) }

    private func finish() -> Result {
        guard let requestLine else { return .reject(status: 400, reason: "no request line") }
        let parts = buffer[requestLine].split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
            return .reject(status: 400, reason: "a request line is METHOD TARGET VERSION separated by single spaces")
        }
        let method = String(decoding: parts[0], as: UTF8.self)
        let target = String(decoding: parts[1], as: UTF8.self)
        let version = String(decoding: parts[2], as: UTF8.self)
        guard method.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            return .reject(status: 400, reason: "the method is not an upper-case token")
        }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .reject(status: 505, reason: "only HTTP/1.0 and HTTP/1.1 are served")
        }
        guard target.hasPrefix("/"), target.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .reject(status: 400, reason: "the target must be a path starting with / in printable ASCII")
        }
        var headers: [(name: String, value: String)] = []
        for line in headerLines {
            let first = buffer[line.lowerBound]
            if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { return .reject(status: 400, reason: "folded header lines are not accepted") }
            guard let colon = buffer[line].firstIndex(of: UInt8(ascii: ":")), colon > line.lowerBound else {
                return .reject(status: 400, reason: "a header line is NAME: VALUE")
            }
            let name = text(line.lowerBound..<colon)
            guard !name.contains(" "), !name.contains("\t") else { return .reject(status: 400, reason: "a header name has no spaces") }
            let value = text((colon + 1)..<line.upperBound).trimmingSpaceAndTab()
            headers.append((name.lowercased(), value))
        }
        return .head(HTTPRequestHead(method: method, target: target, version: version, headers: headers))
    }
}

private extension String {
    func trimmingSpaceAndTab() -> String {
        let scalars = Array(unicodeScalars)
        let skip: Set<Unicode.Scalar> = [" ", "\t"]
        var start = 0
        var end = scalars.count
        while start < end, skip.contains(scalars[start]) { start += 1 }
        while end > start, skip.contains(scalars[end - 1]) { end -= 1 }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}
