import Foundation
import Testing
@testable import Anslag
#if canImport(Glibc)
import Glibc
#endif

/// The worker `serve` keeps alive between rebuilds, and how changes are noticed: a worker that
/// answers nonsense or quits is reported and replaced, and an editor's save by renaming a new
/// file over the old one, a new folder and a removed file are all seen at once.
@Suite(.serialized) struct KeptWorkerProcessTests {
    func content() -> ContentFolder {
        let folder = SmallWorld.folder(pots: "  - {id: p, title: P, amount: 10, recipient: skr}")
        folder.write("site.yaml", "title: Bevarad Ett\ntagline: Testplats\nbase_url: https://test.example\nbuild_date: 2030-01-15\n")
        return folder
    }

    func arguments(_ folder: ContentFolder) -> [String] {
        ["preview-worker", "--content", folder.root.path, "--templates", templatesPath]
    }

    func scratch(_ folder: ContentFolder) -> URL {
        folder.root.deletingLastPathComponent().appendingPathComponent("result-\(UUID().uuidString)")
    }

    /// One process answers rebuild after rebuild; an edit between them is built.
    @Test func oneProcessAnswersRebuildAfterRebuild() throws {
        let folder = content()
        let result = scratch(folder)
        defer { try? FileManager.default.removeItem(at: result) }
        let worker = PreviewWorker(executable: anslagBinary, arguments: arguments(folder), timeLimit: .seconds(60)).quiet
        guard case .running(let process) = PreviewWorkerProcess.start(worker) else { Issue.record("the worker did not start"); return }
        defer { process.stop() }
        guard case .built(let first) = process.build(result: result, previous: nil, superseded: { false }, stopping: { false }) else {
            Issue.record("the first rebuild should build"); return
        }
        #expect(first.files.contains { $0.path == "index.html" && String(decoding: $0.contents, as: UTF8.self).contains("Bevarad Ett") })
        folder.write("site.yaml", "title: Bevarad Två\ntagline: Testplats\nbase_url: https://test.example\nbuild_date: 2030-01-15\n")
        guard case .built(let second) = process.build(result: result, previous: nil, superseded: { false }, stopping: { false }) else {
            Issue.record("the second rebuild should build"); return
        }
        #expect(process.isAlive)
        #expect(second.files.contains { $0.path == "index.html" && String(decoding: $0.contents, as: UTF8.self).contains("Bevarad Två") })
        // Broken content is a failed build, and the worker stays for the next one.
        folder.write("agreements/2030-test/agreement.yaml", SmallWorld.agreement(pots: "  - {id: p, title: P, amount: -5, recipient: skr}"))
        guard case .failed(let failed) = process.build(result: result, previous: nil, superseded: { false }, stopping: { false }) else {
            Issue.record("broken content should fail"); return
        }
        #expect(failed.diagnostics.contains { $0.severity == .error })
        #expect(process.isAlive)
    }

    /// Starts a stand-in worker (a shell script, removed with `folder`) that reads one request and
    /// then does `then`, and asks it for one rebuild; nil (with the issue recorded) if it did not start.
    func rebuild(_ folder: ContentFolder, withScript then: String) throws -> (process: PreviewWorkerProcess, outcome: PreviewBuildOutcome)? {
        let url = folder.root.deletingLastPathComponent().appendingPathComponent("worker-\(UUID().uuidString).sh")
        folder.outside.append(url)
        try "#!/bin/sh\nIFS= read -r line\n\(then)\n".write(to: url, atomically: true, encoding: .utf8)
        chmod(url.path, 0o755)
        let configuration = PreviewWorker(executable: url, arguments: [], timeLimit: .seconds(30)).quiet
        guard case .running(let process) = PreviewWorkerProcess.start(configuration) else { Issue.record("the script did not start"); return nil }
        return (process, process.build(result: scratch(folder), previous: nil, superseded: { false }, stopping: { false }))
    }

    @Test func aWorkerThatAnswersNonsenseIsReportedAndGone() throws {
        let folder = content()
        guard let (process, outcome) = try rebuild(folder, withScript: "echo 'Something went wrong' >&2; echo 'hello'; exec sleep 600") else { return }
        guard case .exited(_, let reason, let output) = outcome else { Issue.record("expected .exited, got \(outcome)"); return }
        #expect(reason.contains("'hello'"))
        #expect(output.contains("Something went wrong"))
        #expect(!process.isAlive, "the worker is killed")
    }

    @Test func aWorkerThatQuitsWithoutAResultIsReported() throws {
        let folder = content()
        guard let (process, outcome) = try rebuild(folder, withScript: "exit 0") else { return }
        guard case .exited(let status, let reason, _) = outcome else { Issue.record("expected .exited, got \(outcome)"); return }
        #expect(status == 0 && reason == "the worker wrote no result")
        #expect(!process.isAlive)
    }

