import Foundation
import Testing
@testable import Anslag
@testable import AnslagCLI
#if canImport(Glibc)
import Glibc
#endif

/// The anslag binary `swift test` built next to the test runner; the preview's workers are this program.
let anslagBinary: URL = {
    let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    let beside = URL(fileURLWithPath: runner).deletingLastPathComponent().appendingPathComponent("anslag")
    return FileManager.default.isExecutableFile(atPath: beside.path) ? beside : repositoryRoot.appendingPathComponent(".build/debug/anslag")
}()

/// A plain HTTP/1.1 client over a loopback socket, so tests can also send what no browser would.
enum Loopback {
    /// A connected socket to 127.0.0.1:`port`, or -1.
    static func connect(_ port: UInt16) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if connected != 0 { close(fd); return -1 }
        return fd
    }

    @discardableResult
    static func send(_ fd: Int32, _ text: String) -> Bool { send(fd, Array(text.utf8)) }

    @discardableResult
    static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    /// Everything until the server closes the connection (or 5 s pass).
    static func receiveAll(_ fd: Int32) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return out }
            out += chunk[0..<count]
        }
    }

    /// GET `path` with `Connection: close`: the status and the body as text (status 0 when nothing came back).
    static func get(_ port: UInt16, _ path: String) -> (status: Int, body: String) {
        let fd = connect(port)
        guard fd >= 0 else { return (0, "") }
        defer { close(fd) }
        send(fd, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        let text = String(decoding: receiveAll(fd), as: UTF8.self)
        return parse(text)
    }

    static func parse(_ text: String) -> (status: Int, body: String) {
        guard let end = text.range(of: "\r\n\r\n") else { return (0, text) }
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, String(text[end.upperBound...]))
    }
}

/// Waits up to `seconds` for `condition`, looking every 50 ms, without holding a test thread meanwhile.
func eventually(within seconds: Double, _ condition: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))  // a cancelled sleep only shortens the wait; the condition decides
    }
    return condition()
}

/// `anslag serve` against small content folders: rebuilds, failures, crashes, hangs, abuse, a taken port.
/// Serialized: each test starts builds in worker processes, and the machine has two cores.
@Suite(.serialized) struct ServeTests {
    static let title = "Förhandsvisning Ett"

    /// A small world that builds, with a site title to look for.
    func content() -> ContentFolder {
        let folder = SmallWorld.folder(pots: "  - {id: p, title: P, amount: 10, recipient: skr}")
        folder.write("site.yaml", "title: \(Self.title)\ntagline: Testplats\nbase_url: https://test.example\nbuild_date: 2030-01-15\n")
        return folder
    }

    /// A running preview of `folder` on a free port; stop it with `service.stop()`.
    func start(_ folder: ContentFolder, worker: URL = anslagBinary, timeLimit: Duration = .seconds(60)) throws -> PreviewService {
        var configuration = PreviewService.Configuration(
            port: 0,
            worker: PreviewWorker(executable: worker, arguments: ["preview-worker", "--content", folder.root.path, "--templates", templatesPath], timeLimit: timeLimit).quiet,
            watched: [folder.root], say: { _ in }, complain: { _ in })
        configuration.pollInterval = .milliseconds(100)
        let service = try PreviewService(configuration)
        Thread { service.run() }.start()
        return service
    }

    @Test func servesAPageAndSeesAnEdit() async throws {
        let folder = content()
        let service = try start(folder)
        defer { service.stop() }
        #expect(await eventually(within: 60) { Loopback.get(service.port, "/").status == 200 })
        let first = Loopback.get(service.port, "/")
        #expect(first.body.contains(Self.title))
        #expect(!first.body.contains("role=\"alert\""))

        folder.write("site.yaml", "title: Förhandsvisning Två\ntagline: Testplats\nbase_url: https://test.example\nbuild_date: 2030-01-15\n")
        #expect(await eventually(within: 60) { Loopback.get(service.port, "/").body.contains("Förhandsvisning Två") })
    }

