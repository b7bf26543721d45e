import ArgumentParser
import Anslag
import Foundation

/// `anslag serve`: a preview on 127.0.0.1 that rebuilds, in a worker process, when content or templates change.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site on 127.0.0.1, rebuilding on every change.",
        discussion: """
        Rebuilds run in a separate process, kept alive between them, with a time limit. A build that \
        fails, crashes or runs past the limit leaves the last good site in place, with the error shown \
        on top of every page; the next rebuild then starts a fresh process.
        """)

    @OptionGroup var options: ProjectOptions

    @Option(help: "The port to listen on (127.0.0.1 only; 0 picks a free one).")
    var port: Int = 8080

    @Option(help: "Seconds one rebuild may take before it is stopped.")
    var buildTimeout: Int = 60

    @Option(help: "Megabytes of memory one rebuild may use (a build of the bundled content peaks near 60).")
    var buildMemory: Int = 2048

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, found \(port)") }
        guard (1...3600).contains(buildTimeout) else { throw ValidationError("--build-timeout must be between 1 and 3600 seconds, found \(buildTimeout)") }
        guard (256...1_048_576).contains(buildMemory) else { throw ValidationError("--build-memory must be between 256 and 1048576 MB, found \(buildMemory)") }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let paths = try options.project()
        var configuration = PreviewService.Configuration(
            port: UInt16(port),
            worker: PreviewWorker(executable: Self.ownExecutable(), arguments: ["preview-worker"] + workerArguments(paths), timeLimit: .seconds(buildTimeout)),
            watched: [paths.content, paths.templates],
            say: { Output.info($0) }, complain: { Output.problem($0) })
        configuration.verbose = options.verbose
        let service: PreviewService
        do {
            service = try PreviewService(configuration)
        } catch {
            Output.problem("error: \(error)")
            throw ExitCode.failure
        }
        let stops = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { service.stop() }
            source.resume()
            return source
        }
        Output.info("serving on http://127.0.0.1:\(service.port)/ — rebuilding when \(ProjectPaths.display(paths.content))/ or \(ProjectPaths.display(paths.templates))/ change; Ctrl-C stops")
        service.run()
        stops.forEach { $0.cancel() }
    }

    /// The options the worker needs to build what this command would.
    func workerArguments(_ paths: ProjectPaths) -> [String] {
        var arguments = ["--content", paths.content.path, "--templates", paths.templates.path, "--memory-limit", String(buildMemory)]
        if let asOf = options.asOf { arguments += ["--as-of", asOf] }
        if options.strict { arguments.append("--strict") }
        if options.verbose { arguments.append("--verbose") }
        return arguments
    }

    /// The running binary, to start again as the worker.
    static func ownExecutable() -> URL {
        #if os(Linux)
        // Safe: should /proc be unreadable, Bundle.main below names the same binary (no value is made up).
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return URL(fileURLWithPath: path) }
        #endif
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }
}

