import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a rebuild ended, as the preview sees it.
public enum PreviewBuildOutcome: Sendable {
    /// The worker built the site; the bundle holds its files and any warnings.
    case built(PreviewBundle)
    /// The content has errors; the bundle holds the diagnostics.
    case failed(PreviewBundle)
    /// The worker was killed by a signal (a Swift trap is SIGILL or SIGTRAP), with the end of what it printed.
    case crashed(signal: Int32, output: String)
    /// The worker exited without a readable result.
    case exited(status: Int32, reason: String, output: String)
    /// The worker ran past the time limit and was killed.
    case timedOut(limit: Duration, output: String)
    /// The rebuild was stopped because the content changed again (or the server is stopping).
    case superseded

    /// The banner for this outcome: nil for a clean build.
    public var notice: PreviewNotice? {
        switch self {
        case .built(let bundle):
            return .from(bundle.diagnostics, failed: false)
        case .failed(let bundle):
            return .from(bundle.diagnostics, failed: true)
        case .crashed(let signal, let output):
            return PreviewNotice(isFailure: true, headline: "Byggprocessen kraschade (signal \(signal), \(PreviewWorker.signalName(signal))).",
                                 details: Self.lines(output, otherwise: "Byggprocessen skrev inget före kraschen. Kör anslag check för att se var den stannar."))
        case .exited(let status, let reason, let output):
            return PreviewNotice(isFailure: true, headline: "Byggprocessen avslutades utan resultat (kod \(status)).",
                                 details: [reason] + Self.lines(output, otherwise: nil))
        case .timedOut(let limit, let output):
            return PreviewNotice(isFailure: true, headline: "Bygget avbröts efter \(limit.components.seconds) s utan att bli klart (--build-timeout).",
                                 details: Self.lines(output, otherwise: "Byggprocessen skrev inget. Den senaste ändringen får bygget att hänga eller ta för lång tid."))
        case .superseded:
            return nil
        }
    }

    private static func lines(_ output: String, otherwise: String?) -> [String] {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        return lines.isEmpty ? otherwise.map { [$0] } ?? [] : lines
    }
}

/// Runs one rebuild in a child process (the anslag binary's hidden `preview-worker` subcommand), so a
/// crash, a hang or a runaway build never reaches the server: the child is killed at the time limit
/// and the preview keeps its last good site.
public struct PreviewWorker: Sendable {
    /// The program to run, normally the running anslag binary itself.
    public var executable: URL
    /// Its arguments, e.g. `["preview-worker", "--content", "Content"]`; `--result PATH` is appended.
    public var arguments: [String]
    /// How long one rebuild may take.
    public var timeLimit: Duration
    /// How much of the worker's error output is kept for the banner.
    public var outputTail = 16 * 1024
    /// Whether the worker's error output is also passed to this process's standard error, as
    /// `serve` does so the terminal shows it; tests keep it for the banner only.
    public var echoesOutput = true
    /// Whether `PreviewService` keeps one worker alive between rebuilds (`preview-worker
    /// --requests`, see `PreviewWorkerProcess`) instead of starting one per rebuild. Either way a
    /// crash, a hang or an unreadable result is reported the same, and the next rebuild runs in
    /// a fresh process.
    public var persistent = true

    public init(executable: URL, arguments: [String], timeLimit: Duration) {
        self.executable = executable
        self.arguments = arguments
        self.timeLimit = timeLimit
    }