    @Test func aFailingBuildKeepsTheLastGoodSiteWithTheError() async throws {
        let folder = content()
        let service = try start(folder)
        defer { service.stop() }
        #expect(await eventually(within: 60) { Loopback.get(service.port, "/").status == 200 })

        folder.write("agreements/2030-test/agreement.yaml", SmallWorld.agreement(pots: "  - {id: p, title: P, amount: -5, recipient: skr}"))
        #expect(await eventually(within: 60) { service.site.currentNotice?.isFailure == true })
        let page = Loopback.get(service.port, "/")
        #expect(page.status == 200)
        #expect(page.body.contains(Self.title), "the last good site is still served")
        #expect(page.body.contains("Bygget misslyckades (1 fel)."))
        #expect(page.body.contains("agreements/2030-test/agreement.yaml:"), "the error's position is shown")
        let other = Loopback.get(service.port, "/finns-inte/")
        #expect(other.status == 404 && other.body.contains("Bygget misslyckades"), "every page carries the banner")

        folder.write("agreements/2030-test/agreement.yaml", SmallWorld.agreement(pots: "  - {id: p, title: P, amount: 10, recipient: skr}"))
        #expect(await eventually(within: 60) { service.site.currentNotice == nil })
        #expect(!Loopback.get(service.port, "/").body.contains("role=\"alert\""))
    }

    /// A worker that dies by a signal when `CRASH` is in the content, and hangs when `HANG` is, at
    /// the start of a rebuild; otherwise the real worker. Stands in for inputs that trap or hang the
    /// build. It speaks the kept-alive worker's protocol: each request line is handed to a real
    /// worker that answers that one request (`--requests` is among the arguments) and exits.
    func faultyWorker(_ folder: ContentFolder) throws -> URL {
        let script = folder.root.deletingLastPathComponent().appendingPathComponent("worker-\(UUID().uuidString).sh")
        try """
        #!/bin/sh
        while IFS= read -r line; do
            if [ -e '\(folder.root.path)/CRASH' ]; then echo 'Fatal error: simulated trap' >&2; kill -ILL $$; fi
            if [ -e '\(folder.root.path)/HANG' ]; then exec sleep 600; fi
            printf '%s\\n' "$line" | '\(anslagBinary.path)' "$@" || exit $?
        done
        """.write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        return script
    }

    @Test func aCrashingBuildIsReportedAndTheNextEditIsPickedUp() async throws {
        let folder = content()
        let worker = try faultyWorker(folder)
        defer { try? FileManager.default.removeItem(at: worker) }
        let service = try start(folder, worker: worker)
        defer { service.stop() }
        #expect(await eventually(within: 60) { Loopback.get(service.port, "/").status == 200 })

        folder.write("CRASH", "")
        #expect(await eventually(within: 30) { service.site.currentNotice?.isFailure == true })
        let page = Loopback.get(service.port, "/").body
        #expect(page.contains(Self.title))
        #expect(page.contains("Byggprocessen kraschade (signal \(SIGILL), "))
        #expect(page.contains("Fatal error: simulated trap"), "what the worker printed is shown")

        try FileManager.default.removeItem(at: folder.root.appendingPathComponent("CRASH"))
        #expect(await eventually(within: 60) { service.site.currentNotice == nil })
    }

    /// A small world builds in about 0.3 s here (debug build, idle machine), so a 5 s limit stops only the hang.
    @Test func aHangingBuildIsStoppedAtTheTimeLimit() async throws {
        let folder = content()
        let worker = try faultyWorker(folder)
        defer { try? FileManager.default.removeItem(at: worker) }
        let service = try start(folder, worker: worker, timeLimit: .seconds(5))
        defer { service.stop() }
        #expect(await eventually(within: 30) { Loopback.get(service.port, "/").status == 200 })

        folder.write("HANG", "")
        let clock = ContinuousClock()
        let start = clock.now
        #expect(await eventually(within: 15) { service.site.currentNotice?.isFailure == true })
        // 5 s limit plus the kill and report; generous for a loaded 2-core machine, far below a hang.
        #expect(clock.now - start < .seconds(15))
        let page = Loopback.get(service.port, "/").body
        #expect(page.contains(Self.title))
        #expect(page.contains("Bygget avbröts efter 5 s"))

        // The next edit is picked up: the hang is gone and the new title shows.
        try FileManager.default.removeItem(at: folder.root.appendingPathComponent("HANG"))
        folder.write("site.yaml", "title: Förhandsvisning Tre\ntagline: Testplats\nbase_url: https://test.example\nbuild_date: 2030-01-15\n")
        #expect(await eventually(within: 30) { Loopback.get(service.port, "/").body.contains("Förhandsvisning Tre") })
        #expect(service.site.currentNotice == nil)
    }