/// The hidden `preview-worker` subcommand: rebuilds for `serve`, each result written to a file.
///
/// With `--result` it makes one rebuild and exits (status 0 built, 1 failed, 2 could not do its
/// job). With `--requests` it stays alive and answers one request per line on standard input,
/// `build<TAB>result path<TAB>previous digests path or nothing`, each with the line `done 0` or
/// `done 1` on standard output once the result is written; everything else it prints goes to
/// standard error. It exits when standard input ends. Between requests it keeps what makes the
/// next rebuild cheap (see `PreviewBuilder`).
struct PreviewWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview-worker",
        abstract: "Rebuilds for anslag serve (internal).",
        shouldDisplay: false)

    @OptionGroup var options: ProjectOptions

    @Option(help: "Where to write the result of one rebuild.")
    var result: String?

    @Flag(help: "Answer rebuild requests from standard input until it ends.")
    var requests = false

    @Option(help: "Megabytes of memory this process may use (resident; address space up to a gigabyte more).")
    var memoryLimit: Int?

    @Option(help: "The digests of the files serve holds (one 'digest path' a line): render only what differs.")
    var previous: String?

    func validate() throws {
        guard requests != (result != nil) else { throw ValidationError("give either --result or --requests") }
        guard !(requests && previous != nil) else { throw ValidationError("--previous goes with --result; with --requests each request names its own") }
        if let memoryLimit, !(1...1_048_576).contains(memoryLimit) {
            throw ValidationError("--memory-limit must be between 1 and 1048576 MB, found \(memoryLimit)")
        }
    }

    func run() throws {
        if let memoryLimit, let problem = MemoryGuard.start(megabytes: memoryLimit) {
            Output.problem("error: could not limit the preview worker's memory to \(memoryLimit) MB: \(problem)")
            throw ExitCode(2)
        }
        let session = try Session(options: options)
        let builder = PreviewBuilder(templates: session.paths.templates, displayPath: ProjectPaths.display(session.paths.templates))
        if let result {
            if try build(session, builder, result: result, previous: previous) { throw ExitCode.failure }
            return
        }
        // Replies go to the real standard output; anything printed goes to standard error, so a
        // stray line can never pass for a reply.
        let replies = dup(STDOUT_FILENO)
        guard replies >= 0, dup2(STDERR_FILENO, STDOUT_FILENO) >= 0 else {
            Output.problem("error: could not set up the preview worker's reply channel: \(String(cString: strerror(errno)))")
            throw ExitCode(2)
        }
        while let line = readLine(strippingNewline: true) {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, parts[0] == "build", !parts[1].isEmpty else {
                Output.problem("error: the preview worker's request is not 'build<TAB>result<TAB>previous': \(line.prefix(200))")
                throw ExitCode(2)
            }
            let failed = try build(session, builder, result: parts[1], previous: parts[2].isEmpty ? nil : parts[2])
            let reply = Array("done \(failed ? 1 : 0)\n".utf8)
            guard reply.withUnsafeBytes({ write(replies, $0.baseAddress, $0.count) }) == reply.count else {
                Output.problem("error: could not answer serve: \(String(cString: strerror(errno)))")
                throw ExitCode(2)
            }
        }
    }

    /// One rebuild, its result written to `result`; true when it failed.
    private func build(_ session: Session, _ builder: PreviewBuilder, result: String, previous: String?) throws -> Bool {
        var digests: [String: ContentDigest] = [:]
        if let previous {
            do {
                digests = try PreviewDigests.decode(Array(try Data(contentsOf: URL(fileURLWithPath: previous))))
            } catch {
                Output.problem("error: could not read the previous build's digests from \(previous): \(error)")
                throw ExitCode(2)
            }
        }
        let runner = try session.runner()
        var context = session.context(drafts: .shownWhenValid)
        let collected = CollectedFiles()
        let ran = builder.build(&context, runner: runner, previous: digests, into: collected.append)
        let site = context.site
        // Nil unless render ran to the end.
        var rendered: (files: [OutputFile], rendered: SiteFiles.Rendered)?
        if ran, let result = context.rendered { rendered = (collected.files.sorted { $0.path < $1.path }, result) }
        let failed = session.report(site) || rendered == nil
        // A draft with errors is left out of the preview; its errors are shown as warnings, so the rest still builds.
        let draftProblems = site.draftDiagnostics.sorted(by: { $0.key < $1.key }).flatMap { draft, diagnostics in
            diagnostics.all.map { d in Diagnostic(.warning, d.id, at: d.location, "utkastet \(draft) visas inte: \(d.message)", notes: d.notes) }
        }
        let bundle = PreviewBundle(failed: failed, diagnostics: site.diagnostics.all + draftProblems, files: failed ? [] : rendered?.files ?? [],
                                   digests: failed ? nil : rendered?.rendered.digests,
                                   pages: rendered?.rendered.pages ?? 0, renderedPages: rendered?.rendered.renderedPages ?? 0)
        do {
            try Data(bundle.encoded()).write(to: URL(fileURLWithPath: result))
        } catch {
            Output.problem("error: could not write the preview result to \(result): \(error)")
            throw ExitCode(2)
        }
        return failed
    }
}