    /// Runs the worker, writing its result to `result`; its error output is forwarded to ours as it comes.
    /// With `previous` (a file of the last good build's digests, see `PreviewDigests`) the worker
    /// renders and returns only what changed. `interrupted` is asked every 50 ms; when it says yes
    /// the worker is killed and the outcome is `.superseded`.
    public func run(result: URL, previous: URL? = nil, interrupted: () -> Bool) -> PreviewBuildOutcome {
        // A stale result must not pass for this build's: remove it, and refuse to go on if it stays.
        try? FileManager.default.removeItem(at: result)
        guard !FileManager.default.fileExists(atPath: result.path) else {
            return .exited(status: -1, reason: "could not remove the previous result \(result.path)", output: "")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + ["--result", result.path] + (previous.map { ["--previous", $0.path] } ?? [])
        var environment = ProcessInfo.processInfo.environment
        // A crash report with a symbolicated backtrace takes seconds; the banner needs only the signal.
        if environment["SWIFT_BACKTRACE"] == nil { environment["SWIFT_BACKTRACE"] = "enable=no" }
        process.environment = environment
        let pipe = Pipe()
        process.standardError = pipe
        let collector = OutputCollector(limit: outputTail, echo: echoesOutput)
        let reader = Thread { collector.drain(pipe.fileHandleForReading.fileDescriptor) }
        do {
            try process.run()
        } catch {
            return .exited(status: -1, reason: "\(executable.path) could not be started: \(error)", output: "")
        }
        // Our copy of the write end; EOF comes when the worker exits. Should closing fail, the reader
        // is waited for at most 2 s below, so nothing hangs.
        try? pipe.fileHandleForWriting.close()
        reader.start()
        let deadline = ContinuousClock.now + timeLimit
        var outcome: PreviewBuildOutcome?
        var polls = 0
        // The end is noticed within 5 ms (a small rebuild takes tens of ms); the folders are looked at every 50 ms.
        while process.isRunning {
            polls += 1
            if ContinuousClock.now >= deadline {
                kill(process.processIdentifier, SIGKILL)
                outcome = .timedOut(limit: timeLimit, output: "")
                break
            }
            if polls % 10 == 0, interrupted() {
                kill(process.processIdentifier, SIGKILL)
                outcome = .superseded
                break
            }
            usleep(5_000)
        }
        process.waitUntilExit()
        _ = collector.finished.wait(timeout: .now() + 2)
        let output = collector.text
        switch outcome {
        case .timedOut?: return .timedOut(limit: timeLimit, output: output)
        case .superseded?: return .superseded
        default: break
        }
        if process.terminationReason == .uncaughtSignal {
            return .crashed(signal: process.terminationStatus, output: output)
        }
        return Self.outcome(status: process.terminationStatus, result: result, output: output)
    }

    /// The outcome of a worker that ended (or answered) with `status`, from its result file.
    static func outcome(status: Int32, result: URL, output: String, answered: Bool = false) -> PreviewBuildOutcome {
        guard let data = FileManager.default.contents(atPath: result.path) else {
            return .exited(status: status, reason: "the worker wrote no result", output: output)
        }
        do {
            let bundle = try PreviewBundle.decode(Array(data))
            guard status == (bundle.failed ? 1 : 0) else {
                return .exited(status: status, reason: answered ? "the worker's answer does not match its result" : "the worker's exit status does not match its result", output: output)
            }
            return bundle.failed ? .failed(bundle) : .built(bundle)
        } catch {
            return .exited(status: status, reason: "the worker's result is unreadable: \(error)", output: output)
        }
    }

    /// A signal's name as the system gives it, e.g. "Illegal instruction".
    public static func signalName(_ signal: Int32) -> String {
        guard let name = strsignal(signal) else { return "signal \(signal)" }
        return String(cString: name)
    }
}

/// Copies a child's error output to ours and keeps its last bytes.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var tail: [UInt8] = []
    private var total = 0
    private let limit: Int
    let finished = DispatchSemaphore(value: 0)

    private let echo: Bool

    init(limit: Int, echo: Bool) {
        self.limit = limit
        self.echo = echo
    }

    func drain(_ fd: Int32) {
        defer { finished.signal() }
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            if echo { _ = buffer.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, count) } }
            lock.lock()
            total += count
            tail += buffer[0..<count]
            if tail.count > limit { tail.removeFirst(tail.count - limit) }
            lock.unlock()
        }
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: tail, as: UTF8.self)
    }

    /// How many bytes have come so far.
    var mark: Int { lock.withLock { total } }

    /// What came after `mark` (as much of it as the tail holds).
    func text(since mark: Int) -> String {
        lock.withLock { String(decoding: tail.suffix(max(0, min(total - mark, tail.count))), as: UTF8.self) }
    }
}
