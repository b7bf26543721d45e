import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much a client may send and how long it may take; the preview server enforces each.
public struct PreviewServerLimits: Sendable {
    /// The longest request line, with its line end (414 beyond it).
    public var maxRequestLine = 8 * 1024
    /// The longest request head: request line, headers and blank line (431 beyond it).
    public var maxHead = 32 * 1024
    /// From the first byte of a request to the end of its head (408 after it).
    public var readTimeout: Duration = .seconds(10)
    /// How long a connection may wait for a request's first byte before it is closed.
    public var idleTimeout: Duration = .seconds(5)
    /// How long writing a response may block on a client that does not read.
    public var writeTimeout: Duration = .seconds(10)
    /// Connections served at once; beyond it the longest-waiting idle one is closed to make room.
    public var maxConnections = 64

    public init() {}
}

/// Why the preview server could not start.
public enum PreviewServerError: Error, CustomStringConvertible {
    case portInUse(UInt16)
    case system(call: String, code: Int32)

    public var description: String {
        switch self {
        case .portInUse(let port):
            return "port \(port) on 127.0.0.1 is already in use; stop the program using it or choose another port with --port"
        case .system(let call, let code):
            return "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}

/// What the server sends back for a request.
public struct PreviewResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]

    public init(status: Int, contentType: String, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

/// A small HTTP/1.1 server on 127.0.0.1 for the preview: GET and HEAD only, every input bounded.
///
/// One thread accepts; each connection has its own thread, blocked in `poll` with a deadline, so a
/// slow or silent client costs one thread until its timeout and never delays another. When
/// `maxConnections` are open, the connection that has waited longest for a request is shut down
/// to make room, so idle connections cannot lock a browser out.
public final class PreviewServer: @unchecked Sendable {
    /// The port it listens on (the one the system chose when asked for port 0).
    public let port: UInt16
    public let limits: PreviewServerLimits
    private let listener: Int32
    private let handler: @Sendable (HTTPRequestHead) -> PreviewResponse
    private let log: (@Sendable (String) -> Void)?
    private let lock = NSLock()
    /// Open connections: whether each is waiting for a request (evictable) and since when.
    private var connections: [Int32: (waiting: Bool, since: ContinuousClock.Instant, evicted: Bool)] = [:]
    private var stopped = false
    private var started = false
    private let acceptorDone = DispatchSemaphore(value: 0)

    /// Binds 127.0.0.1:`port` and listens; throws `portInUse` when another program has it. Serve with `start()`.
    public init(port: UInt16, limits: PreviewServerLimits = PreviewServerLimits(),
                log: (@Sendable (String) -> Void)? = nil, handler: @escaping @Sendable (HTTPRequestHead) -> PreviewResponse) throws {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw PreviewServerError.system(call: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw code == EADDRINUSE ? PreviewServerError.portInUse(port) : PreviewServerError.system(call: "bind 127.0.0.1:\(port)", code: code)
        }
        guard listen(fd, 128) == 0 else {
            let code = errno
            close(fd)
            throw code == EADDRINUSE ? PreviewServerError.portInUse(port) : PreviewServerError.system(call: "listen", code: code)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = UInt16(bigEndian: actual.sin_port)
        self.listener = fd
        self.limits = limits
        self.log = log
        self.handler = handler
    }

    /// Starts accepting connections on a thread of its own.
    public func start() {
        lock.lock()
        started = true
        lock.unlock()
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "preview-accept"
        thread.start()
    }

    /// Stops accepting, shuts every open connection and waits for the acceptor to finish.
    public func stop() {
        lock.lock()
        if stopped { lock.unlock(); return }
        stopped = true
        let accepting = started
        for fd in connections.keys { shutdown(fd, Int32(SHUT_RDWR)) }
        lock.unlock()
        shutdown(listener, Int32(SHUT_RDWR))
        if accepting { _ = acceptorDone.wait(timeout: .now() + 2) }
        close(listener)
    }

    /// How many connections are open now (for tests and `--verbose`).
    public var openConnections: Int {
        lock.lock()
        defer { lock.unlock() }
        return connections.count
    }

    // MARK: - Accepting

    private func acceptLoop() {
        defer { acceptorDone.signal() }
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                let code = errno
                lock.lock()
                let done = stopped
                lock.unlock()
                if done { return }
                // Out of descriptors or a connection reset before accept: wait a moment and go on; the listener stays.
                if code == EMFILE || code == ENFILE || code == ENOBUFS || code == ENOMEM { usleep(50_000) }
                if code != EINTR && code != ECONNABORTED && code != EMFILE && code != ENFILE && code != ENOBUFS && code != ENOMEM && code != EPROTO {
                    log?("accept failed: \(String(cString: strerror(code)))")
                    usleep(10_000)
                }
                continue
            }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            guard admit(fd) else {
                transmit(fd, response(503, reason: "too many open connections", keepAlive: false), timeout: .milliseconds(100))
                close(fd)
                continue
            }
            let thread = Thread { [self] in serve(fd) }
            thread.name = "preview-connection"
            thread.start()
        }
    }

    /// Registers a new connection, shutting down the longest-waiting idle one when at the limit.
    /// Refuses only when every slot is busy writing a response, or twice the limit are still closing.
    private func admit(_ fd: Int32) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if stopped { return false }
        let live = connections.values.filter { !$0.evicted }.count
        if live >= limits.maxConnections {
            let oldest = connections.filter { $0.value.waiting && !$0.value.evicted }.min { $0.value.since < $1.value.since }
            guard let oldest, connections.count < 2 * limits.maxConnections else { return false }
            connections[oldest.key]?.evicted = true
            shutdown(oldest.key, Int32(SHUT_RDWR))
        }
        connections[fd] = (waiting: true, since: ContinuousClock.now, evicted: false)
        return true
    }

    private func setWaiting(_ fd: Int32, _ waiting: Bool) {
        lock.lock()
        connections[fd]?.waiting = waiting
        connections[fd]?.since = ContinuousClock.now
        lock.unlock()
    }

    // MARK: - One connection

    private func serve(_ fd: Int32) {
        defer {
            lock.lock()
            connections[fd] = nil
            lock.unlock()
            close(fd)
        }
        var parser = HTTPHeadParser(maxRequestLine: limits.maxRequestLine, maxHead: limits.maxHead)
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            // Wait for a whole head: idle timeout until its first byte, read timeout from then on.
            var deadline = ContinuousClock.now + (parser.isEmpty ? limits.idleTimeout : limits.readTimeout)
            var result = parser.isEmpty ? .incomplete : parser.parse()
            while result == .incomplete {
                let wasEmpty = parser.isEmpty
                guard awaitReadable(fd, until: deadline) else {
                    if !parser.isEmpty { transmit(fd, response(408, reason: "the request head did not arrive within the read timeout", keepAlive: false), timeout: .milliseconds(200)) }
                    return
                }
                let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return }
                parser.append(chunk[0..<count])
                if wasEmpty { deadline = ContinuousClock.now + limits.readTimeout }
                result = parser.parse()
            }
            setWaiting(fd, false)
            let started = ContinuousClock.now
            let (status, bytes, keepAlive, target) = answer(result)
            let sent = transmit(fd, bytes, timeout: limits.writeTimeout)
            if let log {
                let elapsed = ContinuousClock.now - started
                let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                log("\(target) \(status) \(bytes.count) B \(String(format: "%.1f", ms)) ms")
            }
            guard sent, keepAlive else {
                if sent { lingeringClose(fd) }
                return
            }
            setWaiting(fd, true)
        }
    }

    /// The bytes to send for a parsed head or a rejection, whether to keep the connection, and a log label.
    private func answer(_ result: HTTPHeadParser.Result) -> (status: Int, bytes: [UInt8], keepAlive: Bool, label: String) {
        switch result {
        case .incomplete:
            return (400, response(400, reason: "incomplete request", keepAlive: false), false, "-")
        case .reject(let status, let reason):
            return (status, response(status, reason: reason, keepAlive: false), false, "(rejected: \(reason))")
        case .head(let head):
            let label = "\(head.method) \(head.target.prefix(200))"
            guard head.method == "GET" || head.method == "HEAD" else {
                return (405, response(405, reason: "only GET and HEAD are served", keepAlive: false, extra: "Allow: GET, HEAD\r\n"), false, label)
            }
            if head.header("transfer-encoding") != nil || (head.header("content-length").map { $0 != "0" } ?? false) {
                return (413, response(413, reason: "a GET or HEAD request has no body here", keepAlive: false), false, label)
            }
            if let host = head.header("host"), !allowedHost(host) {
                return (421, response(421, reason: "this server answers only for 127.0.0.1:\(port) and localhost:\(port)", keepAlive: false), false, label)
            }
            let page = handler(head)
            let keepAlive = head.keepAlive
            var bytes = Array(header(page.status, type: page.contentType, length: page.body.count, keepAlive: keepAlive).utf8)
            if head.method == "GET" { bytes += page.body }
            return (page.status, bytes, keepAlive, label)
        }
    }

    /// The Host header must name this server, so a page on another site cannot read the preview through DNS rebinding.
    private func allowedHost(_ host: String) -> Bool {
        let names = ["127.0.0.1", "localhost"]
        return names.contains(host.lowercased()) && port == 80 || names.map { "\($0):\(port)" }.contains(host.lowercased())
    }

    private func response(_ status: Int, reason: String, keepAlive: Bool, extra: String = "") -> [UInt8] {
        let body = "\(status) \(Self.phrase(status)): \(reason)\n"
        return Array((header(status, type: "text/plain; charset=utf-8", length: body.utf8.count, keepAlive: keepAlive, extra: extra) + body).utf8)
    }

    private func header(_ status: Int, type: String, length: Int, keepAlive: Bool, extra: String = "") -> String {
        "HTTP/1.1 \(status) \(Self.phrase(status))\r\nContent-Type: \(type)\r\nContent-Length: \(length)\r\n"
            + "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: \(keepAlive ? "keep-alive" : "close")\r\n\(extra)\r\n"
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 421: return "Misdirected Request"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status"
        }
    }

    // MARK: - Socket I/O with deadlines

    /// Before closing, ends our side and reads what the client is still sending for a moment (at most
    /// 0.5 s and 4 MB), so closing with unread data does not reset the connection before the client
    /// has read the answer (a refused head, or a POST body).
    private func lingeringClose(_ fd: Int32) {
        shutdown(fd, Int32(SHUT_WR))
        let deadline = ContinuousClock.now + .milliseconds(500)
        var discarded = 0
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while discarded < 4 * 1024 * 1024, awaitReadable(fd, until: deadline) {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            discarded += count
        }
    }

    /// Waits until `fd` is readable (or closed); false at the deadline.
    private func awaitReadable(_ fd: Int32, until deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return false }
            let ms = Int32(min(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1, 60_000))
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, ms)
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return true }  // let recv report the error
        }
    }

    /// Writes all of `bytes`, giving up at the timeout; false when the client is gone or too slow.
    @discardableResult
    private func transmit(_ fd: Int32, _ bytes: [UInt8], timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        var offset = 0
        while offset < bytes.count {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return false }
            var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let ms = Int32(min(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1, 60_000))
            let ready = poll(&entry, 1, ms)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return false }
            #if canImport(Glibc)
            let flags = Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT)
            #else
            let flags = Int32(MSG_DONTWAIT)
            #endif
            let written = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, flags) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { continue }
                return false
            }
            offset += written
        }
        return true
    }
}
