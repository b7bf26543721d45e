import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A worker process that stays alive between rebuilds (`preview-worker --requests`): each
/// rebuild is one request line on its standard input and one reply line on its standard output,
/// so a rebuild pays neither for starting a process nor for loading what did not change.
///
/// The isolation is that of a fresh worker per rebuild: a worker that dies by a signal, exits,
/// answers with something unreadable or runs past the time limit is reported exactly as
/// `PreviewWorker.run` reports it, it is killed, and the next rebuild starts a fresh one.
final class PreviewWorkerProcess {
    let worker: PreviewWorker
    private let process: Process
    private let requests: Int32
    private let replies: Int32
    private let collector: OutputCollector
    private var pending: [UInt8] = []
    private(set) var isAlive = true

    /// A worker started, or the outcome to report when it could not be.
    enum Start {
        case running(PreviewWorkerProcess)
        case failed(PreviewBuildOutcome)
    }

    /// Starts a worker, or says why it could not.
    static func start(_ worker: PreviewWorker) -> Start {
        // A request written to a worker that has just died must be an error to report, not a
        // SIGPIPE that ends the server.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = worker.executable
        process.arguments = worker.arguments + ["--requests"]
        var environment = ProcessInfo.processInfo.environment
        // A crash report with a symbolicated backtrace takes seconds; the banner needs only the signal.
        if environment["SWIFT_BACKTRACE"] == nil { environment["SWIFT_BACKTRACE"] = "enable=no" }
        process.environment = environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let collector = OutputCollector(limit: worker.outputTail, echo: worker.echoesOutput)
        let reader = Thread { collector.drain(errors.fileHandleForReading.fileDescriptor) }
        do {
            try process.run()
        } catch {
            return .failed(.exited(status: -1, reason: "\(worker.executable.path) could not be started: \(error)", output: ""))
        }
        // Our copies of the child's ends: EOF on its output and error output comes when it exits.
        try? errors.fileHandleForWriting.close()
        try? output.fileHandleForWriting.close()
        try? input.fileHandleForReading.close()
        reader.start()
        return .running(PreviewWorkerProcess(worker: worker, process: process, requests: dup(input.fileHandleForWriting.fileDescriptor),
                                             replies: dup(output.fileHandleForReading.fileDescriptor), collector: collector,
                                             handles: [input.fileHandleForWriting, output.fileHandleForReading]))
    }

    /// The pipes' own handles, closed once their descriptors are duplicated.
    private init(worker: PreviewWorker, process: Process, requests: Int32, replies: Int32, collector: OutputCollector, handles: [FileHandle]) {
        self.worker = worker
        self.process = process
        self.requests = requests
        self.replies = replies
        self.collector = collector
        for handle in handles { try? handle.close() }
    }

    deinit {
        stop()
        close(requests)
        close(replies)
    }

    /// Whether the process still runs (it may have ended between rebuilds, e.g. killed from outside).
    var isRunning: Bool { process.isRunning }

    /// The process's id.
    var processIdentifier: Int32 { process.processIdentifier }

    /// Kills the worker (if it still runs) and waits for it, at most two seconds: a process the
    /// worker started and left running can keep it from being seen to end, and the preview must
    /// not wait on that.
    func stop() {
        guard isAlive else { return }
        isAlive = false
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        let end = ContinuousClock.now + .seconds(2)
        while process.isRunning, ContinuousClock.now < end { usleep(1_000) }
        _ = collector.finished.wait(timeout: .now() + 2)
    }

