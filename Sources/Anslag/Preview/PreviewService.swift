import Foundation

/// `anslag serve` as a whole: the server, the in-memory site, and a loop that rebuilds in a worker
/// process whenever the watched folders change.
///
/// Each rebuild is a full build in a fresh process. An incremental rebuild would hook in at
/// `rebuild(changed:)`: the fingerprints before and after say which files changed, and a worker that
/// stays alive between builds could be handed that list instead of being started anew.
public final class PreviewService: @unchecked Sendable {
    /// What the service watches, runs and says.
    public struct Configuration: Sendable {
        public var port: UInt16
        public var limits = PreviewServerLimits()
        public var worker: PreviewWorker
        /// The content and templates folders.
        public var watched: [URL]
        /// How often the folders are looked at.
        public var pollInterval: Duration = .milliseconds(300)
        /// Log every request.
        public var verbose = false
        /// A line for the person at the terminal (stdout).
        public var say: @Sendable (String) -> Void
        /// A line about a problem (stderr).
        public var complain: @Sendable (String) -> Void

        public init(port: UInt16, worker: PreviewWorker, watched: [URL],
                    say: @escaping @Sendable (String) -> Void, complain: @escaping @Sendable (String) -> Void) {
            self.port = port
            self.worker = worker
            self.watched = watched
            self.say = say
            self.complain = complain
        }
    }

    public let site = PreviewSite()
    public let configuration: Configuration
    private let server: PreviewServer
    private let scratch: URL
    private let lock = NSLock()
    private var stopping = false
    private var running = false
    private let finished = DispatchSemaphore(value: 0)

    /// Binds the port (throws `PreviewServerError.portInUse` when it is taken) and makes a private
    /// folder for the workers' results. Nothing is served until `run()`.
    public init(_ configuration: Configuration) throws {
        self.configuration = configuration
        let site = self.site
        let say = configuration.say
        let log: (@Sendable (String) -> Void)? = configuration.verbose ? say : nil
        let handler: @Sendable (HTTPRequestHead) -> PreviewResponse = { head in
            let answer = site.response(for: head.target)
            return PreviewResponse(status: answer.status, contentType: answer.contentType, body: answer.body)
        }
        server = try PreviewServer(port: configuration.port, limits: configuration.limits, log: log, handler: handler)
        var template = Array((NSTemporaryDirectory() + "/anslag-preview-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            server.stop()
            throw PreviewServerError.system(call: "mkdtemp", code: errno)
        }
        scratch = URL(fileURLWithPath: String(cString: made))
    }

    /// The port being served (the chosen one when 0 was asked for).
    public var port: UInt16 { server.port }

    /// Serves and rebuilds until `stop()`; returns when stopped.
    public func run() {
        lock.lock()
        guard !stopping, !running else { lock.unlock(); return }
        running = true
        lock.unlock()
        defer {
            server.stop()
            removeScratch()
            finished.signal()
        }
        server.start()
        var fingerprint = FolderFingerprint.of(configuration.watched)
        while !isStopping {
            let outcome = rebuild { [self] in
                if isStopping { return true }
                return FolderFingerprint.of(configuration.watched) != fingerprint
            }
            if case .superseded = outcome {
                fingerprint = settled()
                continue
            }
            apply(outcome)
            while !isStopping {
                sleep(configuration.pollInterval)
                if FolderFingerprint.of(configuration.watched) != fingerprint {
                    fingerprint = settled()
                    break
                }
            }
        }
    }

    /// Asks `run()` to finish: the running worker is killed and the server closed. Waits up to five seconds.
    public func stop() {
        lock.lock()
        let already = stopping
        let wait = running
        stopping = true
        lock.unlock()
        guard !already else { return }
        if wait {
            _ = finished.wait(timeout: .now() + 5)
        } else {
            server.stop()
            removeScratch()
        }
    }

    private func removeScratch() {
        do { try FileManager.default.removeItem(at: scratch) } catch { configuration.complain("could not remove \(scratch.path): \(error)") }
    }

    private var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    /// The fingerprint once an editor has finished saving: two looks a short while apart agree.
    private func settled() -> [String] {
        var current = FolderFingerprint.of(configuration.watched)
        for _ in 0..<10 {
            sleep(.milliseconds(100))
            let next = FolderFingerprint.of(configuration.watched)
            if next == current { break }
            current = next
        }
        return current
    }

    /// One rebuild in a worker process. The hook for incremental rebuilds (see the type's comment).
    private func rebuild(interrupted: () -> Bool) -> PreviewBuildOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        var outcome = configuration.worker.run(result: scratch.appendingPathComponent("result"), interrupted: interrupted)
        // Ctrl-C reaches the worker too; a worker that died of it while we stop is no crash to report.
        if isStopping { outcome = .superseded }
        try? FileManager.default.removeItem(at: scratch.appendingPathComponent("result"))  // only frees space; the next run removes it too
        let elapsed = clock.now - start
        let ms = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        switch outcome {
        case .built(let bundle):
            let pages = bundle.files.filter { $0.path.hasSuffix(".html") }.count
            configuration.say("built \(pages) pages in \(ms) ms")
        case .failed(let bundle):
            let errors = bundle.diagnostics.filter { $0.severity == .error }.count
            configuration.complain("build failed: \(errors) errors; showing the last good site with the errors on top")
        case .crashed(let signal, _):
            configuration.complain("build crashed: the worker was killed by signal \(signal) (\(PreviewWorker.signalName(signal))); showing the last good site with the error on top")
        case .exited(let status, let reason, _):
            configuration.complain("build ended without a result (exit status \(status)): \(reason); showing the last good site with the error on top")
        case .timedOut(let limit, _):
            configuration.complain("build stopped after \(limit.components.seconds) s (--build-timeout); showing the last good site with the error on top")
        case .superseded:
            if configuration.verbose { configuration.say("content changed during the build; starting again") }
        }
        return outcome
    }

    private func apply(_ outcome: PreviewBuildOutcome) {
        switch outcome {
        case .built(let bundle): site.update(files: bundle.files, notice: outcome.notice)
        case .superseded: break
        default: site.update(files: nil, notice: outcome.notice)
        }
    }

    private func sleep(_ duration: Duration) {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        usleep(UInt32(clamping: micros))
    }
}
