import Foundation

/// `anslag serve` as a whole: the server, the in-memory site, and a loop that rebuilds in a worker
/// process whenever the watched folders change (noticed through inotify on Linux, else by polling).
///
/// Rebuilds run in a worker process (crash, hang and memory safety), kept alive from one rebuild
/// to the next so it need not load again what did not change; one that crashes, hangs or answers
/// nonsense is killed and the next rebuild starts a fresh one (`PreviewWorkerProcess`). After the first
/// good build the worker is given the digests of the files the preview holds: it builds every
/// page's view model again but renders only the pages whose template or view model changed, and
/// returns just those files with the digests of the whole site; the preview then replaces the
/// changed files and drops the ones that are gone.
public final class PreviewService: @unchecked Sendable {
    /// What the service watches, runs and says.
    public struct Configuration: Sendable {
        public var port: UInt16
        public var limits = PreviewServerLimits()
        public var worker: PreviewWorker
        /// The content and templates folders.
        public var watched: [URL]
        /// How often the folders are looked at.
        public var pollInterval: Duration = .milliseconds(50)
        /// How long the folders must stay unchanged before a rebuild starts (an editor may save in steps).
        public var settleInterval: Duration = .milliseconds(20)
        /// Whether changes are noticed as they happen (inotify on Linux) rather than by looking every
        /// `pollInterval`; polling stays the fallback where that is unavailable or fails.
        public var notices = true
        /// With notices: how long no event must come before a rebuild starts (an editor may save in
        /// steps), and the longest a rebuild waits for that, so a writer that never stops cannot starve it.
        public var quietInterval: Duration = .milliseconds(5)
        public var settleLimit: Duration = .milliseconds(200)
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
    /// The digests of the files `site` holds, from the last good build; nil until then, or when the
    /// next build must be a full one.
    private var digests: [String: ContentDigest]?
    /// The worker kept alive between rebuilds (`Configuration.worker.persistent`); only `run()` touches it.
    private var live: PreviewWorkerProcess?
    private var livePID: Int32?
    /// The id of the latest worker process started to be kept alive (for tests).
    var workerProcessIdentifier: Int32? { lock.withLock { livePID } }
    /// What the latest rebuilds did, newest last (at most 100), for tests and `--verbose`.
    private var reports: [RebuildReport] = []

    /// One rebuild that produced a site.
    public struct RebuildReport: Sendable, Equatable {
        /// Milliseconds from starting the worker to having its result.
        public var milliseconds: Int
        /// Pages rendered, of all the site's pages.
        public var renderedPages: Int
        public var pages: Int
        /// Files replaced or added, and files removed.
        public var changedFiles: Int
        public var removedFiles: Int
        /// False for a full build (the first, or after the preview could not apply an incremental one).
        public var incremental: Bool
    }