    /// A rebuild whose content changes meanwhile is let finish (the worker is kept) and dropped;
    /// a stop kills the worker at once. The worker takes 0.3 s per rebuild here, so that the
    /// change is noticed during the rebuild.
    @Test func aSupersededRebuildKeepsTheWorkerAndAStopKillsIt() throws {
        let folder = content()
        let result = scratch(folder)
        defer { try? FileManager.default.removeItem(at: result) }
        let slow = folder.root.deletingLastPathComponent().appendingPathComponent("worker-\(UUID().uuidString).sh")
        try """
        #!/bin/sh
        while IFS= read -r line; do
            sleep 0.3
            printf '%s\\n' "$line" | '\(anslagBinary.path)' "$@" || exit $?
        done
        """.write(to: slow, atomically: true, encoding: .utf8)
        chmod(slow.path, 0o755)
        defer { try? FileManager.default.removeItem(at: slow) }
        let worker = PreviewWorker(executable: slow, arguments: arguments(folder), timeLimit: .seconds(60)).quiet
        guard case .running(let process) = PreviewWorkerProcess.start(worker) else { Issue.record("the worker did not start"); return }
        defer { process.stop() }
        guard case .superseded = process.build(result: result, previous: nil, superseded: { true }, stopping: { false }) else {
            Issue.record("expected .superseded"); return
        }
        #expect(process.isAlive)
        guard case .built = process.build(result: result, previous: nil, superseded: { false }, stopping: { false }) else {
            Issue.record("the kept worker should build next"); return
        }
        guard case .superseded = process.build(result: result, previous: nil, superseded: { false }, stopping: { true }) else {
            Issue.record("expected .superseded on stop"); return
        }
        #expect(!process.isAlive)
    }

    /// inotify sees every way an editor saves; `settle` then clears it until the next event.
    @Test func theWatcherSeesRenamesNewFoldersAndRemovals() throws {
        let folder = content()
        guard let watcher = FolderWatcher(roots: [folder.root]) else { Issue.record("inotify is available on Linux"); return }
        #expect(!watcher.waitForChange(timeout: .milliseconds(20)))
        func sees(_ what: String, _ change: () throws -> Void) rethrows {
            watcher.settle(quiet: .milliseconds(5), limit: .milliseconds(100))
            #expect(!watcher.hasChanged, "nothing pending before: \(what)")
            try change()
            #expect(watcher.waitForChange(timeout: .seconds(2)), "\(what) is seen")
        }
        let site = folder.root.appendingPathComponent("site.yaml")
        try sees("a file written in place") { try "title: X\n".write(to: site, atomically: false, encoding: .utf8) }
        try sees("a temporary file renamed over the original") {
            let temporary = folder.root.appendingPathComponent(".site.yaml.swp")
            try "title: Y\n".write(to: temporary, atomically: false, encoding: .utf8)
            rename(temporary.path, site.path)
        }
        let deep = folder.root.appendingPathComponent("regions/ny-region")
        try sees("a new folder") { try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true) }
        // A file in the new folder: the folder was watched when it appeared.
        try sees("a file in the new folder") { try "x".write(to: deep.appendingPathComponent("a.md"), atomically: false, encoding: .utf8) }
        try sees("a removed file") { try FileManager.default.removeItem(at: deep.appendingPathComponent("a.md")) }
        sees("changed permissions") { #expect(chmod(site.path, 0o600) == 0) }
        // A writer that never stops cannot hold the rebuild back past the limit.
        let clock = ContinuousClock()
        let writer = Thread {
            let end = Date().addingTimeInterval(0.6)
            while Date() < end { try? "z".write(to: site, atomically: false, encoding: .utf8); usleep(2_000) }
        }
        writer.start()
        usleep(20_000)
        let start = clock.now
        watcher.settle(quiet: .milliseconds(10), limit: .milliseconds(100))
        #expect(clock.now - start < .milliseconds(400))
        usleep(700_000)
    }

    /// A worker that ends while it has nothing to do (killed from outside) is no failed build:
    /// the next edit is built by a fresh worker, and no crash is shown.
    @Test func aWorkerKilledBetweenRebuildsIsReplacedQuietly() async throws {
        let folder = content()
        let complaints = SaidLines()
        let service = try PreviewService(PreviewService.Configuration(
            port: 0, worker: PreviewWorker(executable: anslagBinary, arguments: arguments(folder), timeLimit: .seconds(60)).quiet,
            watched: [folder.root], say: { _ in }, complain: complaints.append))
        Thread { service.run() }.start()
        defer { service.stop() }
        #expect(await eventually(within: 60) { service.rebuildReports.count == 1 })
        let first = try #require(service.workerProcessIdentifier)
        #expect(kill(first, SIGKILL) == 0)
        folder.write("site.yaml", "title: Bevarad Fyra\ntagline: Testplats\nbase_url: https://test.example\nbuild_date: 2030-01-15\n")
        #expect(await eventually(within: 60) { Loopback.get(service.port, "/").body.contains("Bevarad Fyra") })
        #expect(service.site.currentNotice == nil)
        #expect(service.workerProcessIdentifier != first)
        #expect(complaints.all == ["the preview worker had ended between rebuilds; starting a new one"])
    }

    /// Without notices (polling, as where inotify is unavailable) an edit is still seen.
    @Test func pollingStillSeesAnEdit() async throws {
        let folder = content()
        var configuration = PreviewService.Configuration(
            port: 0, worker: PreviewWorker(executable: anslagBinary, arguments: arguments(folder), timeLimit: .seconds(60)).quiet,
            watched: [folder.root], say: { _ in }, complain: { _ in })
        configuration.notices = false
        let service = try PreviewService(configuration)
        Thread { service.run() }.start()
        defer { service.stop() }
        #expect(await eventually(within: 60) { Loopback.get(service.port, "/").body.contains("Bevarad Ett") })
        folder.write("site.yaml", "title: Bevarad Tre\ntagline: Testplats\nbase_url: https://test.example\nbuild_date: 2030-01-15\n")
        #expect(await eventually(within: 60) { Loopback.get(service.port, "/").body.contains("Bevarad Tre") })
    }
}