    /// The worker applies its memory limit: at 16 MB of resident memory it cannot even start its
    /// build, says so and stops itself with SIGKILL, which is reported with that line.
    @Test func theWorkerIsHeldToItsMemoryLimit() throws {
        let folder = content()
        let result = folder.root.deletingLastPathComponent().appendingPathComponent("result-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: result) }
        let arguments = ["preview-worker", "--content", folder.root.path, "--templates", templatesPath]
        let tight = PreviewWorker(executable: anslagBinary, arguments: arguments + ["--memory-limit", "16"], timeLimit: .seconds(60)).quiet
        guard case .crashed(let signal, let output) = tight.run(result: result, interrupted: { false }) else { Issue.record("a 16 MB worker should die"); return }
        #expect(signal == SIGKILL)
        #expect(output.contains("the rebuild used more than 16 MB of memory (--build-memory)"))
        let roomy = PreviewWorker(executable: anslagBinary, arguments: arguments + ["--memory-limit", "2048"], timeLimit: .seconds(60)).quiet
        guard case .built(let bundle) = roomy.run(result: result, interrupted: { false }) else { Issue.record("a 2048 MB worker should build"); return }
        #expect(bundle.files.contains { $0.path == "index.html" })
    }

    /// The guard reads resident pages, the second number of /proc/self/statm, and nothing else.
    @Test func theMemoryGuardReadsResidentPages() throws {
        #expect(MemoryGuard.residentPages(ArraySlice("6251 1712 1198 176 0 1125 0\n".utf8)) == 1712)
        #expect(MemoryGuard.residentPages(ArraySlice("6251\n".utf8)) == nil)
        #expect(MemoryGuard.residentPages(ArraySlice("6251 17x2 1198\n".utf8)) == nil)
        #expect(MemoryGuard.residentPages(ArraySlice("6251  1198\n".utf8)) == nil)
        let own = try #require(FileManager.default.contents(atPath: "/proc/self/statm"))
        #expect((MemoryGuard.residentPages(ArraySlice(own)) ?? 0) > 0)
    }

    @Test func survivesOversizedAndIdleConnections() async throws {
        var limits = PreviewServerLimits()
        limits.maxConnections = 16
        let server = try PreviewServer(port: 0, limits: limits) { _ in PreviewResponse(status: 200, contentType: "text/plain", body: Array("hej".utf8)) }
        server.start()
        defer { server.stop() }

        // A 1 MB request line: refused with 414 once 8 kB have arrived.
        let big = Loopback.connect(server.port)
        defer { close(big) }
        let sender = Thread { Loopback.send(big, "GET /" + String(repeating: "a", count: 1 << 20) + " HTTP/1.1\r\n\r\n") }
        sender.start()
        let refused = String(decoding: Loopback.receiveAll(big), as: UTF8.self)
        #expect(refused.hasPrefix("HTTP/1.1 414 "))

        // Forty idle connections and ten that stop in the middle of a head.
        let idle = (0..<40).map { _ in Loopback.connect(server.port) }
        let partial = (0..<10).map { _ in Loopback.connect(server.port) }
        defer { (idle + partial).forEach { close($0) } }
        #expect((idle + partial).allSatisfy { $0 >= 0 })
        partial.forEach { Loopback.send($0, "GET / HTTP/1.1\r\nX-Slow: ") }
        try await Task.sleep(for: .milliseconds(200))

        let clock = ContinuousClock()
        let start = clock.now
        let answer = Loopback.get(server.port, "/")
        #expect(clock.now - start < .seconds(1))
        #expect(answer.status == 200 && answer.body == "hej")
        #expect(server.openConnections <= 2 * limits.maxConnections)
    }

    @Test func idleConnectionsAreClosed() async throws {
        var limits = PreviewServerLimits()
        limits.idleTimeout = .milliseconds(300)
        limits.readTimeout = .milliseconds(300)
        let server = try PreviewServer(port: 0, limits: limits) { _ in PreviewResponse(status: 200, contentType: "text/plain", body: []) }
        server.start()
        defer { server.stop() }
        let idle = Loopback.connect(server.port)
        let slow = Loopback.connect(server.port)
        defer { close(idle); close(slow) }
        Loopback.send(slow, "GET / HTTP/1.1\r\n")
        let clock = ContinuousClock()
        let start = clock.now
        #expect(Loopback.receiveAll(idle).isEmpty, "an idle connection is closed without a word")
        #expect(String(decoding: Loopback.receiveAll(slow), as: UTF8.self).hasPrefix("HTTP/1.1 408 "))
        #expect(clock.now - start < .seconds(2))
        #expect(await eventually(within: 1) { server.openConnections == 0 })
    }

    @Test func onlyGetAndHeadForThisHost() async throws {
        let server = try PreviewServer(port: 0) { _ in PreviewResponse(status: 200, contentType: "text/plain", body: Array("hej".utf8)) }
        server.start()
        defer { server.stop() }
        func raw(_ request: String) -> String {
            let fd = Loopback.connect(server.port)
            defer { close(fd) }
            Loopback.send(fd, request)
            return String(decoding: Loopback.receiveAll(fd), as: UTF8.self)
        }
        #expect(raw("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").hasPrefix("HTTP/1.1 405 "))
        #expect(raw("GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n").hasPrefix("HTTP/1.1 421 "))
        let head = raw("HEAD / HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(head.hasPrefix("HTTP/1.1 200 ") && head.contains("Content-Length: 3\r\n") && head.hasSuffix("\r\n\r\n"))
        // Two requests on one kept-alive connection.
        let two = raw("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(two.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
    }

    @Test func oneLogLinePerRequestWhenAsked() async throws {
        let lines = LockedText()
        let server = try PreviewServer(port: 0, log: { lines.append($0 + "\n") }) { _ in PreviewResponse(status: 404, contentType: "text/plain", body: Array("nej".utf8)) }
        server.start()
        defer { server.stop() }
        _ = Loopback.get(server.port, "/a?b=c")
        _ = Loopback.get(server.port, "/d")
        #expect(await eventually(within: 1) { lines.text.split(separator: "\n").count == 2 })
        let logged = lines.text.split(separator: "\n").map(String.init)
        #expect(logged.first?.hasPrefix("GET /a?b=c 404 ") == true, "\(logged)")
        #expect(logged.last?.hasPrefix("GET /d 404 ") == true, "\(logged)")
    }

    @Test func aTakenPortIsAnErrorWithNonZeroExit() async throws {
        let holder = try PreviewServer(port: 0) { _ in PreviewResponse(status: 200, contentType: "text/plain", body: []) }
        defer { holder.stop() }
        #expect(throws: PreviewServerError.self) { try PreviewServer(port: holder.port) { _ in PreviewResponse(status: 200, contentType: "text/plain", body: []) } }

        let folder = content()
        let (status, out, err) = try await runAnslag(["serve", "--port", String(holder.port), "--content", folder.root.path, "--templates", templatesPath], timeout: 20)
        #expect(status == 1)
        #expect(!out.contains("serving on"))
        #expect(err.contains("error: port \(holder.port) on 127.0.0.1 is already in use"))
    }

    /// The real command: starts, answers, and stops cleanly on Ctrl-C (SIGINT).
    @Test func theCommandServesAndStopsOnInterrupt() async throws {
        let folder = content()
        let process = Process()
        process.executableURL = anslagBinary
        process.arguments = ["serve", "--port", "0", "--content", folder.root.path, "--templates", templatesPath]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let collected = LockedText()
        Thread {
            while true {
                let data = out.fileHandleForReading.availableData
                if data.isEmpty { return }
                collected.append(String(decoding: data, as: UTF8.self))
            }
        }.start()
        #expect(await eventually(within: 60) { collected.text.contains("built ") })
        let port = collected.text.firstMatch(of: /serving on http:\/\/127\.0\.0\.1:(\d+)\//).flatMap { UInt16($0.1) }
        guard let port else { Issue.record("no 'serving on' line: \(collected.text)"); return }
        #expect(Loopback.get(port, "/").body.contains(Self.title))
        kill(process.processIdentifier, SIGINT)
        #expect(await eventually(within: 10) { !process.isRunning })
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(Loopback.get(port, "/").status == 0, "the port is closed")
    }

    /// Runs the anslag binary to its end (killed after `timeout` seconds): status, stdout, stderr.
    func runAnslag(_ arguments: [String], timeout: Double) async throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = anslagBinary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if await !eventually(within: timeout, { !process.isRunning }) { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (process.terminationStatus,
                String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }
}

/// Text appended from one thread and read from another.
final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ""
    func append(_ more: String) { lock.lock(); value += more; lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return value }
}

extension PreviewWorker {
    /// The worker with its error output kept for the banner only, so a passing test prints none of it.
    var quiet: PreviewWorker {
        var worker = self
        worker.echoesOutput = false
        return worker
    }
}