    /// The rebuilds that produced a site so far, oldest first (the last 100).
    public var rebuildReports: [RebuildReport] { lock.withLock { reports } }

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
            live?.stop()
            live = nil
            server.stop()
            removeScratch()
            finished.signal()
        }
        server.start()
        // Watched from before the first build, so an edit during it is seen.
        var watcher = configuration.notices ? FolderWatcher(roots: configuration.watched) : nil
        var fingerprint = watcher == nil ? FolderFingerprint.of(configuration.watched) : []
        while !isStopping {
            let outcome = rebuild { [self] in
                if let watcher, !watcher.failed { return watcher.hasChanged }
                return FolderFingerprint.of(configuration.watched) != fingerprint
            }
            if watcher?.failed == true {
                configuration.complain("could not watch every folder for changes; looking at them every \(configuration.pollInterval) instead")
                watcher = nil
                // What changed while the watcher was failing is not known: the next look rebuilds.
                fingerprint = []
            }
            if case .superseded = outcome {
                fingerprint = settled(watcher)
                continue
            }
            apply(outcome)
            while !isStopping {
                if let watcher {
                    guard watcher.waitForChange(timeout: configuration.pollInterval) else { continue }
                    fingerprint = settled(watcher)
                    break
                }
                sleep(configuration.pollInterval)
                if FolderFingerprint.of(configuration.watched) != fingerprint {
                    fingerprint = settled(nil)
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

    /// The fingerprint once an editor has finished saving: with `watcher`, no event for the quiet
    /// interval (at most `settleLimit` in all); else two looks a short while apart agree.
    private func settled(_ watcher: FolderWatcher?) -> [String] {
        if let watcher {
            watcher.settle(quiet: configuration.quietInterval, limit: configuration.settleLimit)
            // Not used while the watcher works (should it fail, the next look rebuilds).
            return []
        }
        var current = FolderFingerprint.of(configuration.watched)
        for _ in 0..<50 {
            sleep(configuration.settleInterval)
            let next = FolderFingerprint.of(configuration.watched)
            if next == current { break }
            current = next
        }
        return current
    }

    /// One rebuild in a worker process: incremental when the preview holds a good build.
    private func rebuild(interrupted: () -> Bool) -> PreviewBuildOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let resultFile = scratch.appendingPathComponent("result")
        let previousFile = scratch.appendingPathComponent("previous")
        var previous: URL?
        if let digests {
            do {
                try Data(PreviewDigests.encoded(digests)).write(to: previousFile)
                previous = previousFile
            } catch {
                configuration.complain("could not write \(previousFile.path) (\(error)); rebuilding everything")
            }
        }
        var outcome: PreviewBuildOutcome
        if configuration.worker.persistent {
            outcome = buildInLiveWorker(result: resultFile, previous: previous, changed: interrupted)
        } else {
            outcome = configuration.worker.run(result: resultFile, previous: previous) { [self] in isStopping || interrupted() }
        }
        // Ctrl-C reaches the worker too; a worker that died of it while we stop is no crash to report.
        if isStopping { outcome = .superseded }
        try? FileManager.default.removeItem(at: resultFile)  // only frees space; the next run removes it too
        let elapsed = clock.now - start
        let ms = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        switch outcome {
        case .built(let bundle):
            guard apply(bundle, incremental: previous != nil, notice: outcome.notice, milliseconds: ms) else {
                configuration.complain("the incremental rebuild did not match the preview's files; rebuilding everything")
                lock.withLock { digests = nil }
                return rebuild(interrupted: interrupted)
            }
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

    /// One rebuild in the worker kept alive, started first when there is none (after a crash,
    /// a hang or an unreadable result the old one is gone, so the next rebuild is a fresh one).
    private func buildInLiveWorker(result: URL, previous: URL?, changed: () -> Bool) -> PreviewBuildOutcome {
        // One that ended while it had nothing to do (killed from outside) did not fail this
        // build: a fresh one makes it.
        if let worker = live, !worker.isRunning {
            configuration.complain("the preview worker had ended between rebuilds; starting a new one")
            worker.stop()
            live = nil
        }
        if live == nil {
            switch PreviewWorkerProcess.start(configuration.worker) {
            case .running(let worker):
                live = worker
                lock.withLock { livePID = worker.processIdentifier }
            case .failed(let outcome): return outcome
            }
        }
        guard let worker = live else { return .superseded }
        let outcome = worker.build(result: result, previous: previous, superseded: changed, stopping: { isStopping })
        if !worker.isAlive { live = nil }
        return outcome
    }

    /// Puts a good build's files in place and says what was done; false when an incremental
    /// bundle does not fit the files the preview holds (nothing is changed then).
    private func apply(_ bundle: PreviewBundle, incremental: Bool, notice: PreviewNotice?, milliseconds: Int) -> Bool {
        let before = site.currentFiles.keys
        let report: RebuildReport
        if incremental {
            guard let newDigests = bundle.digests else { return false }
            guard site.update(changed: bundle.files, digests: newDigests, notice: notice) else { return false }
            report = RebuildReport(milliseconds: milliseconds, renderedPages: bundle.renderedPages, pages: bundle.pages,
                                   changedFiles: bundle.files.count, removedFiles: before.filter { newDigests[$0] == nil }.count, incremental: true)
            lock.withLock { digests = newDigests }
        } else {
            site.update(files: bundle.files, notice: notice)
            let paths = Set(bundle.files.map(\.path))
            report = RebuildReport(milliseconds: milliseconds, renderedPages: bundle.renderedPages, pages: bundle.pages,
                                   changedFiles: bundle.files.count, removedFiles: before.filter { !paths.contains($0) }.count, incremental: false)
            // A full bundle with digests (every worker's first build) makes the next rebuild incremental.
            lock.withLock { digests = bundle.digests }
        }
        lock.withLock {
            reports.append(report)
            if reports.count > 100 { reports.removeFirst(reports.count - 100) }
        }
        let removed = report.removedFiles > 0 ? ", \(report.removedFiles) removed" : ""
        configuration.say("rebuilt in \(milliseconds) ms: \(report.renderedPages) of \(report.pages) pages re-rendered (\(report.changedFiles) files changed\(removed))")
        return true
    }

    private func apply(_ outcome: PreviewBuildOutcome) {
        switch outcome {
        case .built, .superseded: break
        default: site.update(files: nil, notice: outcome.notice)
        }
    }

    private func sleep(_ duration: Duration) {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        usleep(UInt32(clamping: micros))
    }
}