    /// One rebuild: the result goes to `result`, with `previous` (a digests file) only what changed.
    ///
    /// `stopping` is asked every 50 ms: when it says yes the worker is killed and the outcome is
    /// `.superseded`. `superseded` too: when it says yes the rebuild is let finish (the worker
    /// keeps what it loaded, which a kill would throw away) and its result dropped. After any
    /// outcome but `.built`, `.failed` and a let-finish `.superseded`, the worker is gone (`isAlive` false).
    func build(result: URL, previous: URL?, superseded: () -> Bool, stopping: () -> Bool) -> PreviewBuildOutcome {
        // A stale result must not pass for this build's: remove it, and refuse to go on if it stays.
        try? FileManager.default.removeItem(at: result)
        guard !FileManager.default.fileExists(atPath: result.path) else {
            stop()
            return .exited(status: -1, reason: "could not remove the previous result \(result.path)", output: "")
        }
        let mark = collector.mark
        let deadline = ContinuousClock.now + worker.timeLimit
        let request = Array("build\t\(result.path)\t\(previous?.path ?? "")\n".utf8)
        var written = 0
        while written < request.count {
            let count = request[written...].withUnsafeBytes { write(requests, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return ended(result: result, mark: mark, deadline: deadline) }  // it died: say how
            written += count
        }
        var dropped = false
        var looks = 0
        while true {
            if let line = replyLine() {
                // On a problem the worker is stopped first, so all it wrote to its error output is in.
                guard let status = Self.status(of: line) else {
                    stop()
                    return .exited(status: -1, reason: "the worker's answer '\(line.prefix(100))' is not 'done 0' or 'done 1'",
                                   output: collector.text(since: mark))
                }
                if dropped { return .superseded }
                switch PreviewWorker.outcome(status: status, result: result, output: "", answered: true) {
                case .built(let bundle): return .built(bundle)
                case .failed(let bundle): return .failed(bundle)
                default:
                    stop()
                    return PreviewWorker.outcome(status: status, result: result, output: collector.text(since: mark), answered: true)
                }
            }
            guard isAlive, !readFailed else { return ended(result: result, mark: mark, deadline: deadline) }
            if ContinuousClock.now >= deadline {
                stop()
                return .timedOut(limit: worker.timeLimit, output: collector.text(since: mark))
            }
            looks += 1
            if looks % 10 == 0 {
                if stopping() { stop(); return .superseded }
                if !dropped, superseded() { dropped = true }
            }
            waitForReply(milliseconds: 5)
        }
    }

    private var readFailed = false

    /// A reply line when one has come in full; reads what is there without waiting.
    private func replyLine() -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            var ready = pollfd(fd: replies, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 0) > 0 else { return nil }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { read(replies, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { readFailed = true; return nil }  // EOF: the worker closed its output or died
            // A reply is one short line; a worker that floods its output is not answering.
            pending += buffer[0..<count]
            guard pending.count <= 4096 || pending.contains(UInt8(ascii: "\n")) else {
                defer { pending = [] }
                return String(decoding: pending.prefix(100), as: UTF8.self)
            }
        }
    }

    /// Waits up to `milliseconds` for something to read.
    private func waitForReply(milliseconds: Int32) {
        var ready = pollfd(fd: replies, events: Int16(POLLIN), revents: 0)
        _ = poll(&ready, 1, milliseconds)
    }

    /// The status a reply gives, or nil when it is not a reply.
    static func status(of line: String) -> Int32? {
        switch line {
        case "done 0": return 0
        case "done 1": return 1
        default: return nil
        }
    }

    /// The outcome once the worker stopped answering (its output ended or a request could not be
    /// written): it is waited for, up to the time limit, and reported as a one-shot worker's end is.
    private func ended(result: URL, mark: Int, deadline: ContinuousClock.Instant) -> PreviewBuildOutcome {
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                stop()
                return .timedOut(limit: worker.timeLimit, output: collector.text(since: mark))
            }
            usleep(1_000)
        }
        stop()
        let output = collector.text(since: mark)
        guard !process.isRunning else { return .exited(status: -1, reason: "the worker stopped answering", output: output) }
        if process.terminationReason == .uncaughtSignal {
            return .crashed(signal: process.terminationStatus, output: output)
        }
        let status = process.terminationStatus
        // A worker that exits 0 or 1 between requests did not build: its answer never came.
        return PreviewWorker.outcome(status: status, result: result, output: output)
    }
}
